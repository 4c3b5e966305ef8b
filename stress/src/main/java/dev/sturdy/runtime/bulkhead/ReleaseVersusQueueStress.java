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
 * The only permit is returned while another call, finding none, queues for it: the queued call
 * must get it (no lost wake-up), and the permit must not also go back to the pool.
 */
@JCStressTest
@Description("A permit released while a call queues ends up with that call, exactly once.")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the call holds the permit; none free")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "lost wake-up: the call waits while the permit is free")
@Outcome(expect = FORBIDDEN, desc = "the permit was lost or handed out twice")
@State
public class ReleaseVersusQueueStress {

    private final Bulkhead bulkhead = new Bulkhead(new BulkheadPolicy("stress", 1, 1, Duration.ZERO));
    private final int held = bulkhead.tryAcquire();
    private volatile Bulkhead.Waiter waiter;
    private volatile int taken = Bulkhead.NONE;

    @Actor
    public void release() {
        bulkhead.release(held);
    }

    @Actor
    public void arrive() {
        int permit = bulkhead.tryAcquire();
        if (permit != Bulkhead.NONE) {
            taken = permit;
        } else {
            waiter = bulkhead.enqueue();
        }
    }

    @Arbiter
    public void outcome(II_Result result) {
        Bulkhead.Waiter queued = waiter;
        boolean holds = taken != Bulkhead.NONE
                || queued != null && queued.decision().isDone() && queued.decision().join() != Bulkhead.NONE;
        result.r1 = holds ? 1 : 0;
        result.r2 = bulkhead.policy().maxConcurrent() - bulkhead.running();
    }
}
