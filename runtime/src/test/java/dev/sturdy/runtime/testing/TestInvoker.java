package dev.sturdy.runtime.testing;

import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.Sentinel;
import dev.sturdy.runtime.core.Strategy;

import dev.sturdy.runtime.time.SturdyClock;

import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/** Proceeds with a {@link TestInvocation}; carries no context. */
public final class TestInvoker implements Invoker<TestInvocation> {

    public static final TestInvoker INSTANCE = new TestInvoker();

    /** @return facilities whose invoker is this one, with {@code clock}, a fresh registry and {@code workers} */
    public static Facilities<TestInvocation> facilities(SturdyClock clock, InFlight inFlight, Executor workers) {
        return new Facilities<>(INSTANCE, clock, inFlight, workers);
    }

    /** @return facilities whose invoker is this one, with {@code clock}, a fresh registry, and no workers */
    public static Facilities<TestInvocation> facilities(SturdyClock clock) {
        return facilities(clock, new InFlight(), task -> {
            throw new AssertionError("no worker thread expected");
        });
    }

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
