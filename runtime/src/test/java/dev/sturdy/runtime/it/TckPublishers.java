package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Publishers for the reactive-streams TCK, under the policies whose operators wrap them. */
@Singleton
public class TckPublishers {

    @Retry(maxAttempts = 2, delay = "1ms")
    @CircuitBreaker(window = 1000)
    @Timeout("1m")
    @Bulkhead(maxConcurrent = 1000, maxWaiting = 0)
    public Flux<Long> stream(long elements) {
        return Flux.generate(() -> 0L, (next, sink) -> {
            if (next < elements) {
                sink.next(next);
            } else {
                sink.complete();
            }
            return next + 1;
        });
    }

    @CircuitBreaker(window = 1000)
    public Flux<Long> failedStream() {
        return Flux.error(new IllegalStateException("failed as the TCK asks"));
    }

    @Retry(maxAttempts = 2, delay = "1ms")
    @CircuitBreaker(window = 1000)
    @Timeout("1m")
    @Bulkhead(maxConcurrent = 1000, maxWaiting = 0)
    public Mono<Long> single(long elements) {
        return elements == 0 ? Mono.empty() : Mono.just(0L);
    }

    @CircuitBreaker(window = 1000)
    public Mono<Long> failedSingle() {
        return Mono.error(new IllegalStateException("failed as the TCK asks"));
    }
}
