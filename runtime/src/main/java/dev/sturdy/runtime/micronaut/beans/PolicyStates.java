package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.micronaut.observe.AllObservers;

import dev.sturdy.runtime.bulkhead.Bulkhead;
import dev.sturdy.runtime.limit.AdaptiveLimitPolicy;
import dev.sturdy.runtime.limit.AdaptiveLimiter;
import dev.sturdy.runtime.bulkhead.BulkheadPolicy;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.circuit.CircuitBreakerPolicy;
import dev.sturdy.runtime.ratelimit.RateLimitPolicy;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import dev.sturdy.runtime.time.SturdyClock;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

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
}
