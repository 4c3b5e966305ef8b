package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Sturdy's interceptor is the only one around a method, it calls the method itself on each
 * attempt; where another one is inside it, every attempt goes through that one too.
 */
class InnermostInterceptorTest {

    @Test
    void eachAttemptCallsTheMethodWhenSturdysIsTheOnlyInterceptor() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.innermost", "true"))) {
            FlakyTwice service = context.getBean(FlakyTwice.class);

            assertThat(service.call()).isEqualTo("third");
            assertThat(service.attempts.get()).isEqualTo(3);
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
        }
    }

    @Singleton
    @Requires(property = "sturdy-test.innermost", value = "true")
    static class FlakyTwice {

        final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxAttempts = 3, delay = "0ms", jitter = 0)
        String call() {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "third";
        }
    }
}
