package dev.sturdy.runtime.testing;

import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.Sentinel;
import dev.sturdy.runtime.core.Strategy;

import java.util.function.UnaryOperator;

/** Proceeds with a {@link TestInvocation}; carries no context. */
public final class TestInvoker implements Invoker<TestInvocation> {

    public static final TestInvoker INSTANCE = new TestInvoker();

    public static Strategy<TestInvocation> sentinel() {
        return new Sentinel<>(INSTANCE, "Service#call");
    }

    @Override
    public Object proceed(TestInvocation invocation) throws Throwable {
        return invocation.proceed();
    }

    @Override
    public TestInvocation detach(TestInvocation invocation, Object[] arguments) {
        return invocation.detached(arguments);
    }

    @Override
    public Object[] arguments(TestInvocation invocation) {
        return invocation.arguments();
    }

    @Override
    public UnaryOperator<Runnable> captureContext() {
        return UnaryOperator.identity();
    }
}
