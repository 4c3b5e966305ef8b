package dev.sturdy.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** {@code sturdy.redis.failures}, when the application has Micrometer. */
@Singleton
@Requires(classes = MeterRegistry.class)
@Requires(beans = MeterRegistry.class)
final class MicrometerFailureCounter implements FailureCounter {

    private final Counter failures;

    MicrometerFailureCounter(MeterRegistry registry) {
        this.failures = Counter.builder("sturdy.redis.failures")
                .description("Redis operations of Sturdy's shared policies that failed or timed out").register(registry);
    }

    @Override
    public void failed() {
        failures.increment();
    }
}
