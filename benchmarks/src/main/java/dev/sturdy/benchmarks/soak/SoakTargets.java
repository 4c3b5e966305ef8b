package dev.sturdy.benchmarks.soak;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The soak's protected methods: every policy at once, with settings that make each of them act
 * (timeouts fire, the bulkhead queues and refuses, the breaker opens, retries wait). Each call
 * fails, takes a while or succeeds at random.
 */
@Singleton
public class SoakTargets {

    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "soak-dependency");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        later.shutdownNow();
    }

    @Retry(maxAttempts = 3, delay = "1ms", maxDelay = "5ms", retryOn = IOException.class)
    @CircuitBreaker(window = 50, failureRatio = 0.9, delay = "50ms")
    @RateLimit(permits = 100000, period = "1s", maxWait = "5ms")
    @Timeout("20ms")
    @Bulkhead(maxConcurrent = 6, maxWaiting = 8, maxWait = "10ms")
    public String sync() throws IOException, InterruptedException {
        int draw = ThreadLocalRandom.current().nextInt(100);
        if (draw < 30) {
            throw new IOException("dependency failed");
        }
        if (draw < 40) {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(30));
        }
        return "ok";
    }

    @Retry(maxAttempts = 3, delay = "1ms", maxDelay = "5ms", retryOn = IOException.class)
    @CircuitBreaker(window = 50, failureRatio = 0.9, delay = "50ms")
    @RateLimit(permits = 100000, period = "1s", maxWait = "5ms")
    @Timeout("20ms")
    @Bulkhead(maxConcurrent = 6, maxWaiting = 8)
    public CompletableFuture<String> async() {
        int draw = ThreadLocalRandom.current().nextInt(100);
        CompletableFuture<String> result = new CompletableFuture<>();
        if (draw < 30) {
            result.completeExceptionally(new IOException("dependency failed"));
        } else if (draw < 40) {
            later.schedule(() -> result.complete("ok"), ThreadLocalRandom.current().nextInt(30), TimeUnit.MILLISECONDS);
        } else if (draw < 42) {
            return result; // never completes: only the timeout ends it
        } else {
            result.complete("ok");
        }
        return result;
    }

    @Fanout(parallelism = 4, batchSize = 5)
    @Retry(maxAttempts = 2, delay = "1ms", retryOn = IOException.class)
    @Timeout("50ms")
    public List<Integer> fanout(List<Integer> items) throws IOException, InterruptedException {
        if (ThreadLocalRandom.current().nextInt(100) < 10) {
            throw new IOException("chunk failed");
        }
        TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(3));
        return items.stream().map(item -> item * 2).toList();
    }
}
