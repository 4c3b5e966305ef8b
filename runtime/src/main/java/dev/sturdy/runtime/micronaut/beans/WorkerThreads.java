package dev.sturdy.runtime.micronaut.beans;

import io.micronaut.scheduling.LoomSupport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sturdy's own threads, for work that must not wait for a free thread: sync calls under a
 * {@code @Timeout}, timers that fall due, fan-out chunks. A virtual thread per task where the JVM
 * has them (Java 21+), else a cached pool of daemon threads named {@code sturdy-worker-N}. Owned
 * by the application context, which shuts it down on close (Micronaut 4.10 leaves its own I/O pool
 * running after close).
 */
final class WorkerThreads {

    private static final String PREFIX = "sturdy-worker-";

    private WorkerThreads() {
    }

    static ExecutorService newExecutor() {
        if (LoomSupport.isSupported()) {
            try {
                return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                        .invoke(null, LoomSupport.newVirtualThreadFactory(PREFIX));
            } catch (ReflectiveOperationException unavailable) {
                // fall through to platform threads
            }
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
