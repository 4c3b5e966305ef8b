package dev.sturdy.runtime.event;

/**
 * A hedged call started an extra attempt, was won by one, or could not start one because its
 * retry budget was spent.
 *
 * @param method {@code SimpleClass#method}
 * @param kind what happened
 * @param attempt the attempt started or winning, from 2 (the first hedge); 0 for {@link Kind#BUDGET_EXHAUSTED}
 * @param budget the retry budget that had no room, for {@link Kind#BUDGET_EXHAUSTED}; else {@code null}
 */
public record HedgeEvent(String method, Kind kind, int attempt, String budget) implements SturdyEvent {

    /** What happened to the hedged call. */
    public enum Kind {
        /** An extra attempt started: the earlier ones had not completed within the delay. */
        STARTED,
        /** An extra attempt succeeded first: its result is the call's, and the others were cancelled. */
        WON,
        /** No extra attempt started: the retry budget that hedges spend had no room. */
        BUDGET_EXHAUSTED
    }
}
