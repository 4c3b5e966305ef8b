package dev.sturdy.benchmarks;

import dev.sturdy.annotation.Fanout;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** The two workloads of {@link FanoutHarness}, behind {@code @Fanout}. */
@Singleton
public class FanoutTargets {

    static int trivialWork(int item) {
        return item + 1;
    }

    static int sleepingWork(int item) {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return item + 1;
    }

    @Fanout(parallelism = 64, batchSize = 1)
    public List<Integer> trivial(List<Integer> items) {
        List<Integer> results = new ArrayList<>(items.size());
        for (int item : items) {
            results.add(trivialWork(item));
        }
        return results;
    }

    @Fanout(parallelism = 64, batchSize = 1)
    public List<Integer> sleeping(List<Integer> items) {
        List<Integer> results = new ArrayList<>(items.size());
        for (int item : items) {
            results.add(sleepingWork(item));
        }
        return results;
    }
}
