package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Futures;
import io.micronaut.aop.MethodInvocationContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One subscription to a multi-valued method: the subscriber receives the elements of its attempts
 * one attempt after another (the method's publisher, again after a retry, then perhaps the
 * fallback's), and the strategies see each attempt as a future of its terminal signal. The
 * subscriber's demand passes to the attempt in flight, and no attempt is asked for more than the
 * subscriber asked for and has not yet received. Thread-safe.
 */
public final class StreamCall {

    /** No element of the attempt has passed on yet, and the call may still run again. */
    private static final int OPEN = 0;
    /** An element of the attempt has passed on: the call never runs again. */
    private static final int PASSING = 1;
    /** The call runs again: nothing more of the attempt passes on. */
    private static final int CUT = 2;
    /** The gate before the first attempt (a call that fails before it subscribes anything may run again); never changes. */
    private static final AtomicInteger NO_ATTEMPT = new AtomicInteger(CUT);

    private final MethodInvocationContext<Object, Object> context;
    private final Sinks.Many<Flux<Object>> attempts = Sinks.many().unicast().onBackpressureBuffer();
    /** The latest attempt's gate: whether its elements still pass on, decided once against a repeat. */
    private volatile AtomicInteger latest = NO_ATTEMPT;
    private volatile boolean left;

    StreamCall(MethodInvocationContext<Object, Object> context) {
        this.context = context;
    }

    MethodInvocationContext<Object, Object> context() {
        return context;
    }

    /**
     * Decides, once the latest attempt has failed, whether the call may run again: only if none of
     * its elements has passed on, and then none ever will (an element still on its way from an
     * attempt that a timeout cut ends that attempt instead), so that no subscriber sees an element
     * twice.
     */
    boolean mayRepeat() {
        AtomicInteger gate = latest;
        return gate.compareAndSet(OPEN, CUT) || gate.get() == CUT;
    }

    /** @return the elements of every attempt, in order, then the call's outcome */
    Flux<Object> elements() {
        return attempts.asFlux().concatMap(Function.identity(), 1);
    }

    /** The subscriber has cancelled: nothing more is passed on, not even the cancellation that follows. */
    void leave() {
        left = true;
    }

    /**
     * Subscribes the subscriber to one attempt's publisher once the previous attempt has ended.
     *
     * @param publisher the method's (or the fallback's) publisher
     * @return completes when the attempt ends: with {@code null} when it completes, with its failure;
     * cancelling it (a timeout, the subscriber leaving) cancels the attempt's subscription
     */
    synchronized CompletableFuture<Object> attempt(Publisher<Object> publisher) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        AtomicInteger gate = new AtomicInteger(OPEN);
        latest = gate;
        // the outcome is completed only after the attempt's own terminal signal has passed the cut,
        // so that an attempt that ends by itself never sees a cancellation after it
        Flux<Object> elements = Flux.from(publisher)
                .takeUntilOther(Mono.fromFuture(outcome, true).onErrorComplete())
                .takeWhile(element -> gate.get() == PASSING || gate.compareAndSet(OPEN, PASSING))
                // an attempt the gate ended has not completed: it was cut for a repeat
                .doOnComplete(() -> {
                    if (gate.get() == CUT) {
                        outcome.cancel(false);
                    } else {
                        outcome.complete(null);
                    }
                })
                .onErrorResume(failure -> {
                    outcome.completeExceptionally(failure);
                    return Mono.empty();
                })
                .doOnCancel(() -> outcome.cancel(false));
        if (left || attempts.tryEmitNext(elements).isFailure()) {
            outcome.completeExceptionally(new CancellationException("the subscriber has left"));
        }
        return outcome;
    }

    /** Ends the subscriber's stream with the call's outcome. */
    synchronized void end(Object ignored, Throwable failure) {
        if (left) {
            return;
        }
        if (failure == null) {
            attempts.tryEmitComplete();
        } else {
            attempts.tryEmitError(Futures.unwrap(failure));
        }
    }
}
