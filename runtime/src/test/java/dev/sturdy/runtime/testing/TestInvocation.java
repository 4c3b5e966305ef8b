package dev.sturdy.runtime.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call as strategies see it in unit tests: a body that receives the attempt number (1, 2, ...),
 * or one that receives its arguments (a fan-out's chunk, for one). Detached copies share the count.
 */
public final class TestInvocation {

    /** The method body: for async modes it returns a stage, or throws. */
    @FunctionalInterface
    public interface Body {
        Object run(int attempt) throws Throwable;
    }

    /** A method body that works with its arguments. */
    @FunctionalInterface
    public interface ArgumentsBody {
        Object run(Object[] arguments) throws Throwable;
    }

    private final Body body;
    private final ArgumentsBody argumentsBody;
    private final Object[] arguments;
    private final AtomicInteger attempts;

    public TestInvocation(Body body, Object... arguments) {
        this(body, null, arguments, new AtomicInteger());
    }

    private TestInvocation(Body body, ArgumentsBody argumentsBody, Object[] arguments, AtomicInteger attempts) {
        this.body = body;
        this.argumentsBody = argumentsBody;
        this.arguments = arguments;
        this.attempts = attempts;
    }

    /** @return an invocation whose body receives its arguments (or its detached copy's) */
    public static TestInvocation withArguments(ArgumentsBody body, Object... arguments) {
        return new TestInvocation(null, body, arguments, new AtomicInteger());
    }

    Object proceed() throws Throwable {
        int attempt = attempts.incrementAndGet();
        return body != null ? body.run(attempt) : argumentsBody.run(arguments);
    }

    TestInvocation detached(Object[] newArguments) {
        return new TestInvocation(body, argumentsBody, newArguments, attempts);
    }

    Object[] arguments() {
        return arguments;
    }

    /** @return how many times the body ran */
    public int attempts() {
        return attempts.get();
    }
}
