package dev.sturdy.runtime.ratelimit;

import dev.sturdy.runtime.testing.ManualClockVariant;
import dev.sturdy.runtime.time.ManualClock;
import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.time.SystemClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rate limit that refills by more than one token per tick of the clock lets each thread take a
 * tick's worth of tokens at once: never admitting more than the bucket allows, and giving unspent
 * tokens back when the tick is over. Each caller here is its own thread, as leases are per thread.
 */
class RateLimiterLeaseTest {

    private static final Duration TICK = Duration.ofMillis(1);

    private final ManualClock manual = new ManualClock();
    private final ExecutorService a = Executors.newSingleThreadExecutor();
    private final ExecutorService b = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        a.shutdownNow();
        b.shutdownNow();
    }

    /** 10,000 per second with a 1 ms tick: leases of 10 tokens. */
    private RateLimiter limiter(SturdyClock clock) {
        return new RateLimiter(new RateLimitPolicy("Service#call", 10_000, Duration.ofSeconds(1), Duration.ZERO), clock);
    }

    @Test
    void aThreadsLeasedTokensAreSpentByItAndNeverAdmittedTwice() throws Exception {
        RateLimiter limiter = limiter(new TickingClock(manual));

        assertThat(drain(a, limiter, 1)).isEqualTo(1);
        int drainedByB = drain(b, limiter, Integer.MAX_VALUE);
        int restOfA = drain(a, limiter, Integer.MAX_VALUE);

        assertThat(drainedByB).as("all but the 10 tokens A leased").isEqualTo(9_990);
        assertThat(restOfA).as("the 9 left in A's lease").isEqualTo(9);
        assertThat(1 + drainedByB + restOfA).as("exactly the bucket").isEqualTo(10_000);
    }

    @Test
    void tokensLeftWhenTheTickIsOverGoBackToTheBucket() throws Exception {
        RateLimiter limiter = limiter(new TickingClock(manual));
        drain(a, limiter, 1);
        drain(b, limiter, Integer.MAX_VALUE);

        manual.advance(TICK); // refills 10; A's lease, 9 unspent, is over
        assertThat(drain(a, limiter, 1)).isEqualTo(1);

        assertThat(drain(b, limiter, Integer.MAX_VALUE)).as("A gave its 9 back, then leased 10 of the 19").isEqualTo(9);
    }

    @Test
    void slowLimitsTakeTokensOneByOne() throws Exception {
        RateLimiter limiter = new RateLimiter(new RateLimitPolicy("Service#call", 5, Duration.ofSeconds(1), Duration.ZERO),
                new TickingClock(manual));

        assertThat(drain(a, limiter, 1)).isEqualTo(1);

        assertThat(drain(b, limiter, Integer.MAX_VALUE)).as("no lease below one token per tick").isEqualTo(4);
    }

    @Test
    void threadsHammeringOneLimitNeverGetMoreThanItAllows() throws Exception {
        try (SystemClock clock = new SystemClock(Runnable::run)) {
            RateLimiter limiter = new RateLimiter(new RateLimitPolicy("Service#call", 200_000, Duration.ofSeconds(1),
                    Duration.ZERO), clock);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            long start = System.nanoTime();
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                admitted.add(threads.submit(() -> {
                    int calls = 0;
                    for (int i = 0; i < 300_000; i++) {
                        if (limiter.reserve() == 0) {
                            calls++;
                        }
                    }
                    return calls;
                }));
            }
            int total = 0;
            for (Future<Integer> one : admitted) {
                total += one.get(60, TimeUnit.SECONDS);
            }
            long elapsed = System.nanoTime() - start;
            threads.shutdown();

            long allowed = 200_000 + elapsed / 5_000 + 1; // the full bucket, then one token every 5 us
            assertThat(total).isPositive().isLessThanOrEqualTo((int) allowed);
        }
    }

    /** Calls until the first rejection or {@code most} calls, on {@code thread}; returns how many were admitted. */
    private static int drain(ExecutorService thread, RateLimiter limiter, int most) throws Exception {
        return thread.submit(() -> {
            int admitted = 0;
            while (admitted < most && limiter.reserve() == 0) {
                admitted++;
            }
            return admitted;
        }).get(10, TimeUnit.SECONDS);
    }

    /** The manual clock, with the real clock's one-millisecond tick. */
    private static final class TickingClock extends ManualClockVariant {
        TickingClock(ManualClock clock) {
            super(clock);
        }

        @Override
        public long tickNanos() {
            return TICK.toNanos();
        }
    }
}
