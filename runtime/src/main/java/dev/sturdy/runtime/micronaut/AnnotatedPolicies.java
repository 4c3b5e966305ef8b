package dev.sturdy.runtime.micronaut;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.Diagnostics.ExceptionLists;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.fallback.FallbackPolicy;
import dev.sturdy.runtime.retry.RetryPolicy;
import dev.sturdy.runtime.timeout.TimeoutPolicy;

import java.time.Duration;
import java.util.List;

/**
 * Turns checked annotation attributes into policy records.
 */
final class AnnotatedPolicies {

    private AnnotatedPolicies() {
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
        return new TimeoutPolicy(timeout.method().display(), timeout.duration(AttributeRule.TIMEOUT_VALUE));
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
