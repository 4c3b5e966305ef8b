package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import io.micronaut.aop.chain.MethodInterceptorChain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Sturdy's interceptor is the only one around a method, it calls the method itself on each
 * attempt, without walking Micronaut's chain again; where another one is inside it, every attempt
 * goes through that one too.
 */
class InnermostInterceptorTest {

    @Test
    void eachAttemptCallsTheMethodWhenSturdysIsTheOnlyInterceptor() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.innermost", "true"))) {
            FlakyTwice service = context.getBean(FlakyTwice.class);

            assertThat(service.call()).isEqualTo("third");
            assertThat(service.attempts.get()).isEqualTo(3);
            assertThat(service.chainStepsSeen).as("only the proxy's entry into Micronaut's chain").isEqualTo(1);
        }
    }

    @Test
    void anInterceptorBoundToASturdyAnnotationSeesEveryAttempt() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.innermost", "true",
                "sturdy-test.retry-audit", "true"))) {
            FlakyTwice service = context.getBean(FlakyTwice.class);

            assertThat(service.call()).isEqualTo("third");
            assertThat(service.attempts.get()).isEqualTo(3);
            assertThat(context.getBean(RetryAuditInterceptor.class).entered.get()).isEqualTo(3);
            assertThat(service.chainStepsSeen).as("the proxy's entry, then the chain walked from Sturdy's to the other")
                    .isGreaterThan(1);
        }
    }

    @Singleton
    @Requires(property = "sturdy-test.innermost", value = "true")
    static class FlakyTwice {

        final AtomicInteger attempts = new AtomicInteger();
        /** How many steps of Micronaut's interceptor chain the last attempt was called through. */
        volatile long chainStepsSeen;

        @Retry(maxAttempts = 3, delay = "0ms", jitter = 0)
        String call() {
            chainStepsSeen = StackWalker.getInstance().walk(frames -> frames
                    .filter(frame -> frame.getClassName().equals(MethodInterceptorChain.class.getName())
                            && frame.getMethodName().equals("proceed"))
                    .count());
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "third";
        }
    }
}
