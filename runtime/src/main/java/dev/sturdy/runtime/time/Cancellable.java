package dev.sturdy.runtime.time;

/**
 * A scheduled task that can still be called off.
 *
 * @see SturdyClock#schedule(Runnable, long)
 */
@FunctionalInterface
public interface Cancellable {

    /** Makes sure the task does not run if it has not started yet; does nothing otherwise. */
    void cancel();
}
