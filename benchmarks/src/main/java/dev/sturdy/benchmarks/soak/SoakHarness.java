package dev.sturdy.benchmarks.soak;

import dev.sturdy.exception.SturdyException;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The soak: for as long as asked, contexts are started, hammered by caller threads making sync,
 * async and fan-out calls that fail, time out, queue and get refused at random, while an
 * interrupter interrupts callers and cancels async calls at random, and then closed with calls in
 * flight. It checks what Sturdy promises: every call ends (async ones within 10 s of the close),
 * with its value or a documented failure; no thread is left interrupted by Sturdy after its call
 * returned; no Sturdy thread outlives its context; the heap after a collection stays flat from
 * cycle to cycle. It prints the counts and exits 1 if any check failed. Run it with
 * {@code benchmarks/soak.sh [seconds]}.
 */
public final class SoakHarness {

    private static final int CALLERS = 8;

    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicLong strayInterrupts = new AtomicLong();

    private SoakHarness() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        SoakHarness soak = new SoakHarness();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Long> heapAfterCycle = new ArrayList<>();
        int cycles = 0;
        while (System.nanoTime() < end) {
            soak.cycle(ThreadLocalRandom.current().nextLong(500, 3000));
            cycles++;
            heapAfterCycle.add(usedHeapAfterGc());
        }
        soak.report(cycles, heapAfterCycle);
        System.exit(soak.problems.isEmpty() ? 0 : 1);
    }

    /** One context: started, called for {@code millis}, closed with calls in flight. */
    private void cycle(long millis) throws Exception {
        ApplicationContext context = ApplicationContext.run();
        SoakTargets targets = context.getBean(SoakTargets.class);
        AtomicBoolean closing = new AtomicBoolean();
        Queue<CompletableFuture<?>> asyncCalls = new ConcurrentLinkedQueue<>();
        List<Caller> callers = IntStream.range(0, CALLERS).mapToObj(i -> new Caller(targets, closing, asyncCalls)).toList();
        callers.forEach(caller -> caller.thread.start());
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(1, 5));
            callers.get(ThreadLocalRandom.current().nextInt(CALLERS)).interrupt();
            CompletableFuture<?> call = asyncCalls.peek();
            if (call != null && ThreadLocalRandom.current().nextInt(4) == 0) {
                call.cancel(true);
            }
        }
        closing.set(true);
        context.close();
        for (Caller caller : callers) {
            caller.thread.join(TimeUnit.SECONDS.toMillis(10));
            if (caller.thread.isAlive()) {
                problems.add("a caller thread did not finish within 10 s of the close");
                caller.thread.interrupt();
            }
        }
        for (CompletableFuture<?> call : asyncCalls) {
            try {
                call.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException stuck) {
                problems.add("an async call did not complete within 10 s of the close");
            } catch (Exception ended) {
                // counted by its caller
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> name.startsWith("sturdy-")).toList();
            if (!left.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        if (!left.isEmpty()) {
            problems.add("threads left 10 s after the close: " + left);
        }
    }

    /** One caller thread: calls at random until the context closes. */
    private final class Caller {

        final Thread thread;
        /** Interrupts the soak asked for, and those it has delivered: a flag is Sturdy's only if none was pending. */
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong delivered = new AtomicLong();

        Caller(SoakTargets targets, AtomicBoolean closing, Queue<CompletableFuture<?>> asyncCalls) {
            thread = new Thread(() -> {
                while (!closing.get()) {
                    while (delivered.get() != requested.get()) {
                        Thread.onSpinWait();
                    }
                    Thread.interrupted();
                    long before = requested.get();
                    call(targets, asyncCalls);
                    if (Thread.interrupted() && requested.get() == before) {
                        strayInterrupts.incrementAndGet();
                    }
                }
            }, "soak-caller");
        }

        void interrupt() {
            requested.incrementAndGet();
            thread.interrupt();
            delivered.incrementAndGet();
        }

        private void call(SoakTargets targets, Queue<CompletableFuture<?>> asyncCalls) {
            int kind = ThreadLocalRandom.current().nextInt(10);
            try {
                if (kind < 5) {
                    targets.sync();
                    count("sync: value");
                } else if (kind < 9) {
                    CompletableFuture<String> call = targets.async();
                    asyncCalls.add(call);
                    if (asyncCalls.size() > 10_000) {
                        asyncCalls.poll();
                    }
                    call.whenComplete((value, failure) -> count("async: " + outcome(value, failure)));
                } else {
                    List<Integer> items = IntStream.range(0, 40).boxed().toList();
                    List<Integer> doubled = targets.fanout(items);
                    count(doubled.size() == items.size() ? "fanout: value" : "fanout: INCOMPLETE");
                    if (doubled.size() != items.size()) {
                        problems.add("a fan-out returned " + doubled.size() + " results for " + items.size() + " items");
                    }
                }
            } catch (Throwable failure) {
                count((kind < 5 ? "sync: " : kind < 9 ? "async: " : "fanout: ") + outcome(null, failure));
            }
        }
    }

    private String outcome(Object value, Throwable failure) {
        if (failure == null) {
            return "value";
        }
        Throwable original = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        // the methods' own failures (IOException, and InterruptedException when the soak interrupts one) pass on as they are
        boolean documented = original instanceof IOException || original instanceof InterruptedException
                || original instanceof SturdyException
                || original instanceof CancellationException;
        if (!documented && problems.size() < 20) {
            problems.add("an undocumented failure: " + original);
        }
        return original.getClass().getSimpleName();
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, key -> new AtomicLong()).incrementAndGet();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void report(int cycles, List<Long> heapAfterCycle) {
        long calls = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("cycles (context start, calls, close with calls in flight): %d%n", cycles);
        System.out.printf("calls: %d%n", calls);
        new TreeMap<>(outcomes).forEach((outcome, count) -> System.out.printf("  %-40s %d%n", outcome, count.get()));
        System.out.printf("stray interrupts (a caller's flag set after its call, not by the soak): %d%n",
                strayInterrupts.get());
        int n = heapAfterCycle.size();
        List<Long> lastHalf = heapAfterCycle.subList(n / 2, n).stream().sorted().toList();
        System.out.printf("heap after GC: first cycle %.1f MB, median of the last half %.1f MB, last %.1f MB%n",
                heapAfterCycle.get(0) / 1e6, lastHalf.get(lastHalf.size() / 2) / 1e6, heapAfterCycle.get(n - 1) / 1e6);
        if (strayInterrupts.get() > 0) {
            problems.add(strayInterrupts.get() + " stray interrupts");
        }
        System.out.println(problems.isEmpty() ? "OK: every check held" : "PROBLEMS:");
        problems.forEach(problem -> System.out.println("  " + problem));
    }
}
