package dev.sturdy.runtime.it;

import dev.sturdy.exception.BulkheadFullException;
import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.exception.RateLimitExceededException;
import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.time.ManualClock;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.publisher.TestPublisher;
import reactor.test.subscriber.TestSubscriber;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactive methods through a real application context with a manual clock: each subscription is
 * one call, no thread is blocked, cancelling reaches everything pending, and every policy's
 * failure arrives through {@code onError}.
 */
class ReactiveIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ApplicationContext context;
    private ManualClock clock;
    private ReactiveService service;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual"));
        clock = context.getBean(ManualClock.class);
        service = context.getBean(ReactiveService.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void aMonoIsRetriedByInvokingTheMethodAgainAfterEachDelayWithNothingRunBeforeTheSubscription() throws Exception {
        service.script(Mono.error(new IOException("1")), Mono.error(new IOException("2")), Mono.just("ok"));

        Mono<String> call = service.retriedMono();
        assertThat(service.invocations).as("cold until subscribed").hasValue(0);
        TestSubscriber<String> subscriber = subscribe(call);
        assertThat(service.invocations).hasValue(1);
        runRetryTimer();
        assertThat(service.invocations).hasValue(2);
        runRetryTimer();

        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("ok");
        assertThat(subscriber.isTerminatedComplete()).isTrue();
        assertThat(service.invocations).hasValue(3);
    }

    @Test
    void eachSubscriptionIsACallOfItsOwn() {
        service.script(Mono.just("first"), Mono.just("second"));
        Mono<String> call = service.retriedMono();

        assertThat(call.block(WAIT)).isEqualTo("first");
        assertThat(call.block(WAIT)).isEqualTo("second");
        assertThat(service.invocations).hasValue(2);
    }

    @Test
    void theLastFailureArrivesThroughOnErrorWhenRetriesRunOut() throws Exception {
        service.script(Mono.error(new IOException("1")), Mono.error(new IOException("2")), Mono.error(new IOException("3")));

        TestSubscriber<String> subscriber = subscribe(service.retriedMono());
        runRetryTimer();
        runRetryTimer();

        subscriber.block(WAIT);
        assertThat(subscriber.expectTerminalError()).isInstanceOf(IOException.class).hasMessage("3");
    }

    @Test
    void cancellingTheSubscriptionCancelsThePendingRetry() throws Exception {
        service.script(Mono.error(new IOException("1")), Mono.just("never"));
        TestSubscriber<String> subscriber = subscribe(service.retriedMono());
        clock.awaitPendingTimers(1, WAIT);

        subscriber.cancel();

        assertThat(clock.pendingTimers()).isZero();
        assertThat(service.invocations).hasValue(1);
        assertThat(subscriber.getProtocolErrors()).as("nothing reaches a subscriber after it cancelled").isEmpty();
        assertThat(subscriber.isTerminated()).isFalse();
    }

    @Test
    void cancellingTheSubscriptionCancelsTheAttemptInFlight() {
        TestPublisher<String> hanging = TestPublisher.create();
        service.script(hanging);
        TestSubscriber<String> subscriber = subscribe(service.retriedMono());
        hanging.assertWasSubscribed();

        subscriber.cancel();

        hanging.assertWasCancelled();
        assertThat(subscriber.getProtocolErrors()).as("nothing reaches a subscriber after it cancelled").isEmpty();
        assertThat(subscriber.isTerminated()).isFalse();
    }

    @Test
    void aTimeoutCancelsTheSubscriptionAndSignalsTimeoutExceeded() {
        TestPublisher<String> hanging = TestPublisher.create();
        service.script(hanging);
        TestSubscriber<String> subscriber = subscribe(service.timedMono());
        hanging.assertWasSubscribed();

        clock.advance(Duration.ofSeconds(1));

        subscriber.block(WAIT);
        assertThat(subscriber.expectTerminalError()).isInstanceOf(TimeoutExceededException.class);
        hanging.assertWasCancelled();
    }

    @Test
    void aBulkheadPermitIsHeldFromSubscriptionToTheTerminalSignalAndAQueuedCallLeavesWhenCancelled() {
        TestPublisher<String> first = TestPublisher.create();
        service.script(first, Mono.just("second"), Mono.just("third"));
        TestSubscriber<String> holding = subscribe(service.bulkheadedMono());
        TestSubscriber<String> queued = subscribe(service.bulkheadedMono());
        TestSubscriber<String> rejected = subscribe(service.bulkheadedMono());
        assertThat(rejected.expectTerminalError()).isInstanceOf(BulkheadFullException.class);
        assertThat(service.invocations).as("the queued call has not started").hasValue(1);

        queued.cancel();
        TestSubscriber<String> next = subscribe(service.bulkheadedMono());
        first.emit("first");

        assertThat(holding.getReceivedOnNext()).containsExactly("first");
        next.block(WAIT);
        assertThat(next.getReceivedOnNext()).containsExactly("second");
        assertThat(queued.getReceivedOnNext()).isEmpty();
    }

    @Test
    void theBreakerOpensOnFailuresSignalledThroughOnErrorAndThenRejectsWithoutInvoking() {
        service.script(Mono.error(new IOException("1")), Mono.error(new IOException("2")));
        subscribe(service.brokenMono()).block(WAIT);
        subscribe(service.brokenMono()).block(WAIT);

        TestSubscriber<String> rejected = subscribe(service.brokenMono());

        assertThat(rejected.expectTerminalError()).isInstanceOf(CircuitOpenException.class);
        assertThat(service.invocations).hasValue(2);
    }

    @Test
    void aRateLimitRejectsThroughOnError() {
        service.script(Mono.just("first"), Mono.just("second"));
        assertThat(service.limitedMono().block(WAIT)).isEqualTo("first");

        TestSubscriber<String> rejected = subscribe(service.limitedMono());

        assertThat(rejected.expectTerminalError()).isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void theFallbacksPublisherAnswersWithTheOriginalFailure() throws Exception {
        service.script(Mono.error(new IOException("1")), Mono.error(new IOException("2")));
        TestSubscriber<String> subscriber = subscribe(service.fallbackMono("k"));
        runRetryTimer();

        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("cached:k:IOException");
    }

    @Test
    void aPublisherMarkedSingleResultIsRetriedLikeAMono() throws Exception {
        service.script(Flux.error(new IOException("1")), Flux.just("one", "two"));
        TestSubscriber<String> subscriber = subscribe(service.singleResult());
        runRetryTimer();

        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("one");
    }

    @ParameterizedTest(name = "multi-valued: {0}")
    @ValueSource(booleans = {false, true})
    void aMethodThatThrowsInsteadOfReturningAPublisherIsTreatedAsOneThatFailed(boolean multiValued) throws Exception {
        service.script(Mono.empty(), Mono.empty(), Mono.empty());
        TestSubscriber<String> subscriber = subscribe(multiValued ? service.fluxThatThrowsInsteadOfReturning()
                : service.throwsInsteadOfReturning());
        runRetryTimer();
        runRetryTimer();

        subscriber.block(WAIT);
        assertThat(subscriber.expectTerminalError()).isInstanceOf(IOException.class).hasMessage("thrown");
        assertThat(service.invocations).hasValue(3);
    }

    @Test
    void aMethodThatReturnsNullFailsNamingItself() throws Exception {
        TestSubscriber<String> subscriber = subscribe(service.returnsNull());
        runRetryTimer();
        runRetryTimer();

        subscriber.block(WAIT);
        assertThat(subscriber.expectTerminalError()).isInstanceOf(IllegalStateException.class)
                .hasMessage("ReactiveService#returnsNull returned null instead of a Mono");
    }

    // multi-valued

    @Test
    void aFluxIsRetriedWhenItFailsBeforeItsFirstElementAndTheSubscribersDemandCarriesOver() throws Exception {
        List<Long> requested = new CopyOnWriteArrayList<>();
        service.script(Flux.<String>error(new IOException("1")).doOnRequest(requested::add),
                Flux.range(1, 10).map(String::valueOf).doOnRequest(requested::add));
        TestSubscriber<String> subscriber = TestSubscriber.builder().initialRequest(3).build();
        service.retriedFlux().subscribe(subscriber);
        runRetryTimer();

        assertThat(subscriber.getReceivedOnNext()).containsExactly("1", "2", "3");
        assertThat(requested).as("never more than the subscriber asked for").containsExactly(3L, 3L);
        subscriber.request(7);
        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).hasSize(10);
        assertThat(requested).containsExactly(3L, 3L, 7L);
    }

    @Test
    void aFluxThatFailsAfterAnElementIsNotRetriedSoNoElementIsSeenTwice() {
        TestPublisher<String> source = TestPublisher.create();
        service.script(source, Flux.just("again"));
        TestSubscriber<String> subscriber = subscribe(service.retriedFlux());
        source.next("a");

        source.error(new IOException("after a"));

        assertThat(subscriber.getReceivedOnNext()).containsExactly("a");
        assertThat(subscriber.expectTerminalError()).isInstanceOf(IOException.class).hasMessage("after a");
        assertThat(clock.pendingTimers()).isZero();
        assertThat(service.invocations).hasValue(1);
    }

    @Test
    void aFluxTimeoutBoundsTheWholeSubscription() {
        TestPublisher<String> source = TestPublisher.create();
        service.script(source);
        TestSubscriber<String> subscriber = subscribe(service.timedFlux());
        source.next("a");

        clock.advance(Duration.ofSeconds(1));

        subscriber.block(WAIT);
        assertThat(subscriber.getReceivedOnNext()).containsExactly("a");
        assertThat(subscriber.expectTerminalError()).isInstanceOf(TimeoutExceededException.class);
        source.assertWasCancelled();
    }

    @Test
    void aFluxHoldsItsBulkheadPermitUntilItsTerminalSignalOrCancellation() {
        TestPublisher<String> first = TestPublisher.create();
        TestPublisher<String> second = TestPublisher.create();
        service.script(first, second);
        TestSubscriber<String> holding = subscribe(service.bulkheadedFlux());
        first.next("a");
        assertThat(subscribe(service.bulkheadedFlux()).expectTerminalError()).isInstanceOf(BulkheadFullException.class);

        first.complete();
        TestSubscriber<String> next = subscribe(service.bulkheadedFlux());
        second.assertWasSubscribed();
        assertThat(subscribe(service.bulkheadedFlux()).expectTerminalError()).isInstanceOf(BulkheadFullException.class);
        next.cancel();

        second.assertWasCancelled();
        service.script(Flux.just("after"));
        assertThat(service.bulkheadedFlux().collectList().block(WAIT)).containsExactly("after");
        assertThat(holding.isTerminatedComplete()).isTrue();
    }

    @Test
    void aFluxBreakerRecordsTheTerminalSignal() {
        service.script(Flux.just("a").concatWith(Flux.error(new IOException("1"))), Flux.error(new IOException("2")));
        subscribe(service.brokenFlux()).block(WAIT);
        subscribe(service.brokenFlux()).block(WAIT);

        assertThat(subscribe(service.brokenFlux()).expectTerminalError()).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void aFluxFailureSwitchesToTheFallbacksElements() {
        service.script(Flux.just("a").concatWith(Flux.error(new IOException("1"))));

        assertThat(service.fallbackFlux("k").collectList().block(WAIT)).containsExactly("a", "cached:k", "stale:k");
    }

    @Test
    void cancellingAFluxCancelsItsSourceAndThePendingRetry() throws Exception {
        service.script(Flux.error(new IOException("1")), Flux.just("never"));
        TestSubscriber<String> subscriber = subscribe(service.retriedFlux());
        clock.awaitPendingTimers(1, WAIT);

        subscriber.cancel();

        assertThat(clock.pendingTimers()).isZero();
        assertThat(service.invocations).hasValue(1);
        assertThat(subscriber.getProtocolErrors()).as("nothing reaches a subscriber after it cancelled").isEmpty();
        assertThat(subscriber.isTerminated()).isFalse();
    }

    // publishers that break the rules

    @Test
    void aNullElementFailsTheSubscriptionNamingTheMethodAndFreesThePermit() {
        TestPublisher<String> source = TestPublisher.createNoncompliant(TestPublisher.Violation.ALLOW_NULL);
        service.script(source, Flux.just("after"));
        TestSubscriber<String> subscriber = subscribe(service.bulkheadedFlux());

        source.next("a").next(null);

        assertThat(subscriber.getReceivedOnNext()).containsExactly("a");
        assertThat(subscriber.expectTerminalError()).isInstanceOf(NullPointerException.class)
                .hasMessage("ReactiveService#bulkheadedFlux's publisher emitted null, which reactive streams forbid");
        source.assertCancelled();
        assertThat(service.bulkheadedFlux().collectList().block(WAIT)).containsExactly("after");
    }

    @Test
    void elementsBeyondTheSubscribersDemandFailTheSubscriptionNamingTheMethod() {
        TestPublisher<String> source = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
        service.script(source);
        TestSubscriber<String> subscriber = TestSubscriber.builder().initialRequest(1).build();
        service.timedFlux().subscribe(subscriber);

        source.next("a", "b");

        assertThat(subscriber.getReceivedOnNext()).containsExactly("a");
        assertThat(subscriber.expectTerminalError()).isInstanceOf(IllegalStateException.class)
                .hasMessage("ReactiveService#timedFlux's publisher emitted more elements than were requested");
        assertThat(clock.pendingTimers()).as("the timeout's timer is gone").isZero();
    }

    @Test
    void signalsAfterTheEndAreDropped() {
        TestPublisher<String> source = TestPublisher.createNoncompliant(TestPublisher.Violation.CLEANUP_ON_TERMINATE);
        service.script(source);
        TestSubscriber<String> subscriber = subscribe(service.retriedFlux());

        source.next("a").complete();
        source.next("late").error(new IOException("late"));

        assertThat(subscriber.getReceivedOnNext()).containsExactly("a");
        assertThat(subscriber.isTerminatedComplete()).isTrue();
        assertThat(subscriber.getProtocolErrors()).as("late signals would be kept here, not in the received ones").isEmpty();
    }

    // RxJava 3, converted by micronaut-rxjava3

    @Test
    void rxJavaTypesAreRetriedLikeReactorsAndKeepTheirType() throws Exception {
        service.script(Mono.error(new IOException("1")), Mono.just("single"));
        var single = service.retriedSingle().test();
        runRetryTimer();
        single.await().assertValue("single");

        service.script(Mono.error(new IOException("1")), Mono.empty());
        var maybe = service.retriedMaybe().test();
        runRetryTimer();
        maybe.await().assertComplete().assertNoValues();

        service.script(Mono.error(new IOException("1")), Mono.empty());
        var completable = service.retriedCompletable().test();
        runRetryTimer();
        completable.await().assertComplete();

        service.script(Flux.error(new IOException("1")), Flux.just("a", "b"));
        var flowable = service.retriedFlowable().test();
        runRetryTimer();
        flowable.await().assertValues("a", "b");

        service.script(Flux.error(new IOException("1")), Flux.just("a", "b"));
        var observable = service.retriedObservable().test();
        runRetryTimer();
        observable.await().assertValues("a", "b");
    }

    private void runRetryTimer() throws InterruptedException {
        clock.awaitPendingTimers(1, WAIT);
        clock.runNextTimer();
    }

    private static <T> TestSubscriber<T> subscribe(Publisher<T> publisher) {
        TestSubscriber<T> subscriber = TestSubscriber.create();
        publisher.subscribe(subscriber);
        return subscriber;
    }
}
