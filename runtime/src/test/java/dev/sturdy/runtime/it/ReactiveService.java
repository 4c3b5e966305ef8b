package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import io.micronaut.core.async.annotation.SingleResult;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Reactive methods under every policy; each invocation returns the next scripted publisher. */
@Singleton
public class ReactiveService {

    final AtomicInteger invocations = new AtomicInteger();
    private final Queue<Publisher<String>> script = new ConcurrentLinkedQueue<>();

    @SafeVarargs
    final void script(Publisher<String>... publishers) {
        invocations.set(0);
        script.clear();
        script.addAll(List.of(publishers));
    }

    private Publisher<String> next() {
        invocations.incrementAndGet();
        Publisher<String> publisher = script.poll();
        if (publisher == null) {
            throw new IllegalStateException("no publisher scripted for invocation " + invocations.get());
        }
        return publisher;
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Mono<String> retriedMono() {
        return Mono.from(next());
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Flux<String> retriedFlux() {
        return Flux.from(next());
    }

    @Timeout("1s")
    public Mono<String> timedMono() {
        return Mono.from(next());
    }

    @Timeout("1s")
    public Flux<String> timedFlux() {
        return Flux.from(next());
    }

    @Bulkhead(maxConcurrent = 1, maxWaiting = 1)
    public Mono<String> bulkheadedMono() {
        return Mono.from(next());
    }

    @Bulkhead(maxConcurrent = 1, maxWaiting = 0)
    public Flux<String> bulkheadedFlux() {
        return Flux.from(next());
    }

    @CircuitBreaker(window = 2, failureRatio = 1, delay = "10s")
    public Mono<String> brokenMono() {
        return Mono.from(next());
    }

    @CircuitBreaker(window = 2, failureRatio = 1, delay = "10s")
    public Flux<String> brokenFlux() {
        return Flux.from(next());
    }

    @RateLimit(permits = 1, period = "1s")
    public Mono<String> limitedMono() {
        return Mono.from(next());
    }

    @Retry(maxAttempts = 2, delay = "100ms", jitter = 0)
    @Fallback(method = "cachedMono")
    public Mono<String> fallbackMono(String key) {
        return Mono.from(next());
    }

    Mono<String> cachedMono(String key, Throwable failure) {
        return Mono.just("cached:" + key + ":" + failure.getClass().getSimpleName());
    }

    @Fallback(method = "cachedFlux")
    public Flux<String> fallbackFlux(String key) {
        return Flux.from(next());
    }

    Flux<String> cachedFlux(String key) {
        return Flux.just("cached:" + key, "stale:" + key);
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0, retryOn = IOException.class)
    @SingleResult
    public Publisher<String> singleResult() {
        return next();
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Single<String> retriedSingle() {
        return Single.fromPublisher(next());
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Maybe<String> retriedMaybe() {
        return Flowable.fromPublisher(next()).firstElement();
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Completable retriedCompletable() {
        return Completable.fromPublisher(next());
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Flowable<String> retriedFlowable() {
        return Flowable.fromPublisher(next());
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Observable<String> retriedObservable() {
        return Observable.fromPublisher(next());
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Mono<String> returnsNull() {
        invocations.incrementAndGet();
        return null;
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Mono<String> throwsInsteadOfReturning() throws IOException {
        next();
        throw new IOException("thrown");
    }

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0)
    public Flux<String> fluxThatThrowsInsteadOfReturning() throws IOException {
        next();
        throw new IOException("thrown");
    }
}
