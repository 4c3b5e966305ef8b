package dev.sturdy.kotlin

import dev.sturdy.exception.BulkheadFullException
import dev.sturdy.exception.CircuitOpenException
import dev.sturdy.exception.TimeoutExceededException
import dev.sturdy.runtime.time.ManualClock
import io.micronaut.context.ApplicationContext
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.io.IOException
import java.time.Duration

/**
 * Kotlin suspend functions through a real application context, compiled with kapt, Micronaut's
 * processor and Sturdy's, with a manual clock: no thread is blocked, and cancelling reaches the
 * coroutine. Test functions return Unit: JUnit skips one that returns runBlocking's value.
 */
@Timeout(15)
class SuspendFunctionsTest {

    private lateinit var context: ApplicationContext
    private lateinit var clock: ManualClock
    private lateinit var service: SuspendingService

    @BeforeEach
    fun start() {
        context = ApplicationContext.run(mapOf<String, Any>("sturdy.clock" to "manual"))
        clock = context.getBean(ManualClock::class.java)
        service = context.getBean(SuspendingService::class.java)
    }

    @AfterEach
    fun stop() {
        context.close()
    }

    @Test
    fun `a suspend function is retried after each delay and resumes with the value`() {
        runBlocking {
            service.script = { attempt -> if (attempt < 3) throw IOException("attempt $attempt") else "ok" }

            val call = async(Dispatchers.Default) { service.retried("k") }
            runRetryTimer()
            runRetryTimer()

            assertThat(withTimeout(WAIT) { call.await() }).isEqualTo("ok:k")
            assertThat(service.attempts.get()).isEqualTo(3)
        }
    }

    @Test
    fun `the last failure is thrown as it is when retries run out`() {
        runBlocking {
            service.script = { attempt -> throw IOException("attempt $attempt") }

            // a failed child would cancel this scope: the call's failure is caught inside it
            val call = async(Dispatchers.Default) { runCatching { service.retried("k") } }
            runRetryTimer()
            runRetryTimer()

            assertThat(withTimeout(WAIT) { call.await() }.exceptionOrNull())
                .isInstanceOf(IOException::class.java).hasMessage("attempt 3")
            assertThat(service.attempts.get()).isEqualTo(3)
        }
    }

    @Test
    fun `a timeout cancels the coroutine and throws TimeoutExceededException`() {
        runBlocking {
            val call = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { runCatching { service.timed() } }

            clock.advance(Duration.ofSeconds(1))

            assertThat(withTimeout(WAIT) { call.await() }.exceptionOrNull()).isInstanceOf(TimeoutExceededException::class.java)
            withTimeout(WAIT) { service.cancelled.await() }
        }
    }

    @Test
    fun `cancelling the caller cancels the pending retry`() {
        runBlocking {
            service.script = { throw IOException("down") }
            val call = async(Dispatchers.Default) { service.retried("k") }
            clock.awaitPendingTimers(1, Duration.ofSeconds(10))

            call.cancel()
            call.join()

            assertThat(clock.pendingTimers()).isZero()
            assertThat(service.attempts.get()).isEqualTo(1)
        }
    }

    @Test
    fun `a bulkhead permit is held until the function returns`() {
        runBlocking {
            val gate = CompletableDeferred<String>()
            val holding = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { service.bulkheaded(gate) }

            assertThatThrownBy { runBlocking { service.bulkheaded(CompletableDeferred("never")) } }
                .isInstanceOf(BulkheadFullException::class.java)
            gate.complete("first")

            assertThat(withTimeout(WAIT) { holding.await() }).isEqualTo("first")
            assertThat(service.bulkheaded(CompletableDeferred("second"))).isEqualTo("second")
        }
    }

    @Test
    fun `cancelling the caller cancels the attempt in flight, returns its permit and is never retried`() {
        runBlocking {
            val started = CompletableDeferred<Unit>()
            service.script = { started.complete(Unit); awaitCancellation() }
            val retried = async(Dispatchers.Default) { service.retried("k") }
            val gate = CompletableDeferred<String>()
            val holding = async(Dispatchers.Default) { service.bulkheaded(gate) }
            withTimeout(WAIT) { started.await() }
            withTimeout(WAIT) { service.waiting.await() }

            retried.cancel()
            holding.cancel()
            retried.join()
            holding.join()

            assertThat(service.attempts.get()).isEqualTo(1)
            assertThat(clock.pendingTimers()).isZero()
            assertThat(service.bulkheaded(CompletableDeferred("next"))).isEqualTo("next")
        }
    }

    @Test
    fun `the breaker opens on failures and then rejects without calling`() {
        runBlocking {
            service.script = { throw IOException("down") }
            repeat(2) { runCatching { service.broken() } }

            assertThatThrownBy { runBlocking { service.broken() } }.isInstanceOf(CircuitOpenException::class.java)
            assertThat(service.attempts.get()).isEqualTo(2)
        }
    }

    @Test
    fun `a suspend fallback answers with the original failure`() {
        runBlocking {
            service.script = { throw IOException("down") }

            val call = async(Dispatchers.Default) { service.withSuspendFallback("k") }
            runRetryTimer()

            assertThat(withTimeout(WAIT) { call.await() }).isEqualTo("cached:k:IOException")
        }
    }

    @Test
    fun `a plain fallback answers a suspend function too`() {
        runBlocking {
            service.script = { throw IOException("down") }

            assertThat(service.withPlainFallback("k")).isEqualTo("stale:k")
        }
    }

    private fun runRetryTimer() {
        clock.awaitPendingTimers(1, Duration.ofSeconds(10))
        clock.runNextTimer()
    }

    private companion object {
        const val WAIT = 10_000L
    }
}
