package dev.sturdy.runtime.timeout;

import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.SystemClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hammers a small pool of caller threads, on the real clock, with calls that end around the
 * moment the watchdog interrupts them (the deadline plus the slack it allows for the clock's
 * ticked reading), some interruptibly and some not, and checks after every call that the thread
 * carries no interrupt flag and that its next blocking call is not interrupted: the watchdog's
 * interrupt may never land after a call returned. The outcome of each call (value or timeout)
 * depends on scheduling; what is asserted holds for every interleaving.
 */
class CallerThreadTimeoutStressTest {

    private static final int CALLERS = 3;
    private static final int CALLS_PER_CALLER = 400;
    private static final long DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ExecutorService timerThreads = Executors.newCachedThreadPool();
    private final SystemClock clock = new SystemClock(timerThreads);
    private final Watchdog watchdog = new Watchdog(clock);
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    private final AtomicInteger reportedTimeouts = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        watchdog.close();
        clock.close();
        timerThreads.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void noInterruptEverReachesACallerAfterItsCallReturned() throws Exception {
        TimeoutStrategy<TestInvocation> strategy = new TimeoutStrategy<>(
                new TimeoutPolicy("Service#call", Duration.ofNanos(DEADLINE_NANOS), false), TestInvoker.sentinel(),
                TestInvoker.facilities(clock), watchdog, (method, after) -> reportedTimeouts.incrementAndGet());
        List<Future<int[]>> results = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            results.add(callers.submit(() -> hammer(strategy)));
        }

        int values = 0;
        int timeouts = 0;
        for (Future<int[]> result : results) {
            int[] outcome = result.get(60, TimeUnit.SECONDS);
            values += outcome[0];
            timeouts += outcome[1];
        }

        assertThat(values + timeouts).isEqualTo(CALLERS * CALLS_PER_CALLER);
        assertThat(values).as("some calls beat their deadline").isPositive();
        assertThat(timeouts).as("some calls lost to it").isPositive();
        assertThat(reportedTimeouts.get()).as("a timeout is reported exactly when the caller gets one").isEqualTo(timeouts);
    }

    /** @return how many calls returned their value and how many timed out */
    private int[] hammer(TimeoutStrategy<TestInvocation> strategy) throws Exception {
        ArrayBlockingQueue<Object> neverFilled = new ArrayBlockingQueue<>(1);
        int values = 0;
        int timeouts = 0;
        for (int i = 0; i < CALLS_PER_CALLER; i++) {
            long interruptedAfter = DEADLINE_NANOS + 2 * clock.tickNanos();
            long workNanos = ThreadLocalRandom.current().nextLong(interruptedAfter / 2, 2 * interruptedAfter);
            boolean interruptible = (i & 1) == 0;
            try {
                strategy.call(new TestInvocation(attempt -> work(workNanos, interruptible)));
                values++;
            } catch (TimeoutExceededException expected) {
                timeouts++;
            } catch (Throwable unexpected) {
                throw new AssertionError("call " + i + " failed with something other than a timeout", unexpected);
            }
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag after call %d", i).isFalse();
            // a late interrupt landing now would make this blocking call throw InterruptedException
            assertThat(neverFilled.poll(20, TimeUnit.MICROSECONDS)).isNull();
        }
        return new int[] {values, timeouts};
    }

    private static Object work(long nanos, boolean interruptible) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        if (interruptible) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } else {
            while (System.nanoTime() - end < 0) {
                LockSupport.parkNanos(end - System.nanoTime());
            }
        }
        return "done";
    }
}
