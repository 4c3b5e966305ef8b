package dev.sturdy.runtime.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call as strategies see it in unit tests: a body that receives the attempt number (1, 2, ...).
 */
public final class TestInvocation {

    /** The method body: for async modes it returns a stage, or throws. */
    @FunctionalInterface
    public interface Body {
        Object run(int attempt) throws Throwable;
    }

    private final Body body;
    private final Object[] arguments;
    private final AtomicInteger attempts;

    public TestInvocation(Body body, Object... arguments) {
        this(body, arguments, new AtomicInteger());
    }

    private TestInvocation(Body body, Object[] arguments, AtomicInteger attempts) {
        this.body = body;
        this.arguments = arguments;
        this.attempts = attempts;
    }

    Object proceed() throws Throwable {
        return body.run(attempts.incrementAndGet());
    }

    TestInvocation detached(Object[] newArguments) {
        return new TestInvocation(body, newArguments, attempts);
    }

    Object[] arguments() {
        return arguments;
    }

    /** @return how many times the body ran */
    public int attempts() {
        return attempts.get();
    }
}
