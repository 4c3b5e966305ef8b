package dev.sturdy.runtime.testing;

import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.time.ManualClock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one scenario as a sync call or as an async one, so that every scenario test asserts the
 * same outcome for both. A body written for the sync mode returns a value or throws; the async
 * modes turn that into a completed or failed stage, or (THROWING_ASYNC) let an async method throw
 * instead of returning a stage, which must be treated the same.
 */
public enum Mode {
    SYNC, ASYNC, THROWING_ASYNC;

    /** Adapts a sync body to this mode. */
    public TestInvocation.Body body(TestInvocation.Body syncBody) {
        return switch (this) {
            case SYNC -> syncBody;
            case THROWING_ASYNC -> attempt -> CompletableFuture.completedFuture(syncBody.run(attempt));
            case ASYNC -> attempt -> {
                try {
                    return CompletableFuture.completedFuture(syncBody.run(attempt));
                } catch (Throwable failure) {
                    return CompletableFuture.failedFuture(failure);
                }
            };
        };
    }

    /**
     * Calls the strategy and, for async modes, drives the clock's timers until the result is in.
     *
     * @return the result; a failure is thrown as the original throwable
     */
    public Object call(Strategy<TestInvocation> strategy, TestInvocation invocation, ManualClock clock) throws Throwable {
        if (this == SYNC) {
            return strategy.call(invocation);
        }
        CompletableFuture<Object> result = strategy.callAsync(invocation);
        while (!result.isDone() && clock.runNextTimer()) {
            // each timer may start the next attempt
        }
        try {
            return result.join();
        } catch (CompletionException failed) {
            throw failed.getCause();
        }
    }

    public boolean async() {
        return this != SYNC;
    }
}
