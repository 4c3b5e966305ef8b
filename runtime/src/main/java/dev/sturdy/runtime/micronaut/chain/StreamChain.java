package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.Strategy;
import io.micronaut.aop.MethodInvocationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

import java.util.concurrent.CompletableFuture;

/**
 * The chain of a method whose publisher emits any number of elements. The caller gets a publisher
 * of the method's type at once; each subscription to it is one call: the timeout bounds it from
 * subscription to the terminal signal, the breaker records that signal, a bulkhead permit is held
 * until then, a retry subscribes again only when no element has been passed on, and the fallback's
 * elements follow a failure. Cancelling the subscription cancels the call. Nothing runs before a
 * subscription. Immutable and thread-safe.
 *
 * @param head the outermost strategy, over a {@link StreamInvoker}
 * @param invoker detaches the call for a second subscription
 * @param type the method's return type
 */
public record StreamChain(Strategy<StreamCall> head, Invoker<MethodInvocationContext<Object, Object>> invoker,
        ReactiveType type) implements MethodChain {

    @Override
    public Object run(MethodInvocationContext<Object, Object> context) {
        Subscriptions subscriptions = new Subscriptions(invoker, context);
        return type.fromPublisher(Flux.defer(() -> {
            StreamCall call = new StreamCall(subscriptions.next());
            CompletableFuture<Object> work = head.callAsync(call);
            work.whenComplete(call::end);
            return call.elements()
                    .doFinally(signal -> {
                        if (signal == SignalType.CANCEL) {
                            work.cancel(true);
                        }
                    })
                    .doOnCancel(call::leave);
        }));
    }
}
