package dev.sturdy.runtime.testing;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Sync calls made from another thread, for tests whose caller must block while the test drives time. */
public final class Background {

    private Background() {
    }

    /** @return the call's outcome; its failure, checked or not, as the future's cause */
    public static Future<Object> call(ExecutorService callers, Strategy<TestInvocation> strategy, TestInvocation invocation) {
        return callers.submit(() -> {
            try {
                return strategy.call(invocation);
            } catch (Throwable failure) {
                throw Futures.sneakyThrow(failure);
            }
        });
    }
}
