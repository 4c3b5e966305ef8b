package dev.sturdy.redis;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.HealthIndicator;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sturdy-redis} in {@code /health}: UP, with whether Redis answers Sturdy's shared policies
 * and, during an outage, since when and what calls do meanwhile. An outage leaves the application
 * UP: {@code sturdy.redis.on-failure} keeps it serving.
 */
@Singleton
@Requires(classes = HealthIndicator.class)
final class RedisStoreHealth extends AbstractHealthIndicator<Map<String, Object>> {

    private final RedisStore store;

    RedisStoreHealth(RedisStore store) {
        this.store = store;
    }

    @Override
    protected String getName() {
        return "sturdy-redis";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        if (store.unavailable() != null || !store.inUse()) {
            details.put("redis", "not used");
            return details;
        }
        Instant since = store.outage().downSince();
        details.put("redis", since == null ? "answering" : "not answering");
        if (since != null) {
            details.put("since", since.toString());
            details.put("onFailure", store.settings().onFailure().name().toLowerCase());
        }
        return details;
    }
}
