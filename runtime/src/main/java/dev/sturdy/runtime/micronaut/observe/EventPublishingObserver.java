package dev.sturdy.runtime.micronaut.observe;

import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.event.BulkheadRejectedEvent;
import dev.sturdy.runtime.event.ChaosEvent;
import dev.sturdy.runtime.event.CircuitStateChangedEvent;
import dev.sturdy.runtime.event.FallbackEvent;
import dev.sturdy.runtime.event.HedgeEvent;
import dev.sturdy.runtime.event.RateLimitedEvent;
import dev.sturdy.runtime.event.RetryEvent;
import dev.sturdy.runtime.event.SturdyEvent;
import dev.sturdy.runtime.event.TimeoutEvent;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Publishes what the policies report as Micronaut application events ({@link SturdyEvent}), and
 * logs circuit state changes (opening at WARN, the rest at INFO). A listener that throws is
 * logged, never allowed to break the call that reported. Thread-safe.
 */
@Singleton
final class EventPublishingObserver implements PolicyObserver {

    private static final Logger LOG = LoggerFactory.getLogger("dev.sturdy");

    private final ApplicationEventPublisher<Object> publisher;

    EventPublishingObserver(ApplicationEventPublisher<Object> publisher) {
        this.publisher = publisher;
    }

    @Override
    public void retrying(String method, int attempt, Throwable failure, Duration delay) {
        publish(new RetryEvent(method, attempt, failure, delay));
    }

    @Override
    public void budgetExhausted(String method, int attempt, Throwable failure, String budget) {
        publish(new RetryEvent(method, attempt, failure, null, budget));
    }

    @Override
    public void hedged(String method, int attempt) {
        publish(new HedgeEvent(method, HedgeEvent.Kind.STARTED, attempt, null));
    }

    @Override
    public void hedgeWon(String method, int attempt) {
        publish(new HedgeEvent(method, HedgeEvent.Kind.WON, attempt, null));
    }

    @Override
    public void hedgeBudgetExhausted(String method, String budget) {
        publish(new HedgeEvent(method, HedgeEvent.Kind.BUDGET_EXHAUSTED, 0, budget));
    }

    @Override
    public void faultInjected(String method, Exception fault) {
        publish(new ChaosEvent(method, fault, null));
    }

    @Override
    public void latencyInjected(String method, Duration latency) {
        publish(new ChaosEvent(method, null, latency));
    }

    @Override
    public void timedOut(String method, Duration after) {
        publish(new TimeoutEvent(method, after));
    }

    @Override
    public void rejected(String bulkhead) {
        publish(new BulkheadRejectedEvent(bulkhead));
    }

    @Override
    public void limited(String rateLimit) {
        publish(new RateLimitedEvent(rateLimit));
    }

    @Override
    public void fallbackUsed(String method, Throwable failure) {
        publish(new FallbackEvent(method, failure));
    }

    @Override
    public void onStateChange(String breaker, CircuitState from, CircuitState to) {
        if (to == CircuitState.OPEN) {
            LOG.warn("circuit breaker {}: {} -> {}", breaker, from, to);
        } else {
            LOG.info("circuit breaker {}: {} -> {}", breaker, from, to);
        }
        publish(new CircuitStateChangedEvent(breaker, from, to));
    }

    /** An operator's change is logged as one, at INFO: nothing failed. */
    @Override
    public void onStateForced(String breaker, CircuitState from, CircuitState to) {
        LOG.info("circuit breaker {}: {} -> {} (forced by an operator)", breaker, from, to);
        publish(new CircuitStateChangedEvent(breaker, from, to));
    }

    private void publish(SturdyEvent event) {
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException listenerFailed) {
            LOG.warn("a listener of {} failed: {}", event.getClass().getSimpleName(), listenerFailed.toString(), listenerFailed);
        }
    }
}
