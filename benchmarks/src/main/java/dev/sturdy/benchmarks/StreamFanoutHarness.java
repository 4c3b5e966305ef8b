package dev.sturdy.benchmarks;

import dev.sturdy.annotation.Fanout;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Producer/consumer over a lazy source: {@code @Fanout} over a {@code Stream} of 10^7 items at
 * parallelism 64, against the classic hand-written version (one producer filling a bounded
 * {@code BlockingQueue}, 64 consumer threads of an {@code ExecutorService} draining it). Both do the
 * same work per item and must see every item. Run each in its own JVM with a 64 MB heap:
 * {@code java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.sturdy.benchmarks.StreamFanoutHarness fanout}
 * (and {@code queue}). Prints wall time and the peak heap use of the last of three rounds.
 */
public final class StreamFanoutHarness {

    static final int ITEMS = 10_000_000;
    static final int PARALLELISM = 64;
    private static final Integer END = -1;

    private StreamFanoutHarness() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "fanout";
        try (ApplicationContext context = ApplicationContext.run()) {
            Consumers consumers = context.getBean(Consumers.class);
            for (int round = 1; round <= 3; round++) {
                consumers.seen.reset();
                consumers.sum.reset();
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                switch (mode) {
                    case "fanout" -> consumers.oneByOne(source());
                    case "fanout-batched" -> consumers.batched(source());
                    case "queue" -> queue(consumers);
                    default -> throw new IllegalArgumentException("mode: fanout, fanout-batched or queue, not " + mode);
                }
                long wallMillis = (System.nanoTime() - start) / 1_000_000;
                if (consumers.seen.sum() != ITEMS || consumers.sum.sum() != (long) ITEMS * (ITEMS - 1) / 2) {
                    throw new IllegalStateException(mode + " lost or repeated items: saw " + consumers.seen.sum());
                }
                long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.printf("round %d  %-15s %,d items  wall %,6d ms  peak heap %3d MB  (max %d MB)%n", round, mode,
                        ITEMS, wallMillis, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
        }
    }

    private static Stream<Integer> source() {
        return IntStream.range(0, ITEMS).boxed();
    }

    /** The classic producer/consumer: the caller produces into a bounded queue that 64 consumers drain. */
    private static void queue(Consumers consumers) throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(PARALLELISM * 2);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        for (int i = 0; i < PARALLELISM; i++) {
            pool.execute(() -> {
                try {
                    for (Integer item = queue.take(); !item.equals(END); item = queue.take()) {
                        consumers.work(item);
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try (Stream<Integer> items = source()) {
            for (Integer item : (Iterable<Integer>) items::iterator) {
                queue.put(item);
            }
        }
        for (int i = 0; i < PARALLELISM; i++) {
            queue.put(END);
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("consumers did not finish");
        }
    }

    /** The same consumers behind {@code @Fanout}. */
    @Singleton
    public static class Consumers {

        final LongAdder seen = new LongAdder();
        final LongAdder sum = new LongAdder();

        void work(int item) {
            seen.increment();
            sum.add(item);
        }

        @Fanout(parallelism = PARALLELISM)
        public void oneByOne(Stream<Integer> items) {
            items.forEach(this::work);
        }

        @Fanout(parallelism = PARALLELISM, batchSize = 100)
        public void batched(Stream<Integer> items) {
            items.forEach(this::work);
        }
    }
}
