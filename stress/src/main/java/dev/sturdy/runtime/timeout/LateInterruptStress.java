package dev.sturdy.runtime.timeout;

import dev.sturdy.runtime.time.ManualClock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A sync call on the caller's thread ends just as the watchdog fires its deadline: the call either
 * finished first or timed out, and in both cases its thread's interrupt flag is clear when the call
 * returns. An interrupt that landed after the call returned would hit whatever the thread does next.
 */
@JCStressTest
@Description("The watchdog's interrupt never outlives the call it was meant for.")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the call finished first; no interrupt")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the deadline fired first; the interrupt was delivered and cleared")
@Outcome(id = {"0, 1", "1, 1"}, expect = FORBIDDEN, desc = "the thread is interrupted after its call returned")
@State
public class LateInterruptStress {

    private final Watchdog watchdog = new Watchdog(new ManualClock());

    @Actor
    public void call(II_Result result) {
        Watchdog.Watch watch = watchdog.current();
        long enclosing = watch.deadline;
        long enclosingInterruptAt = watch.interruptAt();
        int before = watchdog.enter(watch, 0);
        result.r1 = watchdog.exit(watch, before, enclosing, enclosingInterruptAt) ? 1 : 0;
        result.r2 = Thread.interrupted() ? 1 : 0;
    }

    @Actor
    public void fire() {
        // close() fires every watched call at once, as a deadline that has passed does
        watchdog.close();
    }
}
