package dev.sturdy.runtime.core;

/**
 * The mark of a sync attempt that may be cancelled by interrupting its thread (a hedge that lost),
 * so that the policies around it on that thread count how it ends as a cancellation, the way they
 * count an async attempt's {@link java.util.concurrent.CancellationException}: not as a failure or
 * an overload of the dependency. Marks nest with the calls on a thread. Thread-safe: an attempt is
 * marked on its own thread and cancelled from any.
 */
public final class Cancellation {

    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

    private Cancellation enclosing;
    private volatile boolean cancelled;

    /**
     * @return a new mark, for an attempt that will {@link #enter()} it on the thread it runs on;
     * it may be cancelled before that
     */
    public static Cancellation mark() {
        return new Cancellation();
    }

    /** Makes this the mark of the attempt that starts now on this thread; {@link #exit()} it when it ends. */
    public void enter() {
        enclosing = CURRENT.get();
        CURRENT.set(this);
    }

    /** Ends the attempt on its thread: the enclosing one's mark, if any, is current again. */
    public void exit() {
        // set, not removed when null: the thread's entry stays for its next attempt, which is cheaper
        CURRENT.set(enclosing);
    }

    /** Records that the attempt is cancelled; call it before interrupting the attempt's thread. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * For a policy whose sync call just failed: read only then, so that success costs nothing.
     *
     * @return whether the attempt running on this thread, or one enclosing it, was cancelled
     */
    public static boolean cancelledHere() {
        for (Cancellation mark = CURRENT.get(); mark != null; mark = mark.enclosing) {
            if (mark.cancelled) {
                return true;
            }
        }
        return false;
    }
}
