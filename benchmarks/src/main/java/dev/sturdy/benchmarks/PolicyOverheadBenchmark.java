package dev.sturdy.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.decorators.Decorators;
import io.github.resilience4j.retry.RetryConfig;
import io.micronaut.context.ApplicationContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cost of one successful call. {@code noopInterceptor} is the floor for any Micronaut interceptor;
 * the bars for Sturdy are {@code retryCircuitBreakerBulkhead <= 1.5 x noopInterceptor} and
 * {@code fullStack} (all five sync policies, timeout on the caller's thread) {@code <= 2 x} at one
 * thread and {@code <= 3 x} at two, allocating nothing beyond it (see {@code -prof gc}). Run with {@code -t 1} and {@code -t
 * 2}: the state of a
 * breaker or bulkhead is shared by all threads, as in an application. {@code -p chaos=false,true}
 * measures each method with fault injection allowed ({@code sturdy.chaos.enabled}) but injecting
 * nothing: a switch read per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class PolicyOverheadBenchmark {

    /** {@code sturdy.chaos.enabled}: fault injection allowed, every method's switch off. */
    @Param("false")
    public String chaos;

    private ApplicationContext context;
    private Targets.Direct direct;
    private Targets.NoopIntercepted noop;
    private Targets.RetryOnly retry;
    private Targets.CircuitBreakerOnly circuitBreaker;
    private Targets.BulkheadOnly bulkhead;
    private Targets.RateLimitOnly rateLimit;
    private Targets.TimeoutOnly timeout;
    private Targets.RetryWithBudget retryWithBudget;
    private Targets.AdaptiveLimitOnly adaptiveLimit;
    private Targets.HedgeOnly hedge;
    private Targets.CircuitBreakerSlowCall circuitBreakerSlowCall;
    private Targets.TimeoutIsolated timeoutIsolated;
    private Targets.RetryCircuitBreakerBulkhead retryCircuitBreakerBulkhead;
    private Targets.FullStack fullStack;
    private Targets.FullStackIsolated fullStackIsolated;
    private Targets.AllInline allInline;
    private Targets.MicronautRetryable micronautRetryable;
    private Supplier<Integer> resilience4j;
    private FailsafeExecutor<Integer> failsafe;

    @Setup
    public void start() {
        context = ApplicationContext.run(Map.of("sturdy.retry-budgets.bench.ratio", "0.1", "sturdy.chaos.enabled", chaos));
        direct = context.getBean(Targets.Direct.class);
        noop = context.getBean(Targets.NoopIntercepted.class);
        retry = context.getBean(Targets.RetryOnly.class);
        retryWithBudget = context.getBean(Targets.RetryWithBudget.class);
        adaptiveLimit = context.getBean(Targets.AdaptiveLimitOnly.class);
        hedge = context.getBean(Targets.HedgeOnly.class);
        circuitBreakerSlowCall = context.getBean(Targets.CircuitBreakerSlowCall.class);
        circuitBreaker = context.getBean(Targets.CircuitBreakerOnly.class);
        bulkhead = context.getBean(Targets.BulkheadOnly.class);
        rateLimit = context.getBean(Targets.RateLimitOnly.class);
        timeout = context.getBean(Targets.TimeoutOnly.class);
        timeoutIsolated = context.getBean(Targets.TimeoutIsolated.class);
        retryCircuitBreakerBulkhead = context.getBean(Targets.RetryCircuitBreakerBulkhead.class);
        fullStack = context.getBean(Targets.FullStack.class);
        fullStackIsolated = context.getBean(Targets.FullStackIsolated.class);
        allInline = context.getBean(Targets.AllInline.class);
        micronautRetryable = context.getBean(Targets.MicronautRetryable.class);
        resilience4j = Decorators.ofSupplier(() -> direct.work(42))
                .withBulkhead(io.github.resilience4j.bulkhead.Bulkhead.of("b", BulkheadConfig.custom().maxConcurrentCalls(64)
                        .build()))
                .withCircuitBreaker(io.github.resilience4j.circuitbreaker.CircuitBreaker.of("c",
                        CircuitBreakerConfig.ofDefaults()))
                .withRetry(io.github.resilience4j.retry.Retry.of("r", RetryConfig.ofDefaults()))
                .decorate();
        failsafe = Failsafe.with(RetryPolicy.<Integer>ofDefaults(),
                dev.failsafe.CircuitBreaker.<Integer>builder().withFailureThreshold(10).withDelay(Duration.ofSeconds(5)).build(),
                dev.failsafe.Bulkhead.<Integer>builder(64).build());
    }

    @TearDown
    public void stop() {
        context.close();
    }

    @Benchmark
    public int direct() {
        return direct.work(42);
    }

    @Benchmark
    public int noopInterceptor() {
        return noop.work(42);
    }

    @Benchmark
    public int retry() {
        return retry.work(42);
    }

    /** A latency-driven limit: each call is admitted, timed twice, and sampled. */
    @Benchmark
    public int adaptiveLimit() {
        return adaptiveLimit.work(42);
    }

    /** A hedge whose first attempt always wins: a run, a timer scheduled and cancelled, the caller's context captured. */
    @Benchmark
    public int hedge() {
        return hedge.work(42);
    }

    /** A breaker that counts slow calls: each call is timed twice. */
    @Benchmark
    public int circuitBreakerSlowCall() {
        return circuitBreakerSlowCall.work(42);
    }

    /** A retry that spends a retry budget: each success counts itself as a first attempt. */
    @Benchmark
    public int retryWithBudget() {
        return retryWithBudget.work(42);
    }

    @Benchmark
    public int circuitBreaker() {
        return circuitBreaker.work(42);
    }

    @Benchmark
    public int bulkhead() {
        return bulkhead.work(42);
    }

    @Benchmark
    public int rateLimit() {
        return rateLimit.work(42);
    }

    @Benchmark
    public int timeout() {
        return timeout.work(42);
    }

    @Benchmark
    public int timeoutIsolated() {
        return timeoutIsolated.work(42);
    }

    @Benchmark
    public int fullStack() {
        return fullStack.work(42);
    }

    @Benchmark
    public int fullStackIsolated() {
        return fullStackIsolated.work(42);
    }

    @Benchmark
    public int retryCircuitBreakerBulkhead() {
        return retryCircuitBreakerBulkhead.work(42);
    }

    @Benchmark
    public int allInline() {
        return allInline.work(42);
    }

    @Benchmark
    public int peerMicronautRetryableCircuitBreaker() {
        return micronautRetryable.work(42);
    }

    @Benchmark
    public int peerResilience4jRetryCircuitBreakerBulkhead() {
        return resilience4j.get();
    }

    @Benchmark
    public int peerFailsafeRetryCircuitBreakerBulkhead() {
        return failsafe.get(() -> direct.work(42));
    }
}
