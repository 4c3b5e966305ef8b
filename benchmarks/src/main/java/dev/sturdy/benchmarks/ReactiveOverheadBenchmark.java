package dev.sturdy.benchmarks;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.RetryConfig;
import io.micronaut.context.ApplicationContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one successful subscription to a reactive method: Sturdy's Retry+CircuitBreaker+Bulkhead
 * against the same method behind a Micronaut interceptor that only calls {@code proceed()}, and
 * against Resilience4j's Reactor operators on the same work (no interceptor at all). Each operation
 * calls the method and blocks for its result, which completes at once. Run with {@code -t 1} and
 * {@code -t 2} and {@code -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ReactiveOverheadBenchmark {

    private ApplicationContext context;
    private ReactiveTargets.MonoDirect monoDirect;
    private ReactiveTargets.MonoNoop monoNoop;
    private ReactiveTargets.MonoRetryCircuitBreakerBulkhead monoProtected;
    private ReactiveTargets.FluxNoop fluxNoop;
    private ReactiveTargets.FluxRetryCircuitBreakerBulkhead fluxProtected;
    private io.github.resilience4j.retry.Retry retry;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker breaker;
    private io.github.resilience4j.bulkhead.Bulkhead bulkhead;

    @Setup
    public void start() {
        context = ApplicationContext.run();
        monoDirect = context.getBean(ReactiveTargets.MonoDirect.class);
        monoNoop = context.getBean(ReactiveTargets.MonoNoop.class);
        monoProtected = context.getBean(ReactiveTargets.MonoRetryCircuitBreakerBulkhead.class);
        fluxNoop = context.getBean(ReactiveTargets.FluxNoop.class);
        fluxProtected = context.getBean(ReactiveTargets.FluxRetryCircuitBreakerBulkhead.class);
        retry = io.github.resilience4j.retry.Retry.of("r", RetryConfig.ofDefaults());
        breaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("c", CircuitBreakerConfig.ofDefaults());
        bulkhead = io.github.resilience4j.bulkhead.Bulkhead.of("b", BulkheadConfig.custom().maxConcurrentCalls(64).build());
    }

    @TearDown
    public void stop() {
        context.close();
    }

    @Benchmark
    public Integer monoNoopInterceptor() {
        return monoNoop.work(42).block();
    }

    @Benchmark
    public Integer monoRetryCircuitBreakerBulkhead() {
        return monoProtected.work(42).block();
    }

    @Benchmark
    public Integer peerResilience4jReactorMono() {
        return monoDirect.work(42)
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry))
                .block();
    }

    @Benchmark
    public List<Integer> fluxNoopInterceptor() {
        return fluxNoop.work(42).collectList().block();
    }

    @Benchmark
    public List<Integer> fluxRetryCircuitBreakerBulkhead() {
        return fluxProtected.work(42).collectList().block();
    }
}
