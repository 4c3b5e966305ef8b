package dev.sturdy.runtime.circuit;

/**
 * The other instances of an application that share one breaker, through a store ({@code sturdy-redis}):
 * what this instance's breaker tells them, and asks them in HALF_OPEN. Implementations answer
 * within a bounded time, deciding for themselves when the store does not answer, and are
 * thread-safe.
 *
 * @see CircuitBreaker#share(BreakerPeers)
 */
public interface BreakerPeers {

    /**
     * This instance's breaker moved by itself (failures opened it, trials closed it) or by an operator.
     *
     * @param to the new state: OPEN or CLOSED (HALF_OPEN is not told: every instance half-opens when its delay passes)
     * @param forced whether an operator forced it, to stay until reset
     * @param openForNanos for OPEN, how long it stays open unless forced
     */
    void moved(CircuitState to, boolean forced, long openForNanos);

    /** @return whether one more HALF_OPEN trial may start, counting every instance's trials */
    boolean admitTrial();

    /** A trial this instance admitted was cancelled: its place goes back. */
    void trialReleased();

    /**
     * A trial this instance admitted succeeded.
     *
     * @return whether trials across instances have now succeeded {@code successThreshold} times, so
     * that the breaker closes (and the peers are told); {@code null} when the store could not say,
     * and this instance's own count decides
     */
    Boolean trialSucceeded();
}
