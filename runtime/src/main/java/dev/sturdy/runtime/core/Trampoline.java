package dev.sturdy.runtime.core;

import java.util.ArrayDeque;

/**
 * Runs tasks that start other tasks one after the other instead of one inside the other: a queued
 * call started when another completes may complete at once and start the next, and without this
 * a long queue would become a deep stack.
 */
public final class Trampoline {

    private static final ThreadLocal<ArrayDeque<Runnable>> PENDING = new ThreadLocal<>();

    private Trampoline() {
    }

    /**
     * Runs {@code task} now, or, when called from inside a task this thread is already running
     * here, right after that task returns.
     */
    public static void run(Runnable task) {
        ArrayDeque<Runnable> pending = PENDING.get();
        if (pending != null) {
            pending.add(task);
            return;
        }
        pending = new ArrayDeque<>();
        PENDING.set(pending);
        try {
            for (Runnable next = task; next != null; next = pending.poll()) {
                next.run();
            }
        } finally {
            PENDING.remove();
        }
    }
}
