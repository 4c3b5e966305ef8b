package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.core.PolicyEvents;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Every {@link PolicyEvents} bean (application events, metrics when Micrometer is present) as
 * one, for the strategies to report to.
 */
@Singleton
final class Observers {

    private final PolicyEvents all;

    Observers(List<PolicyEvents> observers) {
        this.all = observers.size() == 1 ? observers.get(0) : new All(List.copyOf(observers));
    }

    PolicyEvents events() {
        return all;
    }

    private record All(List<PolicyEvents> observers) implements PolicyEvents {

        @Override
        public void retrying(String method, int attempt, Throwable failure, Duration delay) {
            observers.forEach(o -> o.retrying(method, attempt, failure, delay));
        }

        @Override
        public void timedOut(String method, Duration after) {
            observers.forEach(o -> o.timedOut(method, after));
        }

        @Override
        public void bulkheadRejected(String bulkhead) {
            observers.forEach(o -> o.bulkheadRejected(bulkhead));
        }

        @Override
        public void rateLimited(String rateLimit) {
            observers.forEach(o -> o.rateLimited(rateLimit));
        }

        @Override
        public void fallbackUsed(String method, Throwable failure) {
            observers.forEach(o -> o.fallbackUsed(method, failure));
        }

        @Override
        public void fanoutChunkEnded(String method, long nanos, Throwable failure) {
            observers.forEach(o -> o.fanoutChunkEnded(method, nanos, failure));
        }

        @Override
        public void onStateChange(String breaker, CircuitState from, CircuitState to) {
            observers.forEach(o -> o.onStateChange(breaker, from, to));
        }

        @Override
        public boolean observesCalls() {
            return observers.stream().anyMatch(PolicyEvents::observesCalls);
        }

        @Override
        public void callEnded(String method, long nanos, Throwable failure) {
            for (PolicyEvents observer : observers) {
                if (observer.observesCalls()) {
                    observer.callEnded(method, nanos, failure);
                }
            }
        }
    }
}
