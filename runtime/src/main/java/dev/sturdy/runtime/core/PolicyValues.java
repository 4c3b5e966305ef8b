package dev.sturdy.runtime.core;

import dev.sturdy.annotation.rules.AttributeRule;

import java.time.Duration;

/**
 * Checks a policy record's values against the same rules, and with the same wording, as the
 * annotation processor does, for policies built in code rather than from annotations.
 */
public final class PolicyValues {

    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private PolicyValues() {
    }

    /**
     * @param rule the attribute's rule
     * @param value an {@code Integer}, a {@code Double} or a {@code Duration}
     * @param location where the policy applies, for the message
     * @throws IllegalArgumentException naming the attribute, the location, the rule and the value
     */
    public static void check(AttributeRule rule, Object value, String location) {
        Object checked = value instanceof Duration duration ? duration.toString() : value;
        rule.violation(checked).ifPresent(requirement -> {
            throw new IllegalArgumentException(rule.message(location, String.valueOf(value), requirement));
        });
    }

    /**
     * @param duration a duration, at least 0
     * @return it in nanoseconds, or {@link Long#MAX_VALUE} when it is longer than that holds (about 292 years)
     */
    public static long saturatedNanos(Duration duration) {
        return duration.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }

    /**
     * @param duration a duration
     * @return it as people write it: {@code 1s}, {@code 250ms}, {@code 1500us}, {@code 7ns}
     */
    public static String format(Duration duration) {
        if (duration.compareTo(LONGEST) >= 0) {
            return duration.toString();
        }
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0ms";
        } else if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        } else if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        } else if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }
}
