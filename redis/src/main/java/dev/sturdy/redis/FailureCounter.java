package dev.sturdy.redis;

/** Counts Redis operations that failed or timed out ({@code sturdy.redis.failures} with Micrometer). */
interface FailureCounter {

    void failed();
}
