package dev.sturdy.redis;

import dev.sturdy.annotation.rules.DurationText;
import io.micronaut.context.env.Environment;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code sturdy.redis.*}: how long a call waits for Redis ({@code timeout}, 50ms), what it does when
 * Redis fails ({@code on-failure}, {@code local}), and the prefix of every key Sturdy writes
 * ({@code key-prefix}, {@code sturdy:}), checked when read.
 *
 * @param timeout how long a call waits for Redis
 * @param onFailure what a call does when Redis does not answer in time
 * @param keyPrefix the prefix of every key Sturdy writes, so that it never touches keys it did not write;
 *                  applications that share a Redis and a prefix share the limits they name alike
 */
record RedisSettings(Duration timeout, OnFailure onFailure, String keyPrefix) {

    static final String PREFIX = "sturdy.redis";

    /**
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    static RedisSettings of(Environment environment) {
        Duration timeout = environment.getProperty(PREFIX + ".timeout", String.class).map(text -> {
            Optional<Duration> parsed = DurationText.parse(text.strip());
            if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
                throw invalid("timeout", text, "must be " + DurationText.FORMS + ", > 0");
            }
            return parsed.get();
        }).orElse(Duration.ofMillis(50));
        OnFailure onFailure = environment.getProperty(PREFIX + ".on-failure", String.class).map(text -> {
            try {
                return OnFailure.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw invalid("on-failure", text, "must be one of " + Arrays.stream(OnFailure.values())
                        .map(value -> value.name().toLowerCase(Locale.ROOT)).toList());
            }
        }).orElse(OnFailure.LOCAL);
        String keyPrefix = environment.getProperty(PREFIX + ".key-prefix", String.class).orElse("sturdy:");
        if (keyPrefix.isBlank()) {
            throw invalid("key-prefix", keyPrefix, "must not be blank: it keeps Sturdy's keys apart from other applications'");
        }
        return new RedisSettings(timeout, onFailure, keyPrefix);
    }

    private static IllegalArgumentException invalid(String key, String value, String allowed) {
        return new IllegalArgumentException("[sturdy:redis-" + key + "] " + PREFIX + "." + key + ": " + allowed + ", but was \""
                + value + "\"");
    }
}
