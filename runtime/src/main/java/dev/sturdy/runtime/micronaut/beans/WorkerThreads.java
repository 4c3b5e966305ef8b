package dev.sturdy.runtime.micronaut.beans;

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
        ExecutorService virtual = virtualThreadPerTask();
        if (virtual != null) {
            return virtual;
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(PREFIX, 1).factory())}, called
     * reflectively because Sturdy compiles for Java 17; {@code null} before Java 21. Micronaut's
     * LoomSupport did this until 5.2 deprecated it for removal.
     */
    private static ExecutorService virtualThreadPerTask() {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Object virtual = Thread.class.getMethod("ofVirtual").invoke(null);
            virtual = builder.getMethod("name", String.class, long.class).invoke(virtual, PREFIX, 1L);
            ThreadFactory factory = (ThreadFactory) builder.getMethod("factory").invoke(virtual);
            return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class).invoke(null,
                    factory);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }
}
