package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.Hedge;
import dev.sturdy.runtime.event.HedgeEvent;
import dev.sturdy.runtime.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @Hedge} through a real application context on a manual clock: sync, {@code CompletionStage}
 * and {@code Mono} methods, each attempt through its own bulkhead permit, losers cancelled, events
 * and metrics; and start-up refusing what cannot be hedged.
 */
class HedgeIntegrationTest {

    private static final long WAIT = 10;

    private ApplicationContext context;
    private Hedged hedged;
    private ManualClock clock;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.hedge", "true",
                "sturdy-test.events", "true"));
        hedged = context.getBean(Hedged.class);
        clock = context.getBean(ManualClock.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void aSlowSyncCallIsAnsweredByItsHedgeAndTheSlowAttemptIsInterrupted() throws Exception {
        CompletableFuture<String> result = CompletableFuture.supplyAsync(hedged::sync);
        assertThat(hedged.firstEntered.await(WAIT, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMillis(20));

        assertThat(result.get(WAIT, TimeUnit.SECONDS)).isEqualTo("attempt 2");
        assertThat(hedged.firstInterrupted.get(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(context.getBean(MeterRegistry.class).get("sturdy.hedge.won").tag("method", "Hedged#sync").counter()
                .count()).isEqualTo(1);
        assertThat(context.getBean(CollectedEvents.class).events).filteredOn(HedgeEvent.class::isInstance)
                .containsExactly(new HedgeEvent("Hedged#sync", HedgeEvent.Kind.STARTED, 2, null),
                        new HedgeEvent("Hedged#sync", HedgeEvent.Kind.WON, 2, null));
    }

    @Test
    void anAsyncHedgeWinsAndTheFirstAttemptsFutureIsCancelledAndItsPermitReturned() {
        CompletableFuture<String> result = hedged.async();
        assertThat(hedged.stages).hasSize(1);

        clock.advance(Duration.ofMillis(20));
        assertThat(hedged.stages).hasSize(2);
        hedged.stages.get(1).complete("second");

        assertThat(result).isCompletedWithValue("second");
        assertThat(hedged.stages.get(0)).isCancelled();
        // both permits are back: two more calls start at once
        CompletableFuture<String> again = hedged.async();
        CompletableFuture<String> andAgain = hedged.async();
        assertThat(hedged.stages).hasSize(4);
        hedged.stages.get(2).complete("third");
        hedged.stages.get(3).complete("fourth");
        assertThat(again).isCompletedWithValue("third");
        assertThat(andAgain).isCompletedWithValue("fourth");
    }

    @Test
    void aMonoHedgeWinsAndTheFirstSubscriptionIsCancelled() {
        CompletableFuture<String> result = hedged.mono().toFuture();
        assertThat(hedged.monoAttempts.get()).isEqualTo(1);

        clock.advance(Duration.ofMillis(20));

        assertThat(result).isCompletedWithValue("mono 2");
        assertThat(hedged.monoCancelled.get()).isEqualTo(1);
    }

    @Test
    void aMultiValuedPublisherCannotBeHedged() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.hedge-flux", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:hedge-return-type] @Hedge on Streamed.all(): hedges run attempts side by side"
                        + " and keep the first result, but the method is a multi-valued Flux");
    }

    @Test
    void aHedgeBudgetThatIsNotConfiguredFailsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.hedge-budget", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:retry-budget] @Hedge.budget on Budgeted.call(): no retry budget \"tail\" is"
                        + " configured");
    }

    @Test
    void aConfiguredMaxHedgesIsCheckedAndNamed() {
        Map<String, Object> properties = new HashMap<>(Map.of("sturdy.clock", "manual", "sturdy-test.hedge", "true"));
        properties.put("sturdy.methods.\"dev.sturdy.runtime.it.HedgeIntegrationTest$Hedged#sync\".hedge.max-hedges", "0");
        assertThatThrownBy(() -> ApplicationContext.run(properties))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:hedge-max-hedges]")
                .hasMessageContaining("hedge.max-hedges")
                .hasMessageContaining("must be >= 1");
    }

    /** The first attempt of each method is slow; the ones after it answer. */
    @Singleton
    @Requires(property = "sturdy-test.hedge", value = "true")
    public static class Hedged {

        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CompletableFuture<Boolean> firstInterrupted = new CompletableFuture<>();
        final AtomicInteger syncAttempts = new AtomicInteger();
        final List<CompletableFuture<String>> stages = new CopyOnWriteArrayList<>();
        final AtomicInteger monoAttempts = new AtomicInteger();
        final AtomicInteger monoCancelled = new AtomicInteger();

        @Hedge(delay = "20ms")
        public String sync() {
            int attempt = syncAttempts.incrementAndGet();
            if (attempt == 1) {
                firstEntered.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException interrupted) {
                    firstInterrupted.complete(true);
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
            return "attempt " + attempt;
        }

        @Hedge(delay = "20ms")
        @Bulkhead(maxConcurrent = 2, maxWaiting = 0)
        public CompletableFuture<String> async() {
            CompletableFuture<String> stage = new CompletableFuture<>();
            stages.add(stage);
            return stage;
        }

        @Hedge(delay = "20ms")
        public Mono<String> mono() {
            int attempt = monoAttempts.incrementAndGet();
            return attempt == 1 ? Mono.<String>never().doOnCancel(monoCancelled::incrementAndGet) : Mono.just("mono " + attempt);
        }
    }

    /** Misdeclared: two attempts would both emit. */
    @Singleton
    @Requires(property = "sturdy-test.hedge-flux", value = "true")
    public static class Streamed {

        @Hedge
        public Flux<String> all() {
            return Flux.just("a", "b");
        }
    }

    /** Misdeclared: names a budget nobody configured. */
    @Singleton
    @Requires(property = "sturdy-test.hedge-budget", value = "true")
    public static class Budgeted {

        @Hedge(budget = "tail")
        public String call() {
            return "";
        }
    }
}
