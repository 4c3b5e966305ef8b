package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.sturdy.runtime.time.SturdyClock;

/** Takes its retry delay from configuration, through a placeholder with a default. */
@Singleton
@Requires(property = "sturdy-test.configured", value = "true")
public class ConfiguredService {

    final List<Long> startedAt = new CopyOnWriteArrayList<>();
    final SturdyClock clock;

    ConfiguredService(SturdyClock clock) {
        this.clock = clock;
    }

    @Retry(maxAttempts = 2, delay = "${pricing.retry-delay:250ms}", jitter = 0)
    public String call() throws IOException {
        startedAt.add(clock.nanoTime());
        throw new IOException("always");
    }

    /** Times out after {@code pricing.timeout}, which a test sets to nonsense or leaves unset. */
    @Singleton
    @Requires(property = "sturdy-test.placeholder-timeout", value = "true")
    public static class Timed {
        @Timeout("${pricing.timeout}")
        public String timed() {
            return "timed";
        }
    }
}
