package dev.sturdy.dashboard;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/** A protected bean for the dashboard to show: a breaker, a bulkhead, a rate limit and a fan-out. */
@Singleton
class Pricing {

    @Retry(maxAttempts = 2, delay = "1ms")
    @CircuitBreaker(name = "pricing", window = 4, failureRatio = 0.5, delay = "1h")
    @Bulkhead(name = "pricing", maxConcurrent = 4)
    @RateLimit(name = "partner", permits = 1000, period = "1s")
    String quote(String symbol) throws IOException {
        if (symbol.startsWith("!")) {
            throw new IOException("refused " + symbol);
        }
        return symbol;
    }

    @Fanout(parallelism = 2, batchSize = 10)
    List<String> quotes(List<String> symbols) {
        return symbols;
    }
}
