package dev.sturdy.runtime.chaos;

import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.core.Relay;
import dev.sturdy.runtime.core.Strategy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Injects a method's faults and latency, innermost (every policy sees them as the method's own):
 * a slowed sync call sleeps on its thread before the method runs, interruptibly, so a timeout ends
 * it as it would end slow work; a slowed async call starts the method on the clock, later, and
 * cancelling it cancels the wait; a fault is thrown, or fails the future, instead of running the
 * method. While the switch is off a call costs one volatile read. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class ChaosStrategy<I> implements Strategy<I> {

    private final ChaosSwitch chaos;
    private final Strategy<I> delegate;
    private final Facilities<I> facilities;
    private final ChaosListener listener;

    /**
     * @param chaos the method's switch
     * @param delegate the strategy inside this one: the method
     * @param facilities the clock that times injected latency, the invoker that carries the
     *                   caller's context to a delayed async start
     * @param listener told about every fault and latency injected
     */
    public ChaosStrategy(ChaosSwitch chaos, Strategy<I> delegate, Facilities<I> facilities, ChaosListener listener) {
        this.chaos = chaos;
        this.delegate = delegate;
        this.facilities = facilities;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        ChaosPolicy policy = chaos.current();
        if (policy == null) {
            return delegate.call(invocation);
        }
        if (slows(policy)) {
            listener.latencyInjected(policy.method(), policy.latency());
            if (!facilities.clock().sleep(PolicyValues.saturatedNanos(policy.latency()))) {
                throw Futures.shuttingDown(policy.method());
            }
        }
        if (fails(policy)) {
            throw fault(policy);
        }
        return delegate.call(invocation);
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        ChaosPolicy policy = chaos.current();
        if (policy == null) {
            return delegate.callAsync(invocation);
        }
        boolean fails = fails(policy);
        if (!slows(policy)) {
            return fails ? CompletableFuture.failedFuture(fault(policy)) : delegate.callAsync(invocation);
        }
        listener.latencyInjected(policy.method(), policy.latency());
        return Relay.later(facilities, PolicyValues.saturatedNanos(policy.latency()),
                () -> fails ? CompletableFuture.failedFuture(fault(policy)) : delegate.callAsync(invocation),
                () -> Futures.shuttingDown(policy.method()));
    }

    private static boolean slows(ChaosPolicy policy) {
        return !policy.latency().isZero() && policy.latencyRate() > 0
                && ThreadLocalRandom.current().nextDouble() < policy.latencyRate();
    }

    private static boolean fails(ChaosPolicy policy) {
        return policy.faultRate() > 0 && ThreadLocalRandom.current().nextDouble() < policy.faultRate();
    }

    private Exception fault(ChaosPolicy policy) {
        Exception fault = policy.fault();
        listener.faultInjected(policy.method(), fault);
        return fault;
    }
}
