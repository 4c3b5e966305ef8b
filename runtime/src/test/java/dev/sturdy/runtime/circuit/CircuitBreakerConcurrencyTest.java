package dev.sturdy.runtime.circuit;

import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerConcurrencyTest {

    private static final int THREADS = 16;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void halfOpenAdmitsNoMoreTrialsThanConfiguredHoweverManyCallersRace(int successThreshold) throws Exception {
        for (int round = 0; round < 100; round++) {
            ManualClock clock = new ManualClock();
            CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerPolicy("race", 1, 1.0, Duration.ofSeconds(1),
                    successThreshold,
                    new ExceptionMatcher(List.of(Throwable.class), List.of())), clock, CircuitBreakerListener.NONE);
            CircuitBreakerStrategy<TestInvocation> strategy = new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel());
            strategy.callAsync(new TestInvocation(attempt -> CompletableFuture.failedFuture(new IOException())));
            clock.advance(Duration.ofSeconds(1));
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            CompletableFuture<Object> trialsHang = new CompletableFuture<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> racers = new ArrayList<>();

            for (int t = 0; t < THREADS; t++) {
                racers.add(threads.submit(() -> {
                    start.await();
                    CompletableFuture<Object> result = strategy.callAsync(new TestInvocation(attempt -> {
                        admitted.incrementAndGet();
                        return trialsHang;
                    }));
                    if (result.isCompletedExceptionally() && Futures.unwrap(result.handle((v, f) -> f)
                            .join()) instanceof CircuitOpenException) {
                        rejected.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> racer : racers) {
                racer.get(10, TimeUnit.SECONDS);
            }

            assertThat(admitted.get()).as("round %d", round).isEqualTo(successThreshold);
            assertThat(rejected.get()).isEqualTo(THREADS - successThreshold);
            trialsHang.complete("ok");
            assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 50})
    void everyTransitionIsMadeAndToldExactlyOnceUnderConcurrentFailures(int window) throws Exception {
        for (int round = 0; round < 50; round++) {
            List<String> transitions = new CopyOnWriteArrayList<>();
            CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerPolicy("race", window, 0.5, Duration.ofSeconds(1), 1,
                    new ExceptionMatcher(List.of(Throwable.class), List.of())), new ManualClock(),
                    (name, from, to) -> transitions.add(from + "->" + to));
            CircuitBreakerStrategy<TestInvocation> strategy = new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel());
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> racers = new ArrayList<>();

            for (int t = 0; t < THREADS; t++) {
                racers.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < window; i++) {
                        try {
                            strategy.call(new TestInvocation(attempt -> {
                                throw new IOException();
                            }));
                        } catch (Throwable expected) {
                            // failures and rejections once open
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> racer : racers) {
                racer.get(10, TimeUnit.SECONDS);
            }

            assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
            assertThat(transitions).as("round %d", round).containsExactly("CLOSED->OPEN");
        }
    }
}
