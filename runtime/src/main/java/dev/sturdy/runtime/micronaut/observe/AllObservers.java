package dev.sturdy.runtime.micronaut.observe;

import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.fanout.FanoutProgress;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Every {@link PolicyObserver} bean (application events, metrics when Micrometer is present) as
 * one, for the strategies to report to.
 */
@Singleton
public final class AllObservers {

    private final PolicyObserver all;

    AllObservers(List<PolicyObserver> observers) {
        this.all = observers.size() == 1 ? observers.get(0) : new All(List.copyOf(observers));
    }

    public PolicyObserver asOne() {
        return all;
    }

    private record All(List<PolicyObserver> observers) implements PolicyObserver {

        @Override
        public void retrying(String method, int attempt, Throwable failure, Duration delay) {
            observers.forEach(o -> o.retrying(method, attempt, failure, delay));
        }

        @Override
        public void budgetExhausted(String method, int attempt, Throwable failure, String budget) {
            observers.forEach(o -> o.budgetExhausted(method, attempt, failure, budget));
        }

        @Override
        public void hedged(String method, int attempt) {
            observers.forEach(o -> o.hedged(method, attempt));
        }

        @Override
        public void hedgeWon(String method, int attempt) {
            observers.forEach(o -> o.hedgeWon(method, attempt));
        }

        @Override
        public void hedgeBudgetExhausted(String method, String budget) {
            observers.forEach(o -> o.hedgeBudgetExhausted(method, budget));
        }

        @Override
        public void faultInjected(String method, Exception fault) {
            observers.forEach(o -> o.faultInjected(method, fault));
        }

        @Override
        public void latencyInjected(String method, Duration latency) {
            observers.forEach(o -> o.latencyInjected(method, latency));
        }

        @Override
        public void timedOut(String method, Duration after) {
            observers.forEach(o -> o.timedOut(method, after));
        }

        @Override
        public void rejected(String bulkhead) {
            observers.forEach(o -> o.rejected(bulkhead));
        }

        @Override
        public void limited(String rateLimit) {
            observers.forEach(o -> o.limited(rateLimit));
        }

        @Override
        public void fallbackUsed(String method, Throwable failure) {
            observers.forEach(o -> o.fallbackUsed(method, failure));
        }

        @Override
        public void fanoutStarted(FanoutProgress progress) {
            observers.forEach(o -> o.fanoutStarted(progress));
        }

        @Override
        public void fanoutEnded(FanoutProgress progress, Throwable failure) {
            observers.forEach(o -> o.fanoutEnded(progress, failure));
        }

        @Override
        public void chunkEnded(String method, long nanos, Throwable failure) {
            observers.forEach(o -> o.chunkEnded(method, nanos, failure));
        }

        @Override
        public void onStateChange(String breaker, CircuitState from, CircuitState to) {
            observers.forEach(o -> o.onStateChange(breaker, from, to));
        }

        @Override
        public void onStateForced(String breaker, CircuitState from, CircuitState to) {
            observers.forEach(o -> o.onStateForced(breaker, from, to));
        }

        @Override
        public boolean observesCalls() {
            return observers.stream().anyMatch(PolicyObserver::observesCalls);
        }

        @Override
        public void callEnded(String method, long nanos, Throwable failure) {
            for (PolicyObserver observer : observers) {
                if (observer.observesCalls()) {
                    observer.callEnded(method, nanos, failure);
                }
            }
        }
    }
}
