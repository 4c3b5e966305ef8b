package dev.sturdy.runtime.micronaut.chain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.publisher.TestPublisher;
import reactor.test.subscriber.TestSubscriber;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream's call decides, once per failed attempt, between running again and having passed an
 * element on: never both, so that no subscriber sees an element twice.
 */
class StreamCallTest {

    private final StreamCall call = new StreamCall(null);
    private final TestSubscriber<Object> subscriber = TestSubscriber.create();

    @BeforeEach
    void subscribe() {
        call.elements().subscribe(subscriber);
    }

    @Test
    void anElementStillOnItsWayFromAnAttemptThatIsRunAgainNeverPassesOn() {
        TestPublisher<Object> cut = TestPublisher.create();
        call.attempt(cut);

        // the retry decides on the attempt's failure (a timeout) before its subscription is cut
        assertThat(call.mayRepeat()).isTrue();
        cut.next("late");
        call.attempt(Flux.just("again"));
        call.end(null, null);

        assertThat(subscriber.getReceivedOnNext()).containsExactly("again");
        assertThat(subscriber.isTerminatedComplete()).isTrue();
        cut.assertCancelled();
    }

    @Test
    void anAttemptWhoseElementPassedOnIsNeverRunAgain() {
        TestPublisher<Object> failing = TestPublisher.create();
        call.attempt(failing);

        failing.next("first");
        failing.error(new IOException("down"));

        assertThat(call.mayRepeat()).isFalse();
        assertThat(subscriber.getReceivedOnNext()).containsExactly("first");
    }
}
