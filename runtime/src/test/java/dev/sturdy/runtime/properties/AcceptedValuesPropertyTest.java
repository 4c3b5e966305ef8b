package dev.sturdy.runtime.properties;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.exception.SturdyException;
import dev.sturdy.runtime.bulkhead.Bulkhead;
import dev.sturdy.runtime.bulkhead.BulkheadListener;
import dev.sturdy.runtime.bulkhead.BulkheadPolicy;
import dev.sturdy.runtime.bulkhead.BulkheadStrategy;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.circuit.CircuitBreakerListener;
import dev.sturdy.runtime.circuit.CircuitBreakerPolicy;
import dev.sturdy.runtime.circuit.CircuitBreakerStrategy;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.ratelimit.RateLimitListener;
import dev.sturdy.runtime.ratelimit.RateLimitPolicy;
import dev.sturdy.runtime.ratelimit.RateLimitStrategy;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import dev.sturdy.runtime.retry.RetryListener;
import dev.sturdy.runtime.retry.RetryPolicy;
import dev.sturdy.runtime.retry.RetryStrategy;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import dev.sturdy.runtime.timeout.TimeoutListener;
import dev.sturdy.runtime.timeout.TimeoutPolicy;
import dev.sturdy.runtime.timeout.TimeoutStrategy;
import dev.sturdy.runtime.timeout.Watchdog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value the annotation processor and the start-up check accept works at run time. Each try
 * draws every attribute of {@code @Retry}, {@code @CircuitBreaker}, {@code @RateLimit},
 * {@code @Timeout} and {@code @Bulkhead} from its whole accepted range, extremes included (a
 * duration from {@code "0ms"} to far beyond what a {@code long} of nanoseconds holds, counts up to
 * {@code Integer.MAX_VALUE}), checks it with the same {@link AttributeRule}, converts it the way
 * the runtime does, builds the policies into one chain in the runtime's order, and runs sync and
 * async calls whose attempts succeed, fail or take a while: each call ends (within a bounded number
 * of clock steps) with the method's value or a failure Sturdy documents, never an overflow, an
 * allocation failure or a hang. {@code @Fanout}'s own inputs are fuzzed in {@link FanoutFuzzTest}.
 */
class AcceptedValuesPropertyTest {

    /** Clock steps an async call may take: every wait is a timer, however long, so few are needed. */
    private static final int MAX_STEPS = 10_000;
    private static final List<Class<? extends Throwable>> DOCUMENTED = List.of(IOException.class, SturdyException.class);

    private ManualClock clock;

    @AfterTry
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** One attempt of the method: succeeds, fails, or takes some (clock) time first. */
    enum Outcome { SUCCEEDS, FAILS, TAKES_A_SECOND, TAKES_A_MILLISECOND }

