package dev.sturdy.benchmarks;

import io.micronaut.context.ApplicationContext;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * Fan-out at scale, {@code @Fanout} against a hand-written {@code CompletableFuture} per item on
 * a pool of 64 threads: wall time against the ideal (items x work / parallelism), peak heap after
 * the last collection of each run, and peak live threads. Run each implementation in its own JVM,
 * with a small heap, so that threads and heap are its own:
 * {@code java -Xmx96m -cp benchmarks/target/benchmarks.jar dev.sturdy.benchmarks.FanoutHarness fanout}
 * (and {@code futures}).
 */
public final class FanoutHarness {

    private static final int PARALLELISM = 64;

    private FanoutHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean futures = args.length > 0 && args[0].equals("futures");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ApplicationContext context = ApplicationContext.run()) {
            FanoutTargets fanout = context.getBean(FanoutTargets.class);
            ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
            String impl = futures ? "CompletableFuture per item" : "@Fanout";
            System.out.printf("%-40s %10s %10s %12s %14s%n", "workload / implementation", "wall ms", "ideal ms",
                    "peak heap MB", "peak threads");
            for (int round = 0; round < 4; round++) {
                boolean report = round > 0;
                run(report, "1e6 trivial / " + impl, 1_000_000, 0,
                        futures ? items -> perItem(items, FanoutTargets::trivialWork, pool) : fanout::trivial, threads);
                run(report, "1e4 x 1ms / " + impl, 10_000, 1,
                        futures ? items -> perItem(items, FanoutTargets::sleepingWork, pool) : fanout::sleeping, threads);
            }
            pool.shutdownNow();
        }
    }

    private static void run(boolean report, String name, int count, int workMillis, Function<List<Integer>, List<Integer>> fanOut,
                            ThreadMXBean threads) {
        List<Integer> items = new Range(count);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        List<Integer> results = fanOut.apply(items);
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        if (results.size() != count || results.get(count - 1) != count) {
            throw new IllegalStateException(name + " returned wrong results");
        }
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        if (report) {
            System.out.printf("%-40s %10d %10d %12d %14d%n", name, wallMillis, (long) count * workMillis / PARALLELISM,
                    peakHeap / (1024 * 1024), threads.getPeakThreadCount());
        }
    }

    /** The naive way: one future per item, all created up front, joined in order. */
    private static List<Integer> perItem(List<Integer> items, IntUnaryOperator work, ExecutorService pool) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(items.size());
        for (int item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> work.applyAsInt(item), pool));
        }
        List<Integer> results = new ArrayList<>(items.size());
        for (CompletableFuture<Integer> future : futures) {
            results.add(future.join());
        }
        return results;
    }

    /** The items 0..n-1 without storing them: the input itself should not dominate the heap. */
    private static final class Range extends AbstractList<Integer> {
        private final int size;

        Range(int size) {
            this.size = size;
        }

        @Override
        public Integer get(int index) {
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
