package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Five attempts, ten seconds apart and doubling: 150 s of back-off for a user test to skip. */
@Singleton
@Requires(property = "sturdy-test.slow-retry", value = "true")
public class SlowlyRetried {

    final AtomicInteger attempts = new AtomicInteger();

    @Retry(maxAttempts = 5, delay = "10s", maxDelay = "2m", jitter = 0)
    public String call() throws IOException {
        attempts.incrementAndGet();
        throw new IOException("still down");
    }
}
