package dev.sturdy.runtime.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Small operations on futures and failures that every asynchronous strategy needs.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * @param stage a stage returned by the method
     * @return the stage as a future; cancelling that future cancels the stage where it can be
     */
    @SuppressWarnings("unchecked")
    public static CompletableFuture<Object> of(CompletionStage<?> stage) {
        if (stage instanceof CompletableFuture<?> future) {
            return (CompletableFuture<Object>) future;
        }
        CompletableFuture<Object> future = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> complete(future, value, failure));
        if (stage instanceof Future<?> cancellable) {
            whenCancelled(future, () -> cancellable.cancel(true));
        }
        return future;
    }

    /**
     * Completes {@code target} as {@code value}/{@code failure} say, unwrapping the failure.
     */
    public static void complete(CompletableFuture<Object> target, Object value, Throwable failure) {
        if (failure == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(unwrap(failure));
        }
    }

    /**
     * @return a callback that completes {@code target} with what it receives
     */
    public static BiConsumer<Object, Throwable> completing(CompletableFuture<Object> target) {
        return (value, failure) -> complete(target, value, failure);
    }

    /**
     * Runs {@code action} if and when {@code future} is cancelled.
     */
    public static void whenCancelled(CompletableFuture<?> future, Runnable action) {
        future.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                action.run();
            }
        });
    }

    /**
     * Starts async work where nobody would see it throw (a timer's thread, a finishing call's
     * thread): a failure to start becomes the future's failure rather than being lost.
     *
     * @param start starts the work
     * @return its future, or a failed one
     */
    public static CompletableFuture<Object> started(Supplier<CompletableFuture<Object>> start) {
        try {
            return start.get();
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /**
     * Waits, on a sync caller's thread, for what a future holds.
     *
     * @return its value
     * @throws InterruptedException if the caller is interrupted while it waits
     * @throws Throwable the failure as the future holds it: not wrapped in an
     *                   {@code ExecutionException}, nor in the new {@link CancellationException}
     *                   that {@code get()} wraps a held one in since Java 23
     */
    public static Object await(CompletableFuture<Object> future) throws Throwable {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            throw failed.getCause();
        } catch (CancellationException cancelled) {
            throw cancelled.getCause() instanceof CancellationException held ? held : cancelled;
        }
    }

    /**
     * @param failure what a future failed with
     * @return the original failure, without the {@link CompletionException} wrappers futures add
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable original = failure;
        while (original instanceof CompletionException && original.getCause() != null) {
            original = original.getCause();
        }
        return original;
    }

    /**
     * For a sync caller interrupted while it waited: sets the thread's interrupt flag again (the
     * wait cleared it) and says what the wait was for.
     *
     * @param what what the caller waited for, completing "interrupted while waiting for ..."
     * @param interrupted the interrupt
     * @return the exception to throw, with the interrupt as its cause
     */
    public static CancellationException interrupted(String what, InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("interrupted while waiting for " + what);
        cancelled.initCause(interrupted);
        return cancelled;
    }

    /**
     * @param what the method, or the named policy, whose work ends
     * @return the exception that work still in flight when the application shuts down ends with
     */
    public static CancellationException shuttingDown(String what) {
        return new CancellationException(what + ": cancelled, the application is shutting down");
    }

    /**
     * Throws any throwable, checked or not, without declaring it.
     *
     * @return never returns; declared so callers can write {@code throw Futures.sneakyThrow(t)}
     */
    @SuppressWarnings("unchecked")
    public static <T extends Throwable> RuntimeException sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }
}
