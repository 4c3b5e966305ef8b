package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.micronaut.beans.PolicyStore;
import dev.sturdy.runtime.micronaut.config.SturdySettings;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import dev.sturdy.runtime.ratelimit.TokenBucket;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where each named policy keeps its state: this instance ({@code local}, the default), or a store
 * shared by every instance, as {@code sturdy.rate-limits.<name>.store} and
 * {@code sturdy.circuit-breakers.<name>.store} say.
 */
final class PolicyStores {

    private static final String LOCAL = "local";

    private final SturdySettings settings;
    private final List<PolicyStore> stores;

    PolicyStores(SturdySettings settings, List<PolicyStore> stores) {
        this.settings = settings;
        this.stores = List.copyOf(stores);
    }

    /**
     * @param rateLimit the {@code @RateLimit} of a method
     * @param local the limit's own bucket in this instance
     * @return the bucket calls take tokens from
     * @throws ConfigurationException naming the key when the store is unknown, missing or not configured
     */
    TokenBucket rateLimit(AnnotationAttributes rateLimit, RateLimiter local) {
        Optional<PolicyStore> store = store(rateLimit, SturdySettings.NAMED_GROUPS.get("RateLimit"));
        return store.isEmpty() ? local : store.get().rateLimit(local);
    }

    /**
     * @param breaker the {@code @CircuitBreaker} of a method
     * @param local the breaker of that name in this instance: shared through the store, if one is configured
     * @throws ConfigurationException naming the key when the store is unknown, missing or not configured
     */
    void circuitBreaker(AnnotationAttributes breaker, CircuitBreaker local) {
        store(breaker, SturdySettings.NAMED_GROUPS.get("CircuitBreaker"))
                .ifPresent(store -> local.share(store.circuitBreaker(local)));
    }

    private Optional<PolicyStore> store(AnnotationAttributes policy, String group) {
        if (policy.name().isBlank()) {
            return Optional.empty();
        }
        Optional<SturdySettings.Entry> configured = settings.forName(group, policy.name(), "store");
        String wanted = configured.map(entry -> String.valueOf(entry.value()).strip()).orElse(LOCAL);
        if (wanted.equals(LOCAL)) {
            return Optional.empty();
        }
        SturdySettings.Entry entry = configured.get();
        String location = policy.method().location();
        PolicyStore store = stores.stream().filter(candidate -> candidate.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigurationException(Diagnostics.message("store", entry.key(), location,
                        wanted.equals("redis")
                                ? "\"redis\" needs the sturdy-redis module: add the dependency dev.sturdy:sturdy-redis"
                                + " (its version comes from sturdy-bom)"
                                : "must be one of " + Stream.concat(Stream.of(LOCAL, "redis"), stores.stream()
                                        .map(PolicyStore::name)).distinct().toList() + ", but was \"" + wanted + "\"")));
        String unavailable = store.unavailable();
        if (unavailable != null) {
            throw new ConfigurationException(Diagnostics.message("store", entry.key(), location, "\"" + wanted
                    + "\" cannot be used: " + unavailable));
        }
        return Optional.of(store);
    }
}
