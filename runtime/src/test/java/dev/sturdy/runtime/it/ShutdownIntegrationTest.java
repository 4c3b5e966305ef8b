package dev.sturdy.runtime.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What happens to calls in flight when the application shuts down: with a plain close they all end
 * at once, each with a message naming it; with Micronaut's graceful shutdown they may finish within
 * the grace period first, and no retry waits past its end.
 */
class ShutdownIntegrationTest {

    private static final String SHUTTING_DOWN = "cancelled, the application is shutting down";

    @Test
    void closingTheContextEndsEveryCallWaitingOnSturdyWithAMessageNamingIt() throws Exception {
        ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.shutdown", "true"));
        ShutdownService service = context.getBean(ShutdownService.class);

        CompletableFuture<String> timedAsync = service.timedAsync(new CompletableFuture<>());
        CompletableFuture<String> holdingWork = new CompletableFuture<>();
        CompletableFuture<String> holdingAsync = service.exclusiveAsync(holdingWork);
        CompletableFuture<String> queuedAsync = service.exclusiveAsync(CompletableFuture.completedFuture("never"));
        assertThat(service.limitedAsync().get(10, TimeUnit.SECONDS)).isEqualTo("token");
        CompletableFuture<String> limitedAsync = service.limitedAsync();
        CountDownLatch neverReleased = new CountDownLatch(1);
        CompletableFuture<String> holdingSync = inThread(() -> service.exclusiveSync(neverReleased));
        awaitWaiting(() -> holdingSync.isDone() || Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("holding") && thread.getState() == Thread.State.WAITING));
        CompletableFuture<String> queuedSync = inThread(() -> service.exclusiveSync(new CountDownLatch(0)));
        CompletableFuture<String> timedSync = inThread(service::timedSync);
        assertThat(service.sleeping.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(service.limitedSync()).isEqualTo("token");
        CompletableFuture<String> limitedSync = inThread(service::limitedSync);
        CompletableFuture<String> retriedSync = inThread(service::retriedSync);
        awaitWaiting(() -> threadsWaiting() == 5);
        // 3 async calls and a queued sync caller registered, 2 sync callers sleeping, 1 sync call watched
        assertThat(context.getBean(GracefulShutdownManager.class).reportActiveTasks()).hasValue(7);

        context.close();

        for (CompletableFuture<String> asyncCall : List.of(timedAsync, queuedAsync, limitedAsync)) {
            assertThatThrownBy(() -> asyncCall.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CancellationException.class).hasMessageEndingWith(SHUTTING_DOWN);
            assertThat(asyncCall.isCancelled()).as("cancelled, though the caller cancelled nothing").isFalse();
        }
        assertThatThrownBy(() -> timedAsync.get()).cause().hasMessage("ShutdownService#timedAsync: " + SHUTTING_DOWN);
        assertThatThrownBy(() -> queuedAsync.get()).cause()
                .hasMessage("a call waiting for a permit of bulkhead ShutdownService#exclusiveAsync: " + SHUTTING_DOWN);
        assertThatThrownBy(() -> limitedAsync.get()).cause()
                .hasMessage("a call waiting for a token of rate limit ShutdownService#limitedAsync: " + SHUTTING_DOWN);
        assertThat(failureOf(timedSync)).hasMessage("ShutdownService#timedSync: " + SHUTTING_DOWN);
        assertThat(failureOf(queuedSync))
                .hasMessage("a call waiting for a permit of bulkhead exclusive-sync: " + SHUTTING_DOWN);
        assertThat(failureOf(limitedSync))
                .hasMessage("a call waiting for a token of rate limit ShutdownService#limitedSync: " + SHUTTING_DOWN);
        assertThat(failureOf(retriedSync)).hasMessage("ShutdownService#retriedSync: " + SHUTTING_DOWN)
                .cause().isInstanceOf(IOException.class).hasMessage("down");
        // the calls holding a permit wait on the method, not on Sturdy: they end when the method does
        neverReleased.countDown();
        assertThat(holdingSync.get(10, TimeUnit.SECONDS)).isEqualTo("released");
        holdingWork.complete("done");
        assertThat(holdingAsync.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void anAsyncCallStartedAfterTheCloseEndsAtOnceInsteadOfThrowingOrWaitingForATimerThatWillNeverRun() {
        ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.shutdown", "true"));
        ShutdownService service = context.getBean(ShutdownService.class);
        context.close();

        CompletableFuture<String> late = service.timedAsync(new CompletableFuture<>());

        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(CancellationException.class)
                .hasMessage("ShutdownService#timedAsync: " + SHUTTING_DOWN);
    }

    @Test
    void aGracefulShutdownLetsARetryFinishWithinTheGracePeriod() throws Exception {
        ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.shutdown", "true",
                "micronaut.lifecycle.graceful-shutdown.enabled", "true",
                "micronaut.lifecycle.graceful-shutdown.grace-period", "30s"));
        ShutdownService service = context.getBean(ShutdownService.class);
        CompletableFuture<String> firstAttempt = new CompletableFuture<>();
        service.attempt = () -> firstAttempt;
        CompletableFuture<String> call = service.retriedAsync();
        GracefulShutdownManager manager = context.getBean(GracefulShutdownManager.class);

        CompletableFuture<?> drained = manager.shutdownGracefully().toCompletableFuture();
        assertThat(manager.reportActiveTasks()).hasValue(1);
        service.attempt = () -> CompletableFuture.completedFuture("second attempt");
        firstAttempt.completeExceptionally(new IOException("first attempt"));

        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("second attempt");
        drained.get(10, TimeUnit.SECONDS);
        assertThat(manager.reportActiveTasks()).hasValue(0);
        context.close();
    }

    @Test
    void aGracefulShutdownStartsNoRetryThatWouldWaitPastTheGracePeriod() throws Exception {
        ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.shutdown", "true",
                "micronaut.lifecycle.graceful-shutdown.enabled", "true",
                "micronaut.lifecycle.graceful-shutdown.grace-period", "100ms"));
        ShutdownService service = context.getBean(ShutdownService.class);
        CompletableFuture<String> firstAttempt = new CompletableFuture<>();
        service.attempt = () -> firstAttempt;
        CompletableFuture<String> call = service.retriedAsync();

        context.getBean(GracefulShutdownManager.class).shutdownGracefully();
        firstAttempt.completeExceptionally(new IOException("first attempt"));

        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IOException.class).hasMessage("first attempt")
                .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage)
                        .isEqualTo("ShutdownService#retriedAsync: not retried, the application is shutting down and the "
                                + "next attempt would start after its grace period"));
        context.close();
    }

    private interface Call {
        String run() throws Exception;
    }

    private static CompletableFuture<String> inThread(Call call) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.run());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, "holding");
        thread.start();
        return result;
    }

    private static Throwable failureOf(CompletableFuture<String> call) throws Exception {
        try {
            call.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (CancellationException cancelled) {
            // since Java 23 get() throws a new CancellationException around the one the future holds
            return cancelled.getCause() instanceof CancellationException held ? held : cancelled;
        }
        throw new AssertionError("the call did not fail");
    }

    private static long threadsWaiting() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("holding"))
                .filter(thread -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING)
                .count();
    }

    private static void awaitWaiting(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s for the calls to start waiting").isNegative();
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
