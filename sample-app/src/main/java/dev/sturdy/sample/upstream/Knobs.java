package dev.sturdy.sample.upstream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/**
 * How badly the upstream behaves, changed while it runs through {@code PUT /knobs}: a share of
 * calls fail, every call takes {@code latency}, and a share of calls hang for {@code slowness}.
 * Starts from {@code sample.flaky.*}. Thread-safe: a change replaces the settings at once.
 */
@Singleton
@Requires(env = Upstream.ENVIRONMENT)
public class Knobs {

    private volatile Settings settings;

    /**
     * The upstream's behaviour.
     *
     * @param failureRate share of calls answered with 503, from 0 to 1
     * @param latency how long every call takes
     * @param slowRate share of calls that hang for {@code slowness}, from 0 to 1
     * @param slowness how long a slow call hangs
     */
    public record Settings(double failureRate, Duration latency, double slowRate, Duration slowness) {

        /** @return as {@code GET /knobs} shows them: durations in milliseconds, as {@code 20ms} */
        public Map<String, Object> shown() {
            return Map.of("failureRate", failureRate, "latency", latency.toMillis() + "ms", "slowRate", slowRate,
                    "slowness", slowness.toMillis() + "ms");
        }
    }

    /**
     * A change: the values sent replace those in force, the others stay.
     *
     * @param failureRate share of calls answered with 503, from 0 to 1
     * @param latency how long every call takes, e.g. {@code 20ms}
     * @param slowRate share of calls that hang for {@code slowness}, from 0 to 1
     * @param slowness how long a slow call hangs, e.g. {@code 5s}
     */
    @Serdeable
    public record Change(@Nullable Double failureRate, @Nullable String latency, @Nullable Double slowRate,
            @Nullable String slowness) {
    }

    Knobs(@Value("${sample.flaky.failure-rate:0.3}") double failureRate, @Value("${sample.flaky.latency:5ms}") Duration latency,
            @Value("${sample.flaky.slow-rate:0.1}") double slowRate, @Value("${sample.flaky.slowness:5s}") Duration slowness) {
        this.settings = checked(new Settings(failureRate, latency, slowRate, slowness), "sample.flaky.");
    }

    public Settings settings() {
        return settings;
    }

    /**
     * @return the settings now in force
     * @throws IllegalArgumentException naming the value that is out of range; nothing changes then
     */
    public synchronized Settings change(Change change) {
        Settings now = settings;
        settings = checked(new Settings(change.failureRate() != null ? change.failureRate() : now.failureRate(),
                change.latency() != null ? duration("latency", change.latency()) : now.latency(),
                change.slowRate() != null ? change.slowRate() : now.slowRate(),
                change.slowness() != null ? duration("slowness", change.slowness()) : now.slowness()), "");
        return settings;
    }

    /**
     * @param prefix {@code sample.flaky.} for configuration, whose keys are hyphenated; empty for
     *               {@code PUT /knobs}, whose fields are as the records name them
     */
    private static Settings checked(Settings settings, String prefix) {
        rate(named(prefix, "failureRate"), settings.failureRate());
        rate(named(prefix, "slowRate"), settings.slowRate());
        duration(named(prefix, "latency"), settings.latency());
        duration(named(prefix, "slowness"), settings.slowness());
        return settings;
    }

    private static String named(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + NameUtils.hyphenate(field);
    }

    private static Duration duration(String name, String value) {
        return ConversionService.SHARED.convert(value, Duration.class).orElseThrow(() -> new IllegalArgumentException(
                name + " must be a duration such as 20ms or 2s, but was \"" + value + "\""));
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be from 0 to 1, but was " + value);
        }
    }

    private static void duration(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + value);
        }
    }
}
