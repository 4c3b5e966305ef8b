package dev.sturdy.annotation;

/**
 * How a {@link Fanout} call handles a failing chunk.
 */
public enum FanoutErrors {

    /**
     * The first failure cancels the chunks not finished, starts no new ones, and is thrown as it
     * is, later failures attached as suppressed exceptions.
     */
    FAIL_FAST,

    /**
     * Every chunk runs; if any failed, a {@link dev.sturdy.exception.FanoutException} carries the
     * partial results and the failures by item index.
     */
    COLLECT
}
