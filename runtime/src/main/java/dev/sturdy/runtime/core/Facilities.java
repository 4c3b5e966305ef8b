package dev.sturdy.runtime.core;

import dev.sturdy.runtime.time.SturdyClock;

import java.util.concurrent.Executor;

/**
 * What every strategy of an application may work with besides its own policy and state: the
 * invoker that proceeds with calls and carries their context to other threads, the clock, the
 * registry of work that outlives its call (cancelled at shutdown), and worker threads that start
 * every task promptly. Immutable and thread-safe.
 *
 * @param invoker proceeds with, detaches and carries invocations
 * @param clock reads time, waits and schedules
 * @param inFlight where work that outlives its call registers
 * @param workers runs tasks that must not wait for a free thread
 * @param <I> the invocation type
 * @see Strategy
 */
public record Facilities<I>(Invoker<I> invoker, SturdyClock clock, InFlight inFlight, Executor workers) {
}
