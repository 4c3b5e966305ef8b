package dev.sturdy.runtime.hedge;

/**
 * Told about every hedge started, won, or refused by its budget. Called on the thread where it
 * happens: implementations are quick, thread-safe, and never throw.
 */
public interface HedgeListener {

    /** Tells nobody. */
    HedgeListener NONE = new HedgeListener() { };

    /**
     * @param method {@code SimpleClass#method}
     * @param attempt the attempt started, from 2 (the first hedge)
     */
    default void hedged(String method, int attempt) {
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param attempt the attempt whose success ended the call, from 2: a hedge won
     */
    default void hedgeWon(String method, int attempt) {
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param budget the retry budget that had no room for the hedge, which did not start
     */
    default void hedgeBudgetExhausted(String method, String budget) {
    }
}
