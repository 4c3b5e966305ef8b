package dev.sturdy.benchmarks;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Retry;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The same trivial reactive methods behind each protection {@link ReactiveOverheadBenchmark} compares. */
public final class ReactiveTargets {

    private ReactiveTargets() {
    }

    @Singleton
    public static class MonoDirect {
        public Mono<Integer> work(int x) {
            return Mono.just(x + 1);
        }
    }

    @Singleton
    public static class MonoNoop {
        @Noop
        public Mono<Integer> work(int x) {
            return Mono.just(x + 1);
        }
    }

    @Singleton
    public static class MonoRetryCircuitBreakerBulkhead {
        @Retry
        @CircuitBreaker
        @Bulkhead(maxConcurrent = 64)
        public Mono<Integer> work(int x) {
            return Mono.just(x + 1);
        }
    }

    @Singleton
    public static class FluxNoop {
        @Noop
        public Flux<Integer> work(int x) {
            return Flux.just(x, x + 1, x + 2);
        }
    }

    @Singleton
    public static class FluxRetryCircuitBreakerBulkhead {
        @Retry
        @CircuitBreaker
        @Bulkhead(maxConcurrent = 64)
        public Flux<Integer> work(int x) {
            return Flux.just(x, x + 1, x + 2);
        }
    }
}
