package dev.sturdy.runtime.retry;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.core.PolicyValues;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * What a {@link dev.sturdy.annotation.Retry} asks for, validated; decides whether and when to try
 * again. Immutable and thread-safe.
 *
 * @param method the method as {@code SimpleClass#method}, for messages
 * @param maxAttempts total calls, the first included
 * @param delay before the first retry
 * @param multiplier growth of the delay per retry
 * @param maxDelay cap on one delay
 * @param jitter relative spread of each delay
 * @param maxDuration no attempt starts later than this after the first; {@code null} for no budget
 * @param retryOn which failures are retried ({@code abortOn} as its exclusions)
 * @see RetryStrategy
 */
public record RetryPolicy(String method, int maxAttempts, Duration delay, double multiplier, Duration maxDelay,
                          double jitter, Duration maxDuration, ExceptionMatcher retryOn) {

    /** Stop retrying. */
    static final long STOP = -1;

    /**
     * Checks every value against the rules of {@link dev.sturdy.annotation.Retry}.
     */
    public RetryPolicy {
        PolicyValues.check(AttributeRule.RETRY_MAX_ATTEMPTS, maxAttempts, method);
        PolicyValues.check(AttributeRule.RETRY_DELAY, delay, method);
        PolicyValues.check(AttributeRule.RETRY_MULTIPLIER, multiplier, method);
        PolicyValues.check(AttributeRule.RETRY_MAX_DELAY, maxDelay, method);
        PolicyValues.check(AttributeRule.RETRY_JITTER, jitter, method);
        if (maxDuration != null) {
            PolicyValues.check(AttributeRule.RETRY_MAX_DURATION, maxDuration, method);
        }
        if (maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException(Diagnostics.maxDelayBelowDelay(method, maxDelay.toString(), delay.toString()));
        }
    }

    /**
     * @param failure what the last attempt failed with
     * @param attemptsMade attempts so far, at least 1
     * @param elapsedNanos time since the first attempt started
     * @param random a uniform draw from {@code [0, 1)}, for the jitter
     * @return how long to wait before the next attempt, or {@link #STOP}
     */
    long nextDelayNanos(Throwable failure, int attemptsMade, long elapsedNanos, double random) {
        if (attemptsMade >= maxAttempts || failure instanceof CancellationException || !retryOn.matches(failure)) {
            return STOP;
        }
        long delayNanos = delayNanos(attemptsMade, random);
        if (maxDuration != null && delayNanos > PolicyValues.saturatedNanos(maxDuration) - elapsedNanos) {
            return STOP;
        }
        return delayNanos;
    }

    /**
     * @param retry 1 for the delay before the first retry, 2 before the second...
     * @param random a uniform draw from {@code [0, 1)}
     * @return {@code d = min(delay * multiplier^(retry-1), maxDelay)}, spread to
     * {@code [d(1-jitter), d(1+jitter)]} by {@code random}; at most {@link PolicyValues#LONGEST_NANOS}
     */
    long delayNanos(int retry, double random) {
        long first = PolicyValues.saturatedNanos(delay);
        double grown = first == 0 ? 0 : first * Math.pow(multiplier, retry - 1);
        double base = Math.min(grown, PolicyValues.saturatedNanos(maxDelay));
        // the cast saturates; the double of LONGEST_NANOS rounds above it, so the bound comes after
        return Math.min((long) (base * (1 - jitter + 2 * jitter * random)), PolicyValues.LONGEST_NANOS);
    }
}
