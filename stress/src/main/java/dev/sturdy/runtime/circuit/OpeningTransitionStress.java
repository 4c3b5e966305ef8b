package dev.sturdy.runtime.circuit;

import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.time.ManualClock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Two failures fill a window of two at once; the breaker must open, and say so, exactly once. */
@JCStressTest
@Description("Two concurrent failures filling a window of 2 with failureRatio 1.0 open the breaker exactly once.")
@Outcome(id = "OPEN, 1", expect = ACCEPTABLE, desc = "opened once, told once")
@Outcome(expect = FORBIDDEN, desc = "missed the decision, or made or told it twice")
@State
public class OpeningTransitionStress {

    private static final CircuitBreakerPolicy POLICY = new CircuitBreakerPolicy("stress", 2, 1.0, Duration.ofSeconds(1), 1,
            new ExceptionMatcher(List.of(Throwable.class), List.of()));

    private final AtomicInteger transitions = new AtomicInteger();
    private final CircuitBreaker breaker = new CircuitBreaker(POLICY, new ManualClock(), (name, from, to) ->
            transitions.incrementAndGet());
    private final Phase firstAdmitted = breaker.acquire();
    private final Phase secondAdmitted = breaker.acquire();

    @Actor
    public void first() {
        breaker.onFailure(firstAdmitted, new IOException());
    }

    @Actor
    public void second() {
        breaker.onFailure(secondAdmitted, new IOException());
    }

    @Arbiter
    public void outcome(LL_Result result) {
        result.r1 = breaker.state();
        result.r2 = transitions.get();
    }
}