    record Settings(RetryPolicy retry, CircuitBreakerPolicy breaker, RateLimitPolicy rateLimit, TimeoutPolicy timeout,
                    BulkheadPolicy bulkhead) {
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void everyAcceptedCombinationEndsEachCallWithItsValueOrADocumentedFailure(
            @ForAll("settings") Settings settings,
            @ForAll("attempts") List<Outcome> attempts,
            @ForAll boolean async,
            @ForAll("callCounts") int calls) throws Exception {
        clock = new ManualClock();
        Strategy<TestInvocation> chain = chain(settings);
        for (int call = 0; call < calls; call++) {
            TestInvocation invocation = new TestInvocation(attempt -> attempt(attempts, attempt, async));
            Object result;
            try {
                result = async ? callAsync(chain, invocation) : chain.call(invocation);
            } catch (Throwable failure) {
                assertThat(failure).as("a documented failure").isInstanceOfAny(DOCUMENTED.toArray(Class[]::new));
                Thread.interrupted();
                continue;
            }
            assertThat(result).isEqualTo("ok");
        }
    }

    private Object callAsync(Strategy<TestInvocation> chain, TestInvocation invocation) throws Throwable {
        CompletableFuture<Object> result = chain.callAsync(invocation);
        for (int step = 0; !result.isDone() && step < MAX_STEPS; step++) {
            if (!clock.runNextTimer()) {
                break;
            }
        }
        assertThat(result).as("an async call that ends on its own or by its timers").isDone();
        try {
            return result.join();
        } catch (CompletionException failed) {
            throw failed.getCause();
        }
    }

    /** Attempts past the drawn ones succeed, so that no call retries forever. */
    private Object attempt(List<Outcome> attempts, int attempt, boolean async) throws IOException {
        Outcome outcome = attempt <= attempts.size() ? attempts.get(attempt - 1) : Outcome.SUCCEEDS;
        return switch (outcome) {
            case SUCCEEDS -> async ? CompletableFuture.completedFuture("ok") : "ok";
            case FAILS -> {
                if (async) {
                    yield CompletableFuture.failedFuture(new IOException("attempt " + attempt));
                }
                throw new IOException("attempt " + attempt);
            }
            case TAKES_A_SECOND, TAKES_A_MILLISECOND -> {
                Duration took = outcome == Outcome.TAKES_A_SECOND ? Duration.ofSeconds(1) : Duration.ofMillis(1);
                if (async) {
                    CompletableFuture<Object> later = new CompletableFuture<>();
                    clock.schedule(() -> later.complete("ok"), took.toNanos());
                    yield later;
                }
                clock.advance(took);
                yield "ok";
            }
        };
    }

    /** The chain ChainFactory builds for all five, in its order: Retry → CircuitBreaker → RateLimit → Timeout → Bulkhead. */
    private Strategy<TestInvocation> chain(Settings settings) {
        InFlight inFlight = new InFlight();
        Facilities<TestInvocation> facilities = TestInvoker.facilities(clock, inFlight, Runnable::run);
        Strategy<TestInvocation> chain = TestInvoker.sentinel();
        chain = new BulkheadStrategy<>(new Bulkhead(settings.bulkhead()), chain, facilities, BulkheadListener.NONE);
        chain = new TimeoutStrategy<>(settings.timeout(), chain, facilities, new Watchdog(clock), TimeoutListener.NONE);
        chain = new RateLimitStrategy<>(new RateLimiter(settings.rateLimit(), clock), chain, facilities, RateLimitListener.NONE);
        chain = new CircuitBreakerStrategy<>(new CircuitBreaker(settings.breaker(), clock, CircuitBreakerListener.NONE), chain);
        return new RetryStrategy<>(settings.retry(), chain, facilities, RetryListener.NONE);
    }

    @Provide
    Arbitrary<List<Outcome>> attempts() {
        return Arbitraries.of(Outcome.class).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> callCounts() {
        return Arbitraries.integers().between(1, 6);
    }

    @Provide
    Arbitrary<Settings> settings() {
        // the method's own failures: a policy's rejection retried up to Integer.MAX_VALUE times with
        // no delay would be a busy loop the user asked for, not one this test can wait out
        ExceptionMatcher methodFailures = new ExceptionMatcher(List.of(IOException.class), List.of());
        Arbitrary<RetryPolicy> retry = Combinators.combine(count(AttributeRule.RETRY_MAX_ATTEMPTS, 1, Integer.MAX_VALUE),
                durations(AttributeRule.RETRY_DELAY, false), number(AttributeRule.RETRY_MULTIPLIER, multipliers()),
                durations(AttributeRule.RETRY_MAX_DELAY, false), number(AttributeRule.RETRY_JITTER, jitters()),
                durations(AttributeRule.RETRY_MAX_DURATION, true).injectNull(0.3))
                .as((attempts, delay, multiplier, maxDelay, jitter, budget) -> new RetryPolicy("Service#call", attempts, delay,
                        multiplier, maxDelay.compareTo(delay) < 0 ? delay : maxDelay, jitter, budget, methodFailures));
        Arbitrary<CircuitBreakerPolicy> breaker = Combinators.combine(
                count(AttributeRule.CIRCUIT_BREAKER_WINDOW, 1, AttributeRule.LARGEST_WINDOW),
                number(AttributeRule.CIRCUIT_BREAKER_FAILURE_RATIO, Arbitraries.doubles().between(0, false, 1, true)),
                durations(AttributeRule.CIRCUIT_BREAKER_DELAY, false),
                count(AttributeRule.CIRCUIT_BREAKER_SUCCESS_THRESHOLD, 1, Integer.MAX_VALUE))
                .as((window, ratio, delay, threshold) -> new CircuitBreakerPolicy("Service#call", window, ratio, delay,
                        threshold, new ExceptionMatcher(List.of(Throwable.class), List.of())));
        Arbitrary<RateLimitPolicy> rateLimit = Combinators.combine(count(AttributeRule.RATE_LIMIT_PERMITS, 1, Integer.MAX_VALUE),
                durations(AttributeRule.RATE_LIMIT_PERIOD, true), durations(AttributeRule.RATE_LIMIT_MAX_WAIT, false))
                .as((permits, period, maxWait) -> new RateLimitPolicy("Service#call", permits, period, maxWait));
        // on the caller's thread: the isolated mode's arithmetic is the same, its worker thread is not what is tested here
        Arbitrary<TimeoutPolicy> timeout = durations(AttributeRule.TIMEOUT_VALUE, true)
                .map(value -> new TimeoutPolicy("Service#call", value, false));
        Arbitrary<BulkheadPolicy> bulkhead = Combinators.combine(
                count(AttributeRule.BULKHEAD_MAX_CONCURRENT, 1, Integer.MAX_VALUE),
                count(AttributeRule.BULKHEAD_MAX_WAITING, 0, Integer.MAX_VALUE),
                durations(AttributeRule.BULKHEAD_MAX_WAIT, false))
                .as((concurrent, waiting, maxWait) -> new BulkheadPolicy("Service#call", concurrent, waiting, maxWait));
        return Combinators.combine(retry, breaker, rateLimit, timeout, bulkhead).as(Settings::new);
    }

    /** Counts over a rule's whole range; jqwik draws the ends and values near them often. */
    private static Arbitrary<Integer> count(AttributeRule rule, int min, int max) {
        return Arbitraries.integers().between(min, max).filter(value -> rule.violation(value).isEmpty());
    }

    private static Arbitrary<Double> number(AttributeRule rule, Arbitrary<Double> values) {
        return values.filter(value -> rule.violation(value).isEmpty());
    }

    private static Arbitrary<Double> multipliers() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(1, 10),
                Arbitraries.of(1.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY));
    }

