package dev.sturdy.benchmarks;

import dev.sturdy.annotation.AdaptiveLimit;
import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Hedge;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import io.micronaut.retry.annotation.Retryable;
import jakarta.inject.Singleton;

/** The same trivial method behind each protection the benchmarks compare. */
public final class Targets {

    private Targets() {
    }

    @Singleton
    public static class Direct {
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class NoopIntercepted {
        @Noop
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class RetryOnly {
        @Retry
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class RetryWithBudget {
        @Retry(budget = "bench")
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class AdaptiveLimitOnly {
        @AdaptiveLimit
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class HedgeOnly {
        @Hedge(delay = "5ms")
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class CircuitBreakerSlowCall {
        @CircuitBreaker(slowCall = "1s")
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class CircuitBreakerOnly {
        @CircuitBreaker
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class BulkheadOnly {
        @Bulkhead(maxConcurrent = 64)
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class RateLimitOnly {
        @RateLimit(permits = 1_000_000_000, period = "1s")
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class TimeoutOnly {
        @Timeout("10s")
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class RetryCircuitBreakerBulkhead {
        @Retry
        @CircuitBreaker
        @Bulkhead(maxConcurrent = 64)
        public int work(int x) {
            return x + 1;
        }
    }

    /** Every policy that applies to one call, timeout on the caller's thread (the default). */
    @Singleton
    public static class FullStack {
        @Retry
        @CircuitBreaker
        @RateLimit(permits = 1_000_000_000, period = "1s")
        @Timeout("10s")
        @Bulkhead(maxConcurrent = 64)
        public int work(int x) {
            return x + 1;
        }
    }

    /** {@link FullStack} with the timeout's work handed to a worker thread. */
    @Singleton
    public static class FullStackIsolated {
        @Retry
        @CircuitBreaker
        @RateLimit(permits = 1_000_000_000, period = "1s")
        @Timeout(value = "10s", isolated = true)
        @Bulkhead(maxConcurrent = 64)
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class TimeoutIsolated {
        @Timeout(value = "10s", isolated = true)
        public int work(int x) {
            return x + 1;
        }
    }

    @Singleton
    public static class AllInline {
        @Fallback(method = "fallback")
        @Retry
        @CircuitBreaker
        @RateLimit(permits = 1_000_000_000, period = "1s")
        @Bulkhead(maxConcurrent = 64)
        public int work(int x) {
            return x + 1;
        }

        int fallback(int x) {
            return -1;
        }
    }

    @Singleton
    public static class MicronautRetryable {
        @Retryable
        @io.micronaut.retry.annotation.CircuitBreaker // qualified: Sturdy's @CircuitBreaker is imported
        public int work(int x) {
            return x + 1;
        }
    }
}
