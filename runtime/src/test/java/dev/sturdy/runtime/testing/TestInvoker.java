package dev.sturdy.runtime.testing;

import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.Sentinel;
import dev.sturdy.runtime.core.Strategy;

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
    public TestInvocation detach(TestInvocation invocation) {
        return invocation.detached();
    }

    @Override
    public Object[] arguments(TestInvocation invocation) {
        return invocation.arguments();
    }

    @Override
    public Runnable inCallerContext(Runnable task) {
        return task;
    }
}
