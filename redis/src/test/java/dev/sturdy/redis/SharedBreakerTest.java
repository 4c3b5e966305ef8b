package dev.sturdy.redis;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.micronaut.beans.PolicyStates;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A circuit breaker shared through a real {@code redis-server}: opened where the failures are seen
 * and then open on every instance; forced and reset everywhere; learnt by an instance that starts
 * late; and at most {@code successThreshold} trials across all instances in HALF_OPEN. States
 * travel by pub/sub, so the other instances are waited for (polling, within seconds), never slept for.
 */
class SharedBreakerTest extends RedisInstances {

    private ApplicationContext instance() {
        return start(Map.of("sturdy-test.breaker", "true", "sturdy.circuit-breakers.pricing.store", "redis",
                "sturdy.redis.timeout", "2s"));
    }

    /** The instance's {@code pricing} breaker, seen through what the test needs of it. */
    private static Breaker breaker(ApplicationContext instance) {
        var breaker = instance.getBean(PolicyStates.class).breakers().stream()
                .filter(candidate -> candidate.policy().name().equals("pricing")).findFirst().orElseThrow();
        return new Breaker(breaker::state, breaker::forced, breaker::forceOpen, breaker::reset);
    }

    private record Breaker(Supplier<CircuitState> stateNow, BooleanSupplier forcedNow, Runnable forceOpen, Runnable reset) {

        CircuitState state() {
            return stateNow.get();
        }

        boolean forced() {
            return forcedNow.getAsBoolean();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " within 10 s").isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void failuresSeenByOneInstanceOpenTheBreakerOnEvery() throws Exception {
        ApplicationContext first = instance();
        ApplicationContext second = instance();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> first.getBean(Pricing.class).quote(true)).isInstanceOf(IOException.class);
        }
        assertThat(breaker(first).state()).isEqualTo(CircuitState.OPEN);

        await("the second instance's breaker open", () -> breaker(second).state() == CircuitState.OPEN);
        assertThatThrownBy(() -> second.getBean(Pricing.class).quote(false)).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void aForcedStateAppliesEverywhereAndAnInstanceThatStartsLateLearnsIt() throws Exception {
        ApplicationContext first = instance();
        ApplicationContext second = instance();

        breaker(first).forceOpen().run();
        await("forced open on the second", () -> breaker(second).state() == CircuitState.OPEN && breaker(second).forced());
        ApplicationContext late = instance();
        await("forced open on a late instance", () -> breaker(late).state() == CircuitState.OPEN);
        assertThatThrownBy(() -> late.getBean(Pricing.class).quote(false)).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("forced by an operator");

        breaker(second).reset().run();
        await("reset on the first", () -> breaker(first).state() == CircuitState.CLOSED && !breaker(first).forced());
        await("reset on the late one", () -> breaker(late).state() == CircuitState.CLOSED);
        assertThat(first.getBean(Pricing.class).quote(false)).isEqualTo("ok");
    }

    @Test
    void halfOpenAdmitsTheTrialsOnceAcrossInstancesAndItsSuccessClosesEvery() throws Exception {
        ApplicationContext first = instance();
        ApplicationContext second = instance();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> first.getBean(Pricing.class).quote(true)).isInstanceOf(IOException.class);
        }
        await("open on the second", () -> breaker(second).state() == CircuitState.OPEN);

        // after the delay, one trial starts on the first instance and waits
        CountDownLatch trialRunning = new CountDownLatch(1);
        CountDownLatch trialMayEnd = new CountDownLatch(1);
        CompletableFuture<String> trial = new CompletableFuture<>();
        new Thread(() -> {
            while (true) {
                try {
                    trial.complete(first.getBean(Pricing.class).slowly(trialRunning, trialMayEnd));
                    return;
                } catch (CircuitOpenException stillOpen) {
                    Thread.onSpinWait();
                } catch (Exception failed) {
                    trial.completeExceptionally(failed);
                    return;
                }
            }
        }).start();
        assertThat(trialRunning.await(10, TimeUnit.SECONDS)).isTrue();

        // once the second instance's delay has passed too, its trial finds the one place taken
        await("the second instance refused a trial", () -> {
            try {
                second.getBean(Pricing.class).quote(false);
                throw new AssertionError("a second trial was admitted");
            } catch (CircuitOpenException refused) {
                return refused.getMessage().contains("HALF_OPEN and all 1 trial calls are in flight across instances");
            } catch (IOException impossible) {
                throw new AssertionError(impossible);
            }
        });

        trialMayEnd.countDown();
        assertThat(trial.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        await("closed on the second", () -> breaker(second).state() == CircuitState.CLOSED);
        assertThat(second.getBean(Pricing.class).quote(false)).isEqualTo("ok");
    }

    @Test
    void withRedisDownEachInstanceRunsItsOwnBreakerAndBackItLearnsTheSharedState() throws Exception {
        ApplicationContext first = instance();
        ApplicationContext second = instance();
        redis.kill();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> first.getBean(Pricing.class).quote(true)).isInstanceOf(IOException.class);
        }
        assertThat(breaker(first).state()).isEqualTo(CircuitState.OPEN);
        assertThat(second.getBean(Pricing.class).quote(false)).as("not told: Redis is away").isEqualTo("ok");
        // after the delay a trial is admitted by this instance alone (on-failure: local) and closes it
        await("a local trial closed the first", () -> {
            try {
                return first.getBean(Pricing.class).quote(false).equals("ok") && breaker(first).state() == CircuitState.CLOSED;
            } catch (CircuitOpenException | IOException stillOpen) {
                return false;
            }
        });

        redis.restart();
        breaker(second).forceOpen().run();
        // the first's watcher finds Redis back, and the first then reads the state the second wrote
        await("the first learns the forced state", () -> {
            try {
                first.getBean(Pricing.class).quote(false);
            } catch (CircuitOpenException | IOException refused) {
                // what it learnt
            }
            return breaker(first).state() == CircuitState.OPEN && breaker(first).forced();
        });
    }

    @Test
    void afterRedisRestartsTheInstancesListenAgain() throws Exception {
        ApplicationContext first = instance();
        ApplicationContext second = instance();
        redis.kill();
        redis.restart();

        // neither instance's calls ask Redis while its breaker is closed: listening again is the watcher's doing;
        // forced again every half second until the second hears it (once heard, no earlier message is still on its way)
        int[] polls = {0};
        await("the first forced open", () -> {
            if (polls[0]++ % 50 == 0) {
                breaker(first).forceOpen().run();
            }
            return breaker(second).state() == CircuitState.OPEN && breaker(second).forced();
        });
        breaker(second).reset().run();
        await("the reset on the first", () -> breaker(first).state() == CircuitState.CLOSED && !breaker(first).forced());
    }

    /** A pricing API whose breaker all instances share. */
    @Singleton
    @Requires(property = "sturdy-test.breaker", value = "true")
    public static class Pricing {

        @CircuitBreaker(name = "pricing", window = 2, failureRatio = 1.0, delay = "300ms", successThreshold = 1)
        public String quote(boolean fail) throws IOException {
            if (fail) {
                throw new IOException("down");
            }
            return "ok";
        }

        @CircuitBreaker(name = "pricing", window = 2, failureRatio = 1.0, delay = "300ms", successThreshold = 1)
        public String slowly(CountDownLatch running, CountDownLatch mayEnd) throws InterruptedException {
            running.countDown();
            mayEnd.await();
            return "ok";
        }
    }
}
