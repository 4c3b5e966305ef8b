package dev.sturdy.runtime.limit;

import dev.sturdy.exception.BulkheadFullException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limit's rule, in a simulation with its own time: a dependency that answers in 10 ms up to its
 * capacity of concurrent calls and queues beyond it (latency grows with the calls in flight), and
 * callers that always have more calls to make than the limit admits.
 */
class AdaptiveLimiterTest {

    private static final long BASE_NANOS = 10_000_000;
    private static final int SETTLE = 20_000;
    private static final int OBSERVE = 5_000;

    private final AdaptiveLimiter limiter = new AdaptiveLimiter(new AdaptiveLimitPolicy("Dependency#call", 20, 1, 200));
    private final PriorityQueue<Call> running = new PriorityQueue<>();
    private long now;
    /** Spreads each call's own latency over 10 to 20 ms, when set. */
    private Random jitter;

    @Test
    void theLimitSettlesNearTheDependencysCapacityAndFollowsItWhenItChanges() {
        IntSummaryStatistics at32 = run(32);
        assertThat(at32.getMin()).as("capacity 32").isGreaterThanOrEqualTo(24);
        assertThat(at32.getMax()).as("capacity 32").isLessThanOrEqualTo(40);

        IntSummaryStatistics at16 = run(16);
        assertThat(at16.getMin()).as("capacity down to 16").isGreaterThanOrEqualTo(12);
        assertThat(at16.getMax()).as("capacity down to 16").isLessThanOrEqualTo(20);

        IntSummaryStatistics backAt32 = run(32);
        assertThat(backAt32.getMin()).as("capacity back to 32").isGreaterThanOrEqualTo(24);
        assertThat(backAt32.getMax()).as("capacity back to 32").isLessThanOrEqualTo(40);
    }

    @Test
    void aDependencyWhoseLatencyVariesIsNotReadAsCongested() {
        jitter = new Random(7);

        IntSummaryStatistics at32 = run(32);

        assertThat(at32.getMin()).as("latency from 10 to 20 ms, capacity 32").isGreaterThanOrEqualTo(24);
        assertThat(at32.getMax()).isLessThanOrEqualTo(40);
    }

    @Test
    void neverAdmitsMoreCallsThanItsLimit() {
        AdaptiveLimiter three = new AdaptiveLimiter(new AdaptiveLimitPolicy("Dependency#call", 3, 1, 10));
        List<Integer> admitted = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            admitted.add(three.acquire());
        }

        assertThatThrownBy(three::acquire).isInstanceOf(BulkheadFullException.class)
                .hasMessage("Dependency#call: adaptive limit of 3 concurrent calls reached (3 in flight)");
        three.release(admitted.get(0), BASE_NANOS, AdaptiveLimiter.Outcome.IGNORED);
        assertThat(three.acquire()).isEqualTo(2);
        assertThat(three.inFlight()).isEqualTo(3);
    }

    @Test
    void aDroppedCallCutsTheLimitAtOnceButNeverBelowTheMinimum() {
        AdaptiveLimiter limit = new AdaptiveLimiter(new AdaptiveLimitPolicy("Dependency#call", 50, 40, 100));
        limit.release(limit.acquire(), BASE_NANOS, AdaptiveLimiter.Outcome.DROPPED);
        assertThat(limit.limit()).isEqualTo(45);
        limit.release(limit.acquire(), BASE_NANOS, AdaptiveLimiter.Outcome.DROPPED);
        limit.release(limit.acquire(), BASE_NANOS, AdaptiveLimiter.Outcome.DROPPED);
        assertThat(limit.limit()).isEqualTo(40);
    }

    @Test
    void aQuietPeriodDoesNotInflateTheLimit() {
        for (int call = 0; call < 1_000; call++) {
            limiter.release(limiter.acquire(), BASE_NANOS, AdaptiveLimiter.Outcome.SAMPLE);
        }

        assertThat(limiter.limit()).as("one call at a time never uses half the limit").isEqualTo(20);
    }

    /** @return the limit seen at each of the last {@link #OBSERVE} calls once it had time to settle */
    private IntSummaryStatistics run(int capacity) {
        IntSummaryStatistics observed = new IntSummaryStatistics();
        for (int completed = 0; completed < SETTLE + OBSERVE; completed++) {
            admitAll(capacity);
            Call next = running.poll();
            now = next.end;
            limiter.release(next.before, next.end - next.started, AdaptiveLimiter.Outcome.SAMPLE);
            if (completed >= SETTLE) {
                observed.accept(limiter.limit());
            }
        }
        return observed;
    }

    private void admitAll(int capacity) {
        while (limiter.inFlight() < limiter.limit()) {
            int before = limiter.acquire();
            int inFlight = before + 1;
            long base = jitter == null ? BASE_NANOS : BASE_NANOS + (long) (jitter.nextDouble() * BASE_NANOS);
            long latency = inFlight <= capacity ? base : base * inFlight / capacity;
            running.add(new Call(now, now + latency, before));
        }
    }

    private record Call(long started, long end, int before) implements Comparable<Call> {
        @Override
        public int compareTo(Call other) {
            return Long.compare(end, other.end);
        }
    }
}
