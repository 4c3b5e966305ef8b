package dev.sturdy.runtime.bulkhead;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.time.Duration;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Two calls race for the one permit of a bulkhead. */
@JCStressTest
@Description("maxConcurrent 1: exactly one of two racing calls gets the permit.")
@Outcome(id = {"1, 0", "0, 1"}, expect = ACCEPTABLE, desc = "one permit, one taker")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "two executions at once")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "a free permit refused to both")
@State
public class PermitRaceStress {

    private final Bulkhead bulkhead = new Bulkhead(new BulkheadPolicy("stress", 1, 0, Duration.ZERO));

    @Actor
    public void first(II_Result result) {
        result.r1 = bulkhead.tryAcquire() == Bulkhead.NONE ? 0 : 1;
    }

    @Actor
    public void second(II_Result result) {
        result.r2 = bulkhead.tryAcquire() == Bulkhead.NONE ? 0 : 1;
    }
}
