package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.fanout.StreamFanout;
import io.micronaut.aop.MethodInvocationContext;

/**
 * Proceeds with a fan-out that returns a publisher as though it were the method: what the policies
 * outside {@code @Fanout} see as one call is the whole fan-out, whose chunks pass the policies inside
 * it on their own. Thread-safe.
 */
public final class FanoutStreamInvoker extends ForwardingInvoker {

    private final StreamFanout<MethodInvocationContext<Object, Object>> fanout;

    /**
     * @param delegate proceeds through Micronaut
     * @param fanout runs the chunks
     */
    public FanoutStreamInvoker(Invoker<MethodInvocationContext<Object, Object>> delegate,
            StreamFanout<MethodInvocationContext<Object, Object>> fanout) {
        super(delegate);
        this.fanout = fanout;
    }

    /** @return the chunks' elements in input order, drawn when subscribed to */
    @Override
    public Object proceed(MethodInvocationContext<Object, Object> invocation) {
        return fanout.run(invocation);
    }
}
