package dev.sturdy.runtime.micronaut.metrics;

import dev.sturdy.runtime.micronaut.beans.PolicyStates;
import dev.sturdy.runtime.micronaut.observe.PolicyObserver;

import dev.sturdy.runtime.bulkhead.Bulkhead;
import dev.sturdy.runtime.limit.AdaptiveLimiter;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records Sturdy's metrics in Micrometer, when the application has it. Meters are created once
 * per method or policy and kept, so recording a call is a lookup and an update:
 * {@code sturdy.calls} (timer: method, outcome), {@code sturdy.retry.attempts},
 * {@code sturdy.timeouts}, {@code sturdy.fallbacks} (counters: method),
 * {@code sturdy.circuit.state} (gauge: breaker; 0 closed, 1 open, 2 half-open),
 * {@code sturdy.circuit.transitions} (counter: breaker, from, to), {@code sturdy.bulkhead.running},
 * {@code sturdy.bulkhead.waiting} (gauges: bulkhead), {@code sturdy.bulkhead.rejections}
 * (counter: bulkhead), {@code sturdy.limit.current}, {@code sturdy.limit.in-flight} (gauges: limit),
 * {@code sturdy.rate-limit.available} (gauge: rate-limit),
 * {@code sturdy.rate-limit.rejections} (counter: rate-limit), {@code sturdy.fanout.chunks} (timer:
 * method, outcome). Thread-safe.
 */
@Singleton
@Requires(classes = MeterRegistry.class)
@Requires(beans = MeterRegistry.class)
final class MicrometerMetrics implements PolicyObserver, ApplicationEventListener<StartupEvent> {

    private final MeterRegistry registry;
    private final BeanProvider<PolicyStates> policies;
    /** Per method: its success and failure timers, looked up by the method's name (whose hash is cached). */
    private final Map<String, Timer[]> calls = new ConcurrentHashMap<>();
    private final Map<String, Timer[]> chunks = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param policies looked up at start-up only: the policies report to this bean, so it cannot need them to exist
     */
    MicrometerMetrics(MeterRegistry registry, BeanProvider<PolicyStates> policies) {
        this.registry = registry;
        this.policies = policies;
    }

    /** Gauges for every breaker, bulkhead and rate limit: all exist once the start-up check has built every chain. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        PolicyStates shared = policies.get();
        for (CircuitBreaker breaker : shared.breakers()) {
            Gauge.builder("sturdy.circuit.state", breaker, b -> b.state() == CircuitState.CLOSED ? 0
                    : b.state() == CircuitState.OPEN ? 1 : 2)
                    .tag("breaker", breaker.policy().name()).register(registry);
        }
        for (Bulkhead bulkhead : shared.bulkheads()) {
            Gauge.builder("sturdy.bulkhead.running", bulkhead, Bulkhead::running).tag("bulkhead", bulkhead.policy().name())
                    .register(registry);
            Gauge.builder("sturdy.bulkhead.waiting", bulkhead, Bulkhead::waiting).tag("bulkhead", bulkhead.policy().name())
                    .register(registry);
        }
        for (AdaptiveLimiter limit : shared.adaptiveLimits()) {
            Gauge.builder("sturdy.limit.current", limit, AdaptiveLimiter::limit).tag("limit", limit.policy().name())
                    .register(registry);
            Gauge.builder("sturdy.limit.in-flight", limit, AdaptiveLimiter::inFlight).tag("limit", limit.policy().name())
                    .register(registry);
        }
        for (RateLimiter limiter : shared.rateLimiters()) {
            Gauge.builder("sturdy.rate-limit.available", limiter, RateLimiter::available).tag("rate-limit", limiter.policy()
                    .name())
                    .register(registry);
        }
    }

    @Override
    public boolean observesCalls() {
        return true;
    }

    @Override
    public void callEnded(String method, long nanos, Throwable failure) {
        outcomes(calls, "sturdy.calls", method)[failure == null ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retrying(String method, int attempt, Throwable failure, Duration delay) {
        counter("sturdy.retry.attempts", "method", method).increment();
    }

    @Override
    public void budgetExhausted(String method, int attempt, Throwable failure, String budget) {
        counter("sturdy.retry.budget.exhausted", "method", method, "budget", budget).increment();
    }

    @Override
    public void hedged(String method, int attempt) {
        counter("sturdy.hedge.started", "method", method).increment();
    }

    @Override
    public void hedgeWon(String method, int attempt) {
        counter("sturdy.hedge.won", "method", method).increment();
    }

    @Override
    public void hedgeBudgetExhausted(String method, String budget) {
        counter("sturdy.hedge.budget.exhausted", "method", method, "budget", budget).increment();
    }

    @Override
    public void faultInjected(String method, Exception fault) {
        counter("sturdy.chaos.injected", "method", method, "kind", "fault").increment();
    }

    @Override
    public void latencyInjected(String method, Duration latency) {
        counter("sturdy.chaos.injected", "method", method, "kind", "latency").increment();
    }

    @Override
    public void timedOut(String method, Duration after) {
        counter("sturdy.timeouts", "method", method).increment();
    }

    @Override
    public void fallbackUsed(String method, Throwable failure) {
        counter("sturdy.fallbacks", "method", method).increment();
    }

    @Override
    public void rejected(String bulkhead) {
        counter("sturdy.bulkhead.rejections", "bulkhead", bulkhead).increment();
    }

    @Override
    public void limited(String rateLimit) {
        counter("sturdy.rate-limit.rejections", "rate-limit", rateLimit).increment();
    }

    @Override
    public void chunkEnded(String method, long nanos, Throwable failure) {
        outcomes(chunks, "sturdy.fanout.chunks", method)[failure == null ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onStateChange(String breaker, CircuitState from, CircuitState to) {
        counter("sturdy.circuit.transitions", "breaker", breaker, "from", from.name(), "to", to.name()).increment();
    }

    /** @return the method's timers, success first, made on its first call */
    private Timer[] outcomes(Map<String, Timer[]> byMethod, String name, String method) {
        Timer[] timers = byMethod.get(method);
        return timers != null ? timers : byMethod.computeIfAbsent(method, m -> new Timer[] {
                Timer.builder(name).tag("method", m).tag("outcome", "success").register(registry),
                Timer.builder(name).tag("method", m).tag("outcome", "failure").register(registry)});
    }

    /** Counters are for what goes wrong: the slow path, where a key string per event is fine. */
    /** @return the counter of that name and tags (key, value, key, value, ...), made on its first use */
    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + "|" + String.join("|", tags), k -> Counter.builder(name).tags(tags)
                .register(registry));
    }
}
