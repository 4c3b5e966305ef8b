package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.Strategy;
import io.micronaut.aop.MethodInvocationContext;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

/**
 * The chain of a method whose publisher emits at most one element. The caller gets a publisher of
 * the method's type at once; each subscription to it runs the chain as a {@code CompletionStage}
 * call does, without blocking a thread, and cancelling the subscription cancels the call (the
 * pending retry, the queued bulkhead call, the attempt in flight). Nothing runs before a
 * subscription. Immutable and thread-safe.
 *
 * @param head the outermost strategy, over a {@link SingleInvoker}
 * @param invoker detaches the call for a second subscription
 * @param type the method's return type
 */
public record SingleChain(Strategy<MethodInvocationContext<Object, Object>> head,
        Invoker<MethodInvocationContext<Object, Object>> invoker, ReactiveType type) implements MethodChain {

    @Override
    public Object run(MethodInvocationContext<Object, Object> context) {
        Subscriptions subscriptions = new Subscriptions(invoker, context);
        return type.fromPublisher(Mono.create(subscriber -> {
            CompletableFuture<Object> work = head.callAsync(subscriptions.next());
            subscriber.onCancel(() -> work.cancel(true));
            work.whenComplete((value, failure) -> {
                if (failure != null) {
                    subscriber.error(Futures.unwrap(failure));
                } else {
                    subscriber.success(value);
                }
            });
        }));
    }
}
