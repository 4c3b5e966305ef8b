package dev.sturdy.runtime.it;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An async caller sees one behaviour, whatever the annotations on the method. */
class AsyncOutcomesIntegrationTest {

    private static ApplicationContext context;
    private static AsyncOutcomes service;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(Map.of("sturdy-test.async-outcomes", "true"));
        service = context.getBean(AsyncOutcomes.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"breaker", "bulkhead", "rateLimit", "retry", "timeout"})
    void aFailureArrivesAsTheMethodThrewItWithoutACompletionExceptionAroundIt(String method) throws Exception {
        CompletableFuture<String> call = switch (method) {
            case "breaker" -> service.breaker();
            case "bulkhead" -> service.bulkhead();
            case "rateLimit" -> service.rateLimit();
            case "retry" -> service.retry();
            default -> service.timeout();
        };

        Throwable seen = call.handle((value, failure) -> failure).get(10, TimeUnit.SECONDS);

        assertThat(seen).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    void aFutureTheMethodCancelledItselfIsNotRetriedAndDoesNotLookCancelledByTheCaller() {
        CompletableFuture<String> call = service.cancelsItself();

        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CancellationException.class);
        assertThat(call.isCancelled()).isFalse();
        assertThat(service.attempts).hasValue(1);
    }
}
