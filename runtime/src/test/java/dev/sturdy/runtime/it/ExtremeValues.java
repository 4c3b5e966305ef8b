package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Every attribute at the far end of what the compiler accepts: far beyond what a long of nanoseconds holds. */
@Singleton
@Requires(property = "sturdy-test.extremes", value = "true")
public class ExtremeValues {

    final AtomicInteger attempts = new AtomicInteger();

    @Retry(maxAttempts = Integer.MAX_VALUE, delay = "0ms", maxDelay = "100000000d", multiplier = 1e308,
            maxDuration = "100000000d", retryOn = IOException.class)
    @CircuitBreaker(window = 100_000, delay = "100000000d", successThreshold = Integer.MAX_VALUE)
    @RateLimit(permits = Integer.MAX_VALUE, period = "100000000d", maxWait = "100000000d")
    @Timeout("100000000d")
    @Bulkhead(maxConcurrent = Integer.MAX_VALUE, maxWaiting = Integer.MAX_VALUE, maxWait = "100000000d")
    public String everything() throws IOException {
        if (attempts.incrementAndGet() % 3 != 0) {
            throw new IOException("attempt " + attempts.get());
        }
        return "ok";
    }

    @Retry(maxAttempts = Integer.MAX_VALUE, delay = "0ms", maxDelay = "100000000d", retryOn = IOException.class)
    @CircuitBreaker(window = 100_000, delay = "100000000d")
    @RateLimit(permits = Integer.MAX_VALUE, period = "100000000d", maxWait = "100000000d")
    @Timeout("100000000d")
    @Bulkhead(maxConcurrent = Integer.MAX_VALUE, maxWaiting = Integer.MAX_VALUE)
    public CompletableFuture<String> everythingAsync() {
        if (attempts.incrementAndGet() % 3 != 0) {
            return CompletableFuture.failedFuture(new IOException("attempt " + attempts.get()));
        }
        return CompletableFuture.completedFuture("ok");
    }

    @Fanout(parallelism = Integer.MAX_VALUE, batchSize = Integer.MAX_VALUE)
    public List<Integer> fanout(List<Integer> items) {
        return items.stream().map(item -> item * 2).toList();
    }
}
