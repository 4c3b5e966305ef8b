package dev.sturdy.benchmarks;

import dev.sturdy.annotation.Hedge;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The tail that {@code @Hedge} cuts: a dependency that answers in 1 ms, except 2% of calls that
 * take 50 ms (so 1 ms at p90, 50 ms at p99). Eight callers make 4,000 calls each way: plain, and
 * under {@code @Hedge(delay = "5ms")}; sync (the dependency sleeps) and async (its future completes
 * later). Prints the latency percentiles the callers saw and the calls the dependency received,
 * which is the extra load hedging costs. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sturdy.benchmarks.HedgeHarness}.
 */
public final class HedgeHarness {

    private static final int CALLERS = 8;
    private static final int CALLS = 4_000;
    private static final double SLOW_SHARE = 0.02;
    private static final long FAST_MICROS = 1_000;
    private static final long SLOW_MICROS = 50_000;

    private HedgeHarness() {
    }

    public static void main(String[] args) throws Exception {
        // the benchmarks' other targets include a retry budget, which must be configured to start
        try (ApplicationContext context = ApplicationContext.run(Map.of("sturdy.retry-budgets.bench.ratio", "0.1"))) {
            Dependency dependency = context.getBean(Dependency.class);
            Plain plain = context.getBean(Plain.class);
            Hedged hedged = context.getBean(Hedged.class);
            for (int round = 1; round <= 2; round++) {
                System.out.println("round " + round + " (the first warms up)");
                report("sync, plain", dependency, () -> plain.sync());
                report("sync, @Hedge(5ms)", dependency, () -> hedged.sync());
                report("async, plain", dependency, () -> plain.async().toCompletableFuture().join());
                report("async, @Hedge(5ms)", dependency, () -> hedged.async().toCompletableFuture().join());
            }
            dependency.timers.shutdownNow();
        }
    }

    private static void report(String what, Dependency dependency, IntSupplier call) throws Exception {
        dependency.received.set(0);
        long[] micros = new long[CALLS];
        AtomicInteger next = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            Future<?>[] running = new Future<?>[CALLERS];
            for (int c = 0; c < CALLERS; c++) {
                running[c] = callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < CALLS; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        call.getAsInt();
                        micros[i] = (System.nanoTime() - start) / 1_000;
                    }
                });
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        } finally {
            callers.shutdownNow();
        }
        Arrays.sort(micros);
        System.out.printf("  %-20s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  p99.9 %6.1f ms  dependency calls %,d (%.3fx)%n",
                what, at(micros, 0.50), at(micros, 0.90), at(micros, 0.99), at(micros, 0.999), dependency.received.get(),
                dependency.received.get() / (double) CALLS);
    }

    private static double at(long[] sortedMicros, double quantile) {
        return sortedMicros[(int) Math.ceil(quantile * sortedMicros.length) - 1] / 1000.0;
    }

    /** The dependency with the slow tail, counting every call it receives. */
    @Singleton
    public static class Dependency {

        final AtomicLong received = new AtomicLong();
        final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);

        private long latencyMicros() {
            received.incrementAndGet();
            return ThreadLocalRandom.current().nextDouble() < SLOW_SHARE ? SLOW_MICROS : FAST_MICROS;
        }

        int sync() {
            try {
                TimeUnit.MICROSECONDS.sleep(latencyMicros());
            } catch (InterruptedException cancelled) {
                Thread.currentThread().interrupt();
                return -1;
            }
            return 1;
        }

        CompletionStage<Integer> async() {
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            Future<?> timer = timers.schedule(() -> answer.complete(1), latencyMicros(), TimeUnit.MICROSECONDS);
            answer.whenComplete((value, failure) -> timer.cancel(false));
            return answer;
        }
    }

    /** Calls the dependency unprotected (still through a Sturdy-free bean, for the same call path). */
    @Singleton
    public static class Plain {

        private final Dependency dependency;

        Plain(Dependency dependency) {
            this.dependency = dependency;
        }

        public int sync() {
            return dependency.sync();
        }

        public CompletionStage<Integer> async() {
            return dependency.async();
        }
    }

    /** Calls the dependency under {@code @Hedge(delay = "5ms")}. */
    @Singleton
    public static class Hedged {

        private final Dependency dependency;

        Hedged(Dependency dependency) {
            this.dependency = dependency;
        }

        @Hedge(delay = "5ms")
        public int sync() {
            return dependency.sync();
        }

        @Hedge(delay = "5ms")
        public CompletionStage<Integer> async() {
            return dependency.async();
        }
    }
}
