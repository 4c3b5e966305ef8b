package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;

/** Beans whose stateful policies the integration tests compose and share. */
final class StatefulServices {

    private StatefulServices() {
    }

    @Singleton
    static class Inventory {
        private final ScriptedDependency dependency;

        Inventory(ScriptedDependency dependency) {
            this.dependency = dependency;
        }

        @CircuitBreaker(name = "stock", window = 2, failureRatio = 1.0, delay = "1s")
        public String stock(String item) throws Exception {
            return dependency.call(item);
        }

        @Retry(maxAttempts = 4, delay = "0ms", retryOn = IOException.class)
        @CircuitBreaker(window = 2, failureRatio = 1.0, delay = "1s")
        public String reserve(String item) throws Exception {
            return dependency.call(item);
        }

        @CircuitBreaker(window = 1, failureRatio = 1.0, delay = "1s")
        @Timeout("100ms")
        public String slowLookup(String item) throws Exception {
            return dependency.call(item);
        }

        @CircuitBreaker(window = 1, failureRatio = 1.0, delay = "1s")
        @Bulkhead(maxConcurrent = 1, maxWaiting = 0)
        public String exclusive(String item) throws Exception {
            return dependency.call(item);
        }

        @RateLimit(permits = 2, period = "1s")
        public String limited(String item) throws Exception {
            return dependency.call(item);
        }
    }

    /** Shares the "stock" breaker with {@link Inventory#stock}. */
    @Singleton
    static class Warehouse {
        @CircuitBreaker(name = "stock", window = 2, failureRatio = 1.0, delay = "1s")
        public String stock(String item) {
            return "warehouse:" + item;
        }
    }

    /** Declares the "stock" breaker differently: a conflict. */
    @Singleton
    @Requires(property = "sturdy-test.conflict", value = "true")
    static class Conflicting {
        @CircuitBreaker(name = "stock", window = 10)
        public String stock(String item) {
            return item;
        }
    }
}
