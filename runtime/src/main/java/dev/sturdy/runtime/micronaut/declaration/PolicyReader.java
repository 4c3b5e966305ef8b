package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.micronaut.beans.PolicyKey;

import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.Diagnostics.ExceptionLists;
import dev.sturdy.runtime.bulkhead.BulkheadPolicy;
import dev.sturdy.runtime.limit.AdaptiveLimitPolicy;
import dev.sturdy.runtime.circuit.CircuitBreakerPolicy;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.fallback.FallbackPolicy;
import dev.sturdy.runtime.fanout.FanoutPolicy;
import dev.sturdy.runtime.hedge.HedgePolicy;
import dev.sturdy.runtime.ratelimit.RateLimitPolicy;
import dev.sturdy.runtime.retry.RetryPolicy;
import dev.sturdy.runtime.timeout.TimeoutPolicy;

import java.time.Duration;
import java.util.List;

/**
 * Turns checked annotation attributes into policy records.
 */
final class PolicyReader {

    private PolicyReader() {
    }

    static RetryPolicy retry(AnnotationAttributes retry) {
        Duration delay = retry.duration(AttributeRule.RETRY_DELAY);
        Duration maxDelay = retry.duration(AttributeRule.RETRY_MAX_DELAY);
        if (maxDelay.compareTo(delay) < 0) {
            throw retry.invalid(Diagnostics.maxDelayBelowDelay(retry.method().location(),
                    retry.quotedText("maxDelay"), retry.quotedText("delay")));
        }
        return new RetryPolicy(retry.method().display(),
                retry.count(AttributeRule.RETRY_MAX_ATTEMPTS),
                delay,
                retry.number(AttributeRule.RETRY_MULTIPLIER),
                maxDelay,
                retry.number(AttributeRule.RETRY_JITTER),
                retry.duration(AttributeRule.RETRY_MAX_DURATION),
                matcher(retry, ExceptionLists.RETRY));
    }

    static TimeoutPolicy timeout(AnnotationAttributes timeout) {
        return new TimeoutPolicy(timeout.method().display(), timeout.duration(AttributeRule.TIMEOUT_VALUE),
                timeout.flag("isolated"));
    }

    static HedgePolicy hedge(AnnotationAttributes hedge) {
        return new HedgePolicy(hedge.method().display(), hedge.duration(AttributeRule.HEDGE_DELAY),
                hedge.count(AttributeRule.HEDGE_MAX_HEDGES));
    }

    static CircuitBreakerPolicy circuitBreaker(AnnotationAttributes breaker, PolicyKey key) {
        return new CircuitBreakerPolicy(key.display(),
                breaker.count(AttributeRule.CIRCUIT_BREAKER_WINDOW),
                breaker.number(AttributeRule.CIRCUIT_BREAKER_FAILURE_RATIO),
                breaker.duration(AttributeRule.CIRCUIT_BREAKER_DELAY),
                breaker.count(AttributeRule.CIRCUIT_BREAKER_SUCCESS_THRESHOLD),
                matcher(breaker, ExceptionLists.CIRCUIT_BREAKER),
                breaker.duration(AttributeRule.CIRCUIT_BREAKER_SLOW_CALL));
    }

    static AdaptiveLimitPolicy adaptiveLimit(AnnotationAttributes limit, PolicyKey key) {
        int initial = limit.count(AttributeRule.ADAPTIVE_LIMIT_INITIAL);
        int min = limit.count(AttributeRule.ADAPTIVE_LIMIT_MIN);
        int max = limit.count(AttributeRule.ADAPTIVE_LIMIT_MAX);
        if (min > max || initial < min || initial > max) {
            throw limit.invalid(Diagnostics.adaptiveLimitOrder(limit.method().location(), initial, min, max));
        }
        return new AdaptiveLimitPolicy(key.display(), initial, min, max);
    }

    static BulkheadPolicy bulkhead(AnnotationAttributes bulkhead, PolicyKey key) {
        return new BulkheadPolicy(key.display(),
                bulkhead.count(AttributeRule.BULKHEAD_MAX_CONCURRENT),
                bulkhead.count(AttributeRule.BULKHEAD_MAX_WAITING),
                bulkhead.duration(AttributeRule.BULKHEAD_MAX_WAIT));
    }

    static RateLimitPolicy rateLimit(AnnotationAttributes rateLimit, PolicyKey key) {
        return new RateLimitPolicy(key.display(),
                rateLimit.count(AttributeRule.RATE_LIMIT_PERMITS),
                rateLimit.duration(AttributeRule.RATE_LIMIT_PERIOD),
                rateLimit.duration(AttributeRule.RATE_LIMIT_MAX_WAIT));
    }

    static FanoutPolicy fanout(AnnotationAttributes fanout) {
        return new FanoutPolicy(fanout.method().display(),
                fanout.count(AttributeRule.FANOUT_PARALLELISM),
                fanout.count(AttributeRule.FANOUT_BATCH_SIZE),
                fanout.enumValue("errors", FanoutErrors.class));
    }

    static FallbackPolicy fallback(AnnotationAttributes fallback) {
        return new FallbackPolicy(fallback.method().display(), matcher(fallback, ExceptionLists.FALLBACK));
    }

    private static ExceptionMatcher matcher(AnnotationAttributes attributes, ExceptionLists lists) {
        List<Class<? extends Throwable>> losing = attributes.exceptions(lists.loser());
        List<Class<? extends Throwable>> winning = attributes.exceptions(lists.winner());
        String dead = lists.deadEntry(losing, winning, (lost, wins) -> wins.isAssignableFrom(lost), Class::getSimpleName,
                attributes.method().location());
        if (dead != null) {
            throw attributes.invalid(dead);
        }
        return new ExceptionMatcher(losing, winning);
    }
}
