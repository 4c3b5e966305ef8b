package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Async methods whose futures fail the way library futures do: wrapped in a
 * {@link java.util.concurrent.CompletionException} ({@code supplyAsync}), or cancelled by the
 * method itself.
 */
@Singleton
@Requires(property = "sturdy-test.async-outcomes", value = "true")
public class AsyncOutcomes {

    final AtomicInteger attempts = new AtomicInteger();

    private static CompletableFuture<String> failingWrapped() {
        return CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("boom");
        });
    }

    @CircuitBreaker
    public CompletableFuture<String> breaker() {
        return failingWrapped();
    }

    @Bulkhead
    public CompletableFuture<String> bulkhead() {
        return failingWrapped();
    }

    @RateLimit(permits = 1000)
    public CompletableFuture<String> rateLimit() {
        return failingWrapped();
    }

    @Retry(maxAttempts = 1)
    public CompletableFuture<String> retry() {
        return failingWrapped();
    }

    @Timeout("10s")
    public CompletableFuture<String> timeout() {
        return failingWrapped();
    }

    @Retry(maxAttempts = 3, delay = "0ms")
    public CompletableFuture<String> cancelsItself() {
        attempts.incrementAndGet();
        CompletableFuture<String> work = new CompletableFuture<>();
        work.cancel(false);
        return work;
    }
}
