package dev.sturdy.runtime.core;

import dev.sturdy.annotation.rules.AttributeRule;

import java.time.Duration;

/**
 * Checks a policy record's values against the same rules, and with the same wording, as the
 * annotation processor does, for policies built in code rather than from annotations.
 */
public final class PolicyValues {

    /**
     * The longest duration Sturdy times, about 73 years: any longer one is treated as this, and
     * adding it to a clock reading, or comparing two deadlines made of it, never overflows.
     */
    public static final long LONGEST_NANOS = Long.MAX_VALUE / 4;

    private static final Duration LONGEST = Duration.ofNanos(LONGEST_NANOS);
    private static final Duration UNREPRESENTABLE = Duration.ofNanos(Long.MAX_VALUE);

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
     * The one way Sturdy turns a configured duration into nanoseconds (an architecture test holds
     * every other class to it).
     *
     * @param duration a duration, at least 0
     * @return it in nanoseconds, or {@link #LONGEST_NANOS} when it is longer than that
     */
    public static long saturatedNanos(Duration duration) {
        return duration.compareTo(LONGEST) >= 0 ? LONGEST_NANOS : duration.toNanos();
    }

    /**
     * @param a a count or duration, at least 0
     * @param b another, at least 0
     * @return {@code a + b}, or {@link Long#MAX_VALUE} when that does not fit
     */
    public static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * @param duration a duration
     * @return it as people write it: {@code 1s}, {@code 250ms}, {@code 1500us}, {@code 7ns}
     */
    public static String format(Duration duration) {
        if (duration.compareTo(UNREPRESENTABLE) >= 0) {
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