    private static Arbitrary<Double> jitters() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, true, 1, false), Arbitraries.of(0.0, Math.nextDown(1.0)));
    }

    /**
     * Duration texts as users write them, short and absurdly long: every unit with amounts up to 18
     * digits, ISO-8601 up to {@code Long.MAX_VALUE} seconds, and the edges of a {@code long} of
     * nanoseconds; only those the rule accepts, converted as the runtime converts them.
     */
    private static Arbitrary<Duration> durations(AttributeRule rule, boolean positive) {
        Arbitrary<String> simple = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.longs().between(positive ? 1 : 0, 999_999_999_999_999_999L),
                        Arbitraries.longs().between(positive ? 1 : 0, 2000)),
                Arbitraries.of("ns", "us", "ms", "s", "m", "h", "d"))
                .as((amount, unit) -> amount + unit);
        Arbitrary<String> iso = Arbitraries.longs().between(positive ? 1 : 0, Long.MAX_VALUE)
                .map(seconds -> "PT" + seconds + "S");
        Arbitrary<String> edges = Arbitraries.of("0ms", "1ns", "PT2562047H47M16.854775807S", "PT2562047H47M16.854775808S",
                "106751d", "106752d", "100000000d", "999999999999999999d");
        return Arbitraries.oneOf(simple, iso, edges)
                .filter(text -> rule.violation(text).isEmpty())
                .map(AttributeRule::duration);
    }
}
