package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.fallback.FallbackCall;
import io.micronaut.aop.MethodInvocationContext;

import java.util.function.UnaryOperator;

/**
 * Proceeds with a multi-valued method for one subscription: each attempt's elements go to the
 * subscriber, and the strategies get a future of the attempt's terminal signal. Once an element has
 * gone, the call is not run again. Thread-safe.
 */
public final class StreamInvoker implements Invoker<StreamCall> {

    private final Invoker<MethodInvocationContext<Object, Object>> delegate;
    private final ReactiveType type;

    /**
     * @param delegate proceeds through Micronaut
     * @param type the method's return type
     */
    public StreamInvoker(Invoker<MethodInvocationContext<Object, Object>> delegate, ReactiveType type) {
        this.delegate = delegate;
        this.type = type;
    }

    /** @return the attempt: a future of its terminal signal */
    @Override
    public Object proceed(StreamCall call) throws Throwable {
        return call.attempt(type.toPublisher(delegate.proceed(call.context())));
    }

    /**
     * @param fallback calls the fallback method, which returns the same reactive type
     * @return calls it and passes its elements on as one more attempt
     */
    public FallbackCall<StreamCall> subscribing(FallbackCall<MethodInvocationContext<Object, Object>> fallback) {
        return (call, failure) -> call.attempt(type.toPublisher(fallback.invoke(call.context(), failure)));
    }

    @Override
    public boolean mayRepeat(StreamCall call) {
        return call.mayRepeat();
    }

    /** @throws UnsupportedOperationException always: a stream's attempts run on its subscription, one at a time */
    @Override
    public StreamCall detach(StreamCall call, Object[] arguments) {
        throw new UnsupportedOperationException("a stream's attempts run one at a time, on its subscription");
    }

    @Override
    public Object[] arguments(StreamCall call) {
        return delegate.arguments(call.context());
    }

    @Override
    public UnaryOperator<Runnable> captureContext() {
        return delegate.captureContext();
    }
}
