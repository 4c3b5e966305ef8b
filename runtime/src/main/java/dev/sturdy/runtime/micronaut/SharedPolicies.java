package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.bulkhead.Bulkhead;
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
 * The application's circuit breakers, bulkheads and rate limits: one per method, or one per
 * {@code name} shared by every method that declares it. Thread-safe.
 */
@Singleton
final class SharedPolicies {

    private final PolicyRegistry<CircuitBreakerPolicy, CircuitBreaker> breakers = new PolicyRegistry<>("CircuitBreaker");
    private final PolicyRegistry<BulkheadPolicy, Bulkhead> bulkheads = new PolicyRegistry<>("Bulkhead");
    private final PolicyRegistry<RateLimitPolicy, RateLimiter> rateLimits = new PolicyRegistry<>("RateLimit");
    private final SturdyClock clock;
    private final Observers observers;

    SharedPolicies(SturdyClock clock, Observers observers) {
        this.clock = clock;
        this.observers = observers;
    }

    CircuitBreaker breaker(PolicyKey key, CircuitBreakerPolicy policy) {
        return breakers.get(key, policy, p -> new CircuitBreaker(p, clock, observers.events()));
    }

    Bulkhead bulkhead(PolicyKey key, BulkheadPolicy policy) {
        return bulkheads.get(key, policy, Bulkhead::new);
    }

    RateLimiter rateLimiter(PolicyKey key, RateLimitPolicy policy) {
        return rateLimits.get(key, policy, p -> new RateLimiter(p, clock));
    }

    Collection<CircuitBreaker> breakers() {
        return List.copyOf(breakers.all());
    }

    Collection<Bulkhead> bulkheads() {
        return List.copyOf(bulkheads.all());
    }

    Collection<RateLimiter> rateLimiters() {
        return List.copyOf(rateLimits.all());
    }
}
