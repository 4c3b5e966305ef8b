package dev.sturdy.runtime.micronaut.beans;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;

/**
 * Where sync fan-out chunks run: Sturdy's own worker threads (see {@link WorkerThreads}), or the
 * Micronaut executor named by {@code sturdy.fanout.executor} ({@code blocking}, {@code io}, or one
 * configured under {@code micronaut.executors}). It must be able to run {@code parallelism} chunks
 * at once. Resolved on the first fan-out.
 */
@Singleton
public final class FanoutExecutor {

    /** The configuration key naming the executor. */
    public static final String KEY = "sturdy.fanout.executor";

    private final BeanContext beans;
    private final String name;
    private volatile ExecutorService executor;

    FanoutExecutor(BeanContext beans, @Value("${" + KEY + ":" + SturdyBeans.EXECUTOR + "}") String name) {
        this.beans = beans;
        this.name = name;
    }

    public ExecutorService get() {
        ExecutorService resolved = executor;
        if (resolved == null) {
            resolved = beans.findBean(ExecutorService.class, Qualifiers.byName(name)).orElseThrow(() ->
                    new ConfigurationException(
                    "[sturdy:fanout-executor] " + KEY + " is \"" + name + "\", but no executor of that name exists; name one of "
                            + "Micronaut's (blocking, io, virtual, scheduled) or one configured under micronaut.executors"));
            executor = resolved;
        }
        return resolved;
    }
}
