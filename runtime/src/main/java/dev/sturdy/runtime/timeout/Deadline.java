package dev.sturdy.runtime.timeout;

import java.util.function.Supplier;

/**
 * The deadline of the innermost {@code @Timeout} the current thread is working under, so that a
 * timeout nested inside another never outlives the outer one's budget. Set on the thread that runs
 * the work (a sync timeout's worker, or the thread that starts an async call).
 */
final class Deadline {

    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    private Deadline() {
    }

    /**
     * @param now the clock's current time
     * @return the time left before the enclosing deadline, or {@link Long#MAX_VALUE} when there is none
     */
    static long remaining(long now) {
        Long deadline = CURRENT.get();
        return deadline == null ? Long.MAX_VALUE : deadline - now;
    }

    /**
     * Runs {@code work} on this thread with {@code deadline} as the enclosing deadline.
     */
    static <T> T within(long deadline, Supplier<T> work) {
        Long outer = CURRENT.get();
        CURRENT.set(deadline);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
