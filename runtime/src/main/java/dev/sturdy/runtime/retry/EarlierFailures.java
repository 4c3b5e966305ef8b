package dev.sturdy.runtime.retry;

import dev.sturdy.exception.SturdyException;

import java.util.Arrays;

/**
 * The failures of one call's earlier attempts, to attach to the last one as suppressed: the first
 * {@link #KEPT} of them and how many there were in all, so that what a call keeps, and the time it
 * takes to attach them, does not grow with {@code maxAttempts}. Not thread-safe: one call's
 * attempts never overlap.
 */
final class EarlierFailures {

    /** How many earlier failures are attached; the rest are counted. */
    static final int KEPT = 4;

    private final String method;
    private Throwable[] kept;
    private int count;

    /**
     * @param method the method as {@code SimpleClass#method}, for the message on the omitted failures
     */
    EarlierFailures(String method) {
        this.method = method;
    }

    void add(Throwable failure) {
        if (kept == null) {
            kept = new Throwable[KEPT];
        }
        if (count < KEPT) {
            kept[count] = failure;
        }
        count++;
    }

    /** Takes back the failure added last: its retry could not be started, so it stays the last. */
    void removeLast() {
        count--;
        if (count < KEPT) {
            kept[count] = null;
        }
    }

    /**
     * @return {@code last}, with the kept failures that are not {@code last} itself, nor already
     * attached to it, attached once, and a {@link SturdyException} saying how many more there were
     */
    Throwable attachTo(Throwable last) {
        if (count == 0) {
            return last;
        }
        for (int i = 0; i < Math.min(count, KEPT); i++) {
            Throwable failure = kept[i];
            if (failure != last && !Arrays.asList(last.getSuppressed()).contains(failure)) {
                last.addSuppressed(failure);
            }
        }
        if (count > KEPT) {
            last.addSuppressed(new OmittedFailures(method + ": " + (count - KEPT) + " more failures of earlier attempts "
                    + "are not attached; the first " + KEPT + " are"));
        }
        return last;
    }

    /** Stands for the earlier failures that were counted, not kept. */
    private static final class OmittedFailures extends SturdyException {

        private static final long serialVersionUID = 1L;

        OmittedFailures(String message) {
            super(message, false);
        }
    }
}
