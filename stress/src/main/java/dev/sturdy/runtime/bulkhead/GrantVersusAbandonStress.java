package dev.sturdy.runtime.bulkhead;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.time.Duration;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A queued call gives up (cancelled, timed out) just as the permit it waits for is handed to it:
 * the permit ends up either with the call or back in the pool, never both and never neither.
 */
@JCStressTest
@Description("A permit handed to a waiter that abandons at the same time is neither lost nor duplicated.")
@Outcome(id = {"1, 0", "0, 1"}, expect = ACCEPTABLE, desc = "granted first, or abandoned first and the permit is free")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "the permit was lost")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "the permit was handed out twice")
@State
public class GrantVersusAbandonStress {

    private final Bulkhead bulkhead = new Bulkhead(new BulkheadPolicy("stress", 1, 1, Duration.ZERO));
    private final int held = bulkhead.tryAcquire();
    private final Bulkhead.Waiter waiter = bulkhead.enqueue();

    @Actor
    public void release() {
        bulkhead.release(held);
    }

    @Actor
    public void abandon() {
        waiter.abandon();
    }

    @Arbiter
    public void outcome(II_Result result) {
        result.r1 = waiter.decision().join() != Bulkhead.NONE ? 1 : 0;
        result.r2 = bulkhead.policy().maxConcurrent() - bulkhead.running();
    }
}
