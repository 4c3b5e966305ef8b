package dev.sturdy.runtime.circuit;

import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.time.ManualClock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Two calls race for the single trial slot of a breaker whose open delay has passed. */
@JCStressTest
@Description("An OPEN breaker past its delay with successThreshold 1 admits exactly one of two racing calls.")
@Outcome(id = {"1, 0", "0, 1"}, expect = ACCEPTABLE, desc = "one trial admitted, the other rejected")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "two trials: more than successThreshold")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "no trial: the breaker would stay open for good")
@State
public class HalfOpenAdmissionStress {

    private static final CircuitBreakerPolicy POLICY = new CircuitBreakerPolicy("stress", 1, 1.0, Duration.ofSeconds(1), 1,
            new ExceptionMatcher(List.of(Throwable.class), List.of()));

    private final CircuitBreaker breaker;

    public HalfOpenAdmissionStress() {
        ManualClock clock = new ManualClock();
        breaker = new CircuitBreaker(POLICY, clock, CircuitBreakerListener.NONE);
        breaker.onFailure(breaker.acquire(), new IOException());
        clock.advance(Duration.ofSeconds(1));
    }

    @Actor
    public void first(II_Result result) {
        result.r1 = admitted();
    }

    @Actor
    public void second(II_Result result) {
        result.r2 = admitted();
    }

    private int admitted() {
        try {
            breaker.acquire();
            return 1;
        } catch (CircuitOpenException rejected) {
            return 0;
        }
    }
}
