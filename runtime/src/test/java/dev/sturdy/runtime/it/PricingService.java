package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import dev.sturdy.exception.TimeoutExceededException;

@Singleton
public class PricingService {

    private final ScriptedDependency dependency;

    public PricingService(ScriptedDependency dependency) {
        this.dependency = dependency;
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0, retryOn = {IOException.class,
            TimeoutExceededException.class})
    @Timeout("1s")
    @Fallback(method = "cachedQuote")
    @CountedAttempt
    public String quote(String symbol) throws Exception {
        return dependency.call(symbol);
    }

    String cachedQuote(String symbol, Throwable failure) {
        return "cached:" + symbol + ":" + failure.getClass().getSimpleName();
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    @Timeout("1s")
    @Fallback(method = "cachedQuoteAsync")
    @CountedAttempt
    public CompletableFuture<String> quoteAsync(String symbol) {
        try {
            return CompletableFuture.completedFuture(dependency.call(symbol));
        } catch (Exception failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    CompletableFuture<String> cachedQuoteAsync(String symbol, Throwable failure) {
        return CompletableFuture.completedFuture("cached:" + symbol + ":" + failure.getClass().getSimpleName());
    }

    @Retry(maxAttempts = 2, delay = "100ms", jitter = 0)
    @Fallback(method = "staleQuote")
    public CompletionStage<String> quoteStage(String symbol) throws Exception {
        // throws instead of returning a failed stage: must be treated the same
        return CompletableFuture.completedFuture(dependency.call(symbol));
    }

    CompletionStage<String> staleQuote(String symbol) {
        return CompletableFuture.completedFuture("stale:" + symbol);
    }
}
