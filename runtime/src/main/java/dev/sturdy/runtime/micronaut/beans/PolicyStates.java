package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.micronaut.observe.AllObservers;

import dev.sturdy.runtime.bulkhead.Bulkhead;
import dev.sturdy.runtime.limit.AdaptiveLimitPolicy;
import dev.sturdy.runtime.limit.AdaptiveLimiter;
import dev.sturdy.runtime.bulkhead.BulkheadPolicy;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.circuit.CircuitBreakerPolicy;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.ratelimit.RateLimitPolicy;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import dev.sturdy.runtime.time.SturdyClock;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's circuit breakers, bulkheads, rate limits and adaptive limits: one per method, or one per
 * {@code name} shared by every method that declares it. Thread-safe.
 */
@Singleton
public final class PolicyStates {

    private final StateRegistry<CircuitBreakerPolicy, CircuitBreaker> breakers = new StateRegistry<>("CircuitBreaker");
    private final StateRegistry<BulkheadPolicy, Bulkhead> bulkheads = new StateRegistry<>("Bulkhead");
    private final StateRegistry<RateLimitPolicy, RateLimiter> rateLimits = new StateRegistry<>("RateLimit");
    private final StateRegistry<AdaptiveLimitPolicy, AdaptiveLimiter> limits = new StateRegistry<>("AdaptiveLimit");
    private final SturdyClock clock;
    private final AllObservers observers;

    PolicyStates(SturdyClock clock, AllObservers observers) {
        this.clock = clock;
        this.observers = observers;
    }

    public CircuitBreaker breaker(PolicyKey key, CircuitBreakerPolicy policy) {
        return breakers.get(key, policy, p -> new CircuitBreaker(p, clock, observers.asOne()));
    }

    public Bulkhead bulkhead(PolicyKey key, BulkheadPolicy policy) {
        return bulkheads.get(key, policy, Bulkhead::new);
    }

    public RateLimiter rateLimiter(PolicyKey key, RateLimitPolicy policy) {
        return rateLimits.get(key, policy, p -> new RateLimiter(p, clock));
    }

    public AdaptiveLimiter adaptiveLimit(PolicyKey key, AdaptiveLimitPolicy policy) {
        return limits.get(key, policy, AdaptiveLimiter::new);
    }

    public Collection<AdaptiveLimiter> adaptiveLimits() {
        return List.copyOf(limits.all());
    }

    public Collection<CircuitBreaker> breakers() {
        return List.copyOf(breakers.all());
    }

    public Collection<Bulkhead> bulkheads() {
        return List.copyOf(bulkheads.all());
    }

    public Collection<RateLimiter> rateLimiters() {
        return List.copyOf(rateLimits.all());
    }

    /**
     * @return every breaker, bulkhead, rate limit and adaptive limit with its state and counters,
     * as {@code /sturdy} and the dashboard show them
     */
    public Map<String, Object> describe() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("circuitBreakers", breakers().stream().map(PolicyStates::describe).toList());
        status.put("bulkheads", bulkheads().stream().map(PolicyStates::describe).toList());
        status.put("rateLimits", rateLimiters().stream().map(PolicyStates::describe).toList());
        status.put("adaptiveLimits", adaptiveLimits().stream().map(PolicyStates::describe).toList());
        return status;
    }

    /**
     * @param breaker one of this application's breakers
     * @return its name, state, whether forced, settings and window counts, as {@code /sturdy} shows them
     */
    public static Map<String, Object> describe(CircuitBreaker breaker) {
        Map<String, Object> description = new LinkedHashMap<>();
        int[] window = breaker.window();
        description.put("name", breaker.policy().name());
        description.put("state", breaker.state().name());
        description.put("forced", breaker.forced());
        description.put("window", breaker.policy().window());
        description.put("failureRatio", breaker.policy().failureRatio());
        description.put("delay", PolicyValues.format(breaker.policy().delay()));
        description.put("callsInWindow", window[0]);
        description.put("failuresInWindow", window[1]);
        return description;
    }

    private static Map<String, Object> describe(AdaptiveLimiter limit) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", limit.policy().name());
        description.put("limit", limit.limit());
        description.put("inFlight", limit.inFlight());
        description.put("min", limit.policy().min());
        description.put("max", limit.policy().max());
        return description;
    }

    private static Map<String, Object> describe(Bulkhead bulkhead) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", bulkhead.policy().name());
        description.put("maxConcurrent", bulkhead.policy().maxConcurrent());
        description.put("maxWaiting", bulkhead.policy().maxWaiting());
        description.put("running", bulkhead.running());
        description.put("waiting", bulkhead.waiting());
        return description;
    }

    private static Map<String, Object> describe(RateLimiter limiter) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", limiter.policy().name());
        description.put("permits", limiter.policy().permits());
        description.put("period", PolicyValues.format(limiter.policy().period()));
        description.put("available", limiter.available());
        return description;
    }
}
