package dev.sturdy.kotlin

import dev.sturdy.annotation.Bulkhead
import dev.sturdy.annotation.CircuitBreaker
import dev.sturdy.annotation.Fallback
import dev.sturdy.annotation.Retry
import dev.sturdy.annotation.Timeout
import jakarta.inject.Singleton
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import java.io.IOException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.cancellation.CancellationException

/** Suspend functions under every Sturdy annotation; each attempt runs [script] with its number. */
@Singleton
open class SuspendingService {

    val attempts = AtomicInteger()

    @Volatile
    var script: suspend (Int) -> String = { "ok" }

    /** Completed when a body under a timeout sees its coroutine cancelled. */
    @Volatile
    var cancelled = CompletableDeferred<Unit>()

    private suspend fun attempt(): String = script(attempts.incrementAndGet())

    @Retry(maxAttempts = 3, delay = "100ms", jitter = 0.0)
    open suspend fun retried(key: String): String = attempt() + ":" + key

    @Timeout("1s")
    open suspend fun timed(): String {
        try {
            awaitCancellation()
        } catch (stopped: CancellationException) {
            cancelled.complete(Unit)
            throw stopped
        }
    }

    /** Completed when a body holding the bulkhead's permit waits for its gate. */
    val waiting = CompletableDeferred<Unit>()

    @Bulkhead(maxConcurrent = 1, maxWaiting = 0)
    open suspend fun bulkheaded(gate: CompletableDeferred<String>): String {
        waiting.complete(Unit)
        return gate.await()
    }

    @CircuitBreaker(window = 2, failureRatio = 1.0, delay = "10s")
    open suspend fun broken(): String = attempt()

    @Retry(maxAttempts = 2, delay = "100ms", jitter = 0.0)
    @Fallback(method = "cached")
    open suspend fun withSuspendFallback(key: String): String = attempt()

    open suspend fun cached(key: String, failure: Throwable): String = "cached:$key:${failure.javaClass.simpleName}"

    @Fallback(method = "stale", applyOn = [IOException::class])
    open suspend fun withPlainFallback(key: String): String = attempt()

    open fun stale(key: String): String = "stale:$key"
}
