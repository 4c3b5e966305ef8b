package dev.sturdy.benchmarks;

import dev.sturdy.annotation.RateLimit;
import dev.sturdy.exception.RateLimitExceededException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * A rate limit of 1,000 calls a second shared through a real {@code redis-server} by three
 * application contexts in this JVM, 16 callers each, calling as fast as they can for 30 seconds:
 * the calls admitted in each second, in total (the limit, plus the bucket's burst of 1,000 in the
 * first second, after a warm-up of 5 seconds); the added latency of a call, against the same limit held locally, measured in the
 * same run; and the calls one instance pushes through. {@code outage} kills Redis for 10 seconds
 * in the middle: the longest a call waited, and the admitted calls per second meanwhile (each
 * instance on its own limit, {@code on-failure: local}) and after. Needs {@code redis-server} on
 * the path. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sturdy.benchmarks.SharedRateLimitHarness [outage]}.
 */
public final class SharedRateLimitHarness {

    private static final int INSTANCES = 3;
    private static final int CALLERS = 16;
    private static final int SECONDS = 30;

    private SharedRateLimitHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean outage = args.length > 0 && args[0].equals("outage");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process redis = startRedis(port);
        List<ApplicationContext> instances = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                Map<String, Object> properties = new HashMap<>(Map.of("redis.uri", "redis://127.0.0.1:" + port,
                        "sturdy.rate-limits.partner.store", "redis", "sturdy-bench.shared", "true",
                        "sturdy.retry-budgets.bench.ratio", "0.1"));
                instances.add(ApplicationContext.run(properties));
            }
            System.out.println("local limiter, one instance, " + CALLERS + " callers, 5 s:");
            Quota local = instances.get(0).getBean(Quota.class);
            run(new ArrayList<>(List.of(local::local)), 5, null, -1);
            System.out.printf("shared limiter, %d instances x %d callers, %d s%s:%n", INSTANCES, CALLERS, SECONDS,
                    outage ? ", Redis killed from second 10 to 20" : "");
            List<IntSupplier> shared = new ArrayList<>();
            for (ApplicationContext instance : instances) {
                shared.add(instance.getBean(Quota.class)::shared);
            }
            Process[] server = {redis};
            Runnable kill = () -> server[0].destroyForcibly();
            Runnable restart = () -> {
                try {
                    server[0] = startRedis(port);
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
            };
            System.out.println("  (warm-up, 5 s, not counted)");
            run(shared, 5, null, -1);
            run(shared, SECONDS, outage ? new Runnable[] {kill, restart} : null, 10);
            redis = server[0];
        } finally {
            instances.forEach(ApplicationContext::close);
            redis.destroyForcibly();
        }
    }

    /** Runs callers of {@code calls} round-robin for {@code seconds}; prints admitted per second and latency. */
    private static void run(List<IntSupplier> calls, int seconds, Runnable[] outage, int outageAt) throws Exception {
        int threads = calls.size() * CALLERS;
        AtomicLongArray admittedPerSecond = new AtomicLongArray(seconds + 1);
        LongAdder attempts = new LongAdder();
        long[][] latencies = new long[threads][];
        long[] longest = new long[threads];
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            IntSupplier call = calls.get(t % calls.size());
            running.add(pool.submit(() -> {
                long[] samples = new long[1 << 20];
                int n = 0;
                for (long now = System.nanoTime(); now - end < 0; now = System.nanoTime()) {
                    long before = System.nanoTime();
                    boolean admitted;
                    try {
                        call.getAsInt();
                        admitted = true;
                    } catch (RateLimitExceededException refused) {
                        admitted = false;
                    }
                    long took = System.nanoTime() - before;
                    attempts.increment();
                    longest[thread] = Math.max(longest[thread], took);
                    if (n < samples.length) {
                        samples[n++] = took;
                    }
                    if (admitted) {
                        admittedPerSecond.incrementAndGet((int) ((before - start) / 1_000_000_000L));
                    }
                }
                latencies[thread] = Arrays.copyOf(samples, n);
            }));
        }
        if (outage != null) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(outageAt));
            outage[0].run();
            Thread.sleep(10_000);
            outage[1].run();
        }
        for (Future<?> caller : running) {
            caller.get();
        }
        pool.shutdown();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        StringBuilder perSecond = new StringBuilder();
        for (int s = 0; s < seconds; s++) {
            perSecond.append(admittedPerSecond.get(s)).append(s + 1 < seconds ? " " : "");
        }
        long total = 0;
        for (int s = 0; s < seconds; s++) {
            total += admittedPerSecond.get(s);
        }
        System.out.printf("  admitted per second: %s%n  admitted in total: %,d (%.1f a second)%n", perSecond, total,
                total / (double) seconds);
        System.out.printf("  call latency: p50 %.1f us  p99 %.1f us  longest %.1f ms; calls per second per instance: %,.0f%n",
                all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3,
                Arrays.stream(longest).max().orElse(0) / 1e6, attempts.sum() / (double) seconds / calls.size());
    }

    private static Process startRedis(int port) throws Exception {
        Path log = Files.createTempFile("harness-redis", ".log");
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save",
                "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
    }

    /** The same limit of 1,000 a second, shared through Redis and held locally. */
    @Singleton
    @Requires(property = "sturdy-bench.shared", value = "true")
    public static class Quota {

        @RateLimit(name = "partner", permits = 1000, period = "1s")
        public int shared() {
            return 1;
        }

        @RateLimit(name = "local-partner", permits = 1000, period = "1s")
        public int local() {
            return 1;
        }
    }
}
