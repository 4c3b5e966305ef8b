package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Methods that wait on Sturdy (a timer, a queue, a token, a retry delay) for as long as the test wants. */
@Singleton
@Requires(property = "sturdy-test.shutdown", value = "true")
public class ShutdownService {

    /** What an attempt of {@link #retriedAsync} returns; the test sets it. */
    volatile Supplier<CompletableFuture<String>> attempt = () -> CompletableFuture.completedFuture("ok");
    final CountDownLatch sleeping = new CountDownLatch(1);

    @Timeout("1h")
    public CompletableFuture<String> timedAsync(CompletableFuture<String> work) {
        return work;
    }

    @Timeout("1h")
    public String timedSync() throws InterruptedException {
        sleeping.countDown();
        TimeUnit.HOURS.sleep(1);
        return "slept an hour";
    }

    @Bulkhead(maxConcurrent = 1, maxWaiting = 1, maxWait = "1h")
    public CompletableFuture<String> exclusiveAsync(CompletableFuture<String> work) {
        return work;
    }

    @Bulkhead(name = "exclusive-sync", maxConcurrent = 1, maxWaiting = 1, maxWait = "1h")
    public String exclusiveSync(CountDownLatch release) throws InterruptedException {
        release.await();
        return "released";
    }

    @RateLimit(permits = 1, period = "1h", maxWait = "2h")
    public CompletableFuture<String> limitedAsync() {
        return CompletableFuture.completedFuture("token");
    }

    @RateLimit(permits = 1, period = "1h", maxWait = "2h")
    public String limitedSync() {
        return "token";
    }

    @Retry(maxAttempts = 2, delay = "1h", maxDelay = "1h", jitter = 0)
    public String retriedSync() throws IOException {
        throw new IOException("down");
    }

    @Retry(maxAttempts = 2, delay = "200ms", jitter = 0)
    public CompletableFuture<String> retriedAsync() {
        return attempt.get();
    }
}
