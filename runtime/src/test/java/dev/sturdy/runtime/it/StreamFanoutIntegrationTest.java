package dev.sturdy.runtime.it;

import dev.sturdy.exception.FanoutException;
import dev.sturdy.runtime.time.ManualClock;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.subscriber.TestSubscriber;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Fanout} methods that return a {@code Flux}: the chunks' elements in input order, on the
 * subscriber's demand, with at most {@code parallelism} chunks running and the source drawn no
 * further than they need; the test ends each chunk itself, so nothing depends on timing.
 */
class StreamFanoutIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ApplicationContext context;
    private StreamFanoutService service;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.stream-fanout", "true"));
        service = context.getBean(StreamFanoutService.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void everyStreamedFanoutsEndIsToldOnceWithItsProgress() {
        FanoutProgressWatcher watcher = context.getBean(FanoutProgressWatcher.class);

        assertThat(service.fromPublisher(Flux.range(0, 5)).collectList().block(WAIT)).hasSize(5);
        // the subscriber takes one element and cancels: after the last element, or racing it
        assertThat(service.fromPublisher(Flux.range(0, 5)).take(1).blockLast(WAIT)).isEqualTo("r0");

        assertThat(watcher.heard).hasSize(4).startsWith("started StreamFanoutService#fromPublisher",
                "ended 5/5 failed 0 well", "started StreamFanoutService#fromPublisher");
        assertThat(watcher.heard.get(3)).startsWith("ended ").endsWith("CancellationException");
    }

    @Test
    void anEndlessStreamIsDrawnOnDemandAndItsResultsComeInInputOrder() {
        AtomicLong drawn = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        Stream<Integer> endless = Stream.iterate(0, item -> item + 1).peek(item -> drawn.incrementAndGet())
                .onClose(() -> closed.set(true));
        TestSubscriber<String> subscriber = TestSubscriber.builder().initialRequest(1).build();

        service.failFast(endless).subscribe(subscriber);

        assertThat(service.started).containsExactly(List.of(0, 1), List.of(2, 3));
        assertThat(drawn.get()).as("parallelism chunks, and at most one chunk ahead").isLessThanOrEqualTo(6);
        service.succeed(2);
        assertThat(subscriber.getReceivedOnNext()).as("the later chunk waits for the earlier one").isEmpty();
        assertThat(service.started).as("a chunk whose results wait holds its slot").hasSize(2);
        service.succeed(0);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("r0");
        assertThat(service.started).as("a slow subscriber slows the source").hasSize(2);

        subscriber.request(3);

        assertThat(subscriber.getReceivedOnNext()).containsExactly("r0", "r1", "r2", "r3");
        assertThat(service.started).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4, 5), List.of(6, 7));
        assertThat(drawn.get()).isLessThanOrEqualTo(10);
        subscriber.cancel();
        assertThat(service.cancelled).containsExactlyInAnyOrder(4, 6);
        assertThat(closed).as("the source is closed").isTrue();
    }

    @Test
    void failFastEndsTheStreamWithTheFirstFailureCancellingTheOthersAndClosingTheSource() {
        AtomicBoolean closed = new AtomicBoolean();
        Stream<Integer> items = IntStream.range(0, 100).boxed().onClose(() -> closed.set(true));
        TestSubscriber<String> subscriber = TestSubscriber.create();
        service.failFast(items).subscribe(subscriber);

        service.fail(2, new IOException("chunk 2 down"));

        subscriber.block(WAIT);
        assertThat(subscriber.expectTerminalError()).isInstanceOf(IOException.class).hasMessage("chunk 2 down");
        assertThat(service.cancelled).as("the chunk in flight").contains(0);
        assertThat(service.started).hasSize(2);
        assertThat(closed).isTrue();
    }

    @Test
    void aSourceThatFailsWhileDrawnEndsTheStreamWithItsExceptionAndCancelsTheChunksInFlight() {
        Stream<Integer> broken = Stream.iterate(0, item -> item + 1).map(item -> {
            if (item == 3) {
                throw new IllegalStateException("source broke at 3");
            }
            return item;
        });
        TestSubscriber<String> subscriber = TestSubscriber.create();

        service.failFast(broken).subscribe(subscriber);

        subscriber.block(WAIT);
        assertThat(subscriber.expectTerminalError()).isInstanceOf(IllegalStateException.class).hasMessage("source broke at 3");
        assertThat(service.started).containsExactly(List.of(0, 1));
        assertThat(service.cancelled).containsExactly(0);
    }

    @Test
    void collectRunsEveryChunkAndEndsWithTheFailuresByItemIndex() {
        TestSubscriber<String> subscriber = TestSubscriber.create();
        service.collect(List.of(0, 1, 2, 3, 4)).subscribe(subscriber);

        service.fail(0, new IOException("chunk 0 down"));
        service.succeed(2);
        service.succeed(4);

        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("r2", "r3", "r4");
        Throwable failure = subscriber.expectTerminalError();
        assertThat(failure).isInstanceOf(FanoutException.class).hasMessageContaining("1 chunk(s) failed, 2 of 5 items");
        assertThat(((FanoutException) failure).failures()).containsOnlyKeys(0, 1);
        assertThat(((FanoutException) failure).partialResults()).isEmpty();
    }

    @Test
    void aPublisherOfItemsIsRequestedOnlyAsFarAsTheChunksNeed() {
        AtomicLong requested = new AtomicLong();
        Flux<Integer> items = Flux.range(0, 1_000).doOnRequest(requested::addAndGet);
        TestSubscriber<String> subscriber = TestSubscriber.builder().initialRequest(1).build();

        service.fromPublisher(items).subscribe(subscriber);

        assertThat(subscriber.getReceivedOnNext()).containsExactly("r0");
        assertThat(requested.get()).isLessThanOrEqualTo(6);
        subscriber.request(Long.MAX_VALUE);
        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).hasSize(1_000).startsWith("r0", "r1", "r2").endsWith("r999");
    }

    @Test
    void eachChunkPassesThePoliciesInsideTheFanoutOnItsOwn() throws InterruptedException {
        ManualClock clock = context.getBean(ManualClock.class);
        TestSubscriber<String> subscriber = TestSubscriber.create();
        service.retriedChunks(List.of(0, 1, 2)).subscribe(subscriber);

        clock.awaitPendingTimers(2, WAIT);
        clock.runNextTimer();
        clock.runNextTimer();

        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("r0", "r1", "r2");
        assertThat(service.calls).containsOnlyKeys(0, 2);
        assertThat(service.calls.values()).extracting(AtomicInteger::get).containsOnly(2);
    }

    @Test
    void theFallbackAnswersForTheWholeFanout() {
        TestSubscriber<String> subscriber = TestSubscriber.create();
        service.withFallback(List.of(0, 1, 2, 3)).subscribe(subscriber);

        service.fail(0, new IOException("chunk 0 down"));

        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("cached after chunk 0 down");
        assertThat(subscriber.isTerminatedComplete()).isTrue();
    }

    @Test
    void missingOrNullItemsFailTheSubscriptionNamingTheMethod() {
        TestSubscriber<String> nullItems = TestSubscriber.create();
        service.failFast(null).subscribe(nullItems);
        TestSubscriber<String> nullItem = TestSubscriber.create();
        service.failFast(Stream.of(0, null, 2)).subscribe(nullItem);

        assertThat(nullItems.expectTerminalError()).isInstanceOf(NullPointerException.class)
                .hasMessage("StreamFanoutService#failFast: the items to fan out (argument 1) are null");
        assertThat(nullItem.expectTerminalError()).isInstanceOf(NullPointerException.class)
                .hasMessage("StreamFanoutService#failFast: the items to fan out (argument 1) gave null as item 2; "
                        + "a lazy source must not");
        assertThat(service.started).isEmpty();
    }
}
