package dev.sturdy.runtime.circuit;

import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.time.SturdyClock;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A circuit breaker's state, shared by every method that uses it. CLOSED records outcomes in a
 * rolling window and opens when a full window fails at least {@code failureRatio}; OPEN rejects
 * until {@code delay} has passed; then HALF_OPEN admits {@code successThreshold} trial calls at
 * most, closing with an empty window when all succeed and re-opening on the first failure. Every
 * transition goes through {@link #transition}, a compare-and-set from the exact phase left, which
 * also tells the listener; so each change happens, and is told, once. Thread-safe, and lock-free.
 *
 * @see CircuitBreakerStrategy
 */
public final class CircuitBreaker {

    private final CircuitBreakerPolicy policy;
    private final SturdyClock clock;
    private final long delay;
    /** A success that takes longer counts as a failure; 0 when calls are not timed. */
    private final long slowCallNanos;
    /** Whether the threshold is short enough that the clock's ticked time would misjudge it. */
    private final boolean preciseTiming;
    private final CircuitBreakerListener listener;
    private final AtomicReference<Phase> phase;
    /** The instances sharing this breaker, or {@code null}: a breaker of its own. */
    private volatile BreakerPeers peers;

    /**
     * @param policy the breaker's settings
     * @param clock times the open delay
     * @param listener told about every state change
     */
    public CircuitBreaker(CircuitBreakerPolicy policy, SturdyClock clock, CircuitBreakerListener listener) {
        this.policy = policy;
        this.delay = PolicyValues.saturatedNanos(policy.delay());
        this.slowCallNanos = policy.slowCall() == null ? 0 : PolicyValues.saturatedNanos(policy.slowCall());
        this.preciseTiming = slowCallNanos < 100 * clock.tickNanos();
        this.clock = clock;
        this.listener = listener;
        this.phase = new AtomicReference<>(closed());
    }

    /**
     * @return the policy this breaker was built from
     */
    public CircuitBreakerPolicy policy() {
        return policy;
    }

    /**
     * @return the current state; an OPEN breaker whose delay has passed reports OPEN until a call arrives
     */
    public CircuitState state() {
        return phase.get().state();
    }

    /**
     * @return whether an operator forced the current state (see {@link #forceOpen()}, {@link #forceClosed()})
     */
    public boolean forced() {
        return phase.get().forced();
    }

    /**
     * @return calls in the current window and how many of them failed; zeros unless CLOSED and counting
     */
    public int[] window() {
        return phase.get() instanceof Phase.Closed closed
                ? new int[] {(int) Math.min(closed.recorded(), policy.window()), closed.failures()}
                : new int[] {0, 0};
    }

    /** Opens the breaker until {@link #reset()} or {@link #forceClosed()}: every call is rejected. */
    public void forceOpen() {
        moveTo(new Phase.Open(clock.nanoTime(), true));
    }

    /** Closes the breaker until {@link #reset()} or {@link #forceOpen()}: every call passes, none is recorded. */
    public void forceClosed() {
        moveTo(new Phase.ForcedClosed());
    }

    /** Closes the breaker with an empty window, back to normal operation. */
    public void reset() {
        moveTo(closed());
    }

    private void moveTo(Phase target) {
        while (!transition(phase.get(), target, true, true)) {
            Thread.onSpinWait();
        }
    }

    /**
     * Shares this breaker with the other instances of the application: a state this instance
     * reaches, or an operator forces, is told to them, and HALF_OPEN trials are counted across all.
     *
     * @param shared the instances sharing it
     */
    public void share(BreakerPeers shared) {
        this.peers = shared;
    }

    /**
     * Moves to a state another instance reached, without telling the peers again.
     *
     * @param to OPEN or CLOSED
     * @param forced whether an operator forced it
     * @param openForNanos for OPEN, how long it stays open unless forced
     */
    public void movedElsewhere(CircuitState to, boolean forced, long openForNanos) {
        Phase target = to == CircuitState.OPEN ? new Phase.Open(clock.nanoTime() + Math.max(0, openForNanos), forced)
                : forced ? new Phase.ForcedClosed() : closed();
        while (true) {
            Phase current = phase.get();
            if (to == CircuitState.OPEN && current instanceof Phase.Open && current.forced() == forced) {
                return;
            }
            if (to == CircuitState.CLOSED && current.state() == CircuitState.CLOSED && current.forced() == forced) {
                return;
            }
            if (transition(current, target, forced, false)) {
                return;
            }
        }
    }

    /**
     * Admits a call or rejects it.
     *
     * @return the phase that admitted the call, to record its outcome against
     * @throws CircuitOpenException when the breaker is OPEN, or HALF_OPEN with every trial slot taken
     */
    Phase acquire() {
        Phase current = phase.get();
        return current instanceof Phase.Closed ? current : acquireWhenNotClosed(current);
    }

    private Phase acquireWhenNotClosed(Phase current) {
        while (true) {
            if (current instanceof Phase.Open open) {
                if (open.forced() || clock.nanoTime() - open.until < 0) {
                    throw new CircuitOpenException("circuit breaker " + policy.name() + " is OPEN" + (open.forced()
                            ? " (forced by an operator)" : "")
                            + ": the call was not attempted");
                }
                Phase trial = new Phase.HalfOpen(policy.successThreshold());
                current = transition(open, trial) ? trial : phase.get();
            } else if (current instanceof Phase.HalfOpen halfOpen) {
                BreakerPeers shared = peers;
                if (halfOpen.admit()) {
                    if (shared == null || shared.admitTrial()) {
                        return halfOpen;
                    }
                    halfOpen.release();
                }
                throw new CircuitOpenException("circuit breaker " + policy.name() + " is HALF_OPEN and all "
                        + policy.successThreshold() + " trial calls are in flight" + (shared == null ? "" : " across instances")
                        + ": the call was not attempted");
            } else {
                return current;
            }
        }
    }

    /** @return whether calls are timed, to count slow ones as failures */
    boolean timesCalls() {
        return slowCallNanos != 0;
    }

    /**
     * @return the time now, for a call to be timed from; only when {@link #timesCalls()}. The
     * clock's ticked time, a field read rather than a system call, when the threshold is at least a
     * hundred ticks (it may be off by a tick); the exact time for a shorter one
     */
    long callStarted() {
        return preciseTiming ? clock.nanoTime() : clock.tickedNanoTime();
    }

    /**
     * Records that a timed call admitted by {@code admitted} succeeded: a failure when it was slow.
     *
     * @param started what {@link #callStarted()} returned when the call was admitted
     */
    void onSuccess(Phase admitted, long started) {
        if (callStarted() - started > slowCallNanos) {
            recordFailure(admitted);
        } else {
            onSuccess(admitted);
        }
    }

    /**
     * Records that a call admitted by {@code admitted} succeeded.
     */
    void onSuccess(Phase admitted) {
        if (admitted instanceof Phase.Closed closed) {
            if (closed.record(false)) {
                transition(closed, open());
            }
        } else if (admitted instanceof Phase.HalfOpen halfOpen) {
            // counted here always, so that the count decides whenever the peers cannot
            boolean enoughHere = halfOpen.succeed();
            BreakerPeers shared = peers;
            if (shared == null) {
                if (enoughHere) {
                    transition(halfOpen, closed());
                }
                return;
            }
            if (phase.get() != halfOpen) {
                return; // a trial of a round already over (another instance opened or closed it meanwhile)
            }
            Boolean closedEverywhere = shared.trialSucceeded();
            if (closedEverywhere != null ? closedEverywhere : enoughHere) {
                // the peers were told by the store when it closed the breaker there
                transition(halfOpen, closed(), false, closedEverywhere == null);
            }
        }
    }

    /**
     * Records nothing for a call that was cancelled: it says nothing about the dependency. A
     * half-open trial's place goes back.
     *
     * @param admitted what {@link #acquire()} returned for the call
     */
    void onCancelled(Phase admitted) {
        if (admitted instanceof Phase.HalfOpen halfOpen) {
            halfOpen.release();
            BreakerPeers shared = peers;
            if (shared != null) {
                shared.trialReleased();
            }
        }
    }

    /**
     * Records how a call admitted by {@code admitted} failed: a cancellation is no outcome at all
     * (a trial's slot is freed), a failure matching {@code failOn} is a failure, any other a success.
     */
    void onFailure(Phase admitted, Throwable failure) {
        if (failure instanceof CancellationException) {
            onCancelled(admitted);
        } else if (!policy.failOn().matches(failure)) {
            onSuccess(admitted);
        } else {
            recordFailure(admitted);
        }
    }

    private void recordFailure(Phase admitted) {
        if (admitted instanceof Phase.Closed closed) {
            if (closed.record(true)) {
                transition(closed, open());
            }
        } else if (admitted instanceof Phase.HalfOpen halfOpen) {
            transition(halfOpen, open());
        }
    }

    private boolean transition(Phase from, Phase to) {
        return transition(from, to, false, true);
    }

    /**
     * @param byOperator whether an operator forced it (here or, not {@code tellPeers}, elsewhere)
     * @param tellPeers whether the instances sharing the breaker are told: not of a state they told
     */
    private boolean transition(Phase from, Phase to, boolean byOperator, boolean tellPeers) {
        if (!phase.compareAndSet(from, to)) {
            return false;
        }
        if (byOperator) {
            listener.onStateForced(policy.name(), from.state(), to.state());
        } else {
            listener.onStateChange(policy.name(), from.state(), to.state());
        }
        BreakerPeers shared = peers;
        if (shared != null && tellPeers && to.state() != CircuitState.HALF_OPEN) {
            shared.moved(to.state(), to.forced(), to instanceof Phase.Open open && !open.forced()
                    ? Math.max(0, open.until - clock.nanoTime()) : 0);
        }
        return true;
    }

    private Phase.Closed closed() {
        return new Phase.Closed(policy.window(), policy.failureRatio());
    }

    private Phase.Open open() {
        return new Phase.Open(clock.nanoTime() + delay, false);
    }

    @Override
    public String toString() {
        return "circuit breaker " + policy.name() + " (" + state() + ", window " + policy.window() + ", failure ratio "
                + policy.failureRatio() + ", delay " + PolicyValues.format(policy.delay()) + ")";
    }
}
