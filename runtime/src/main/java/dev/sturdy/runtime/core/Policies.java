package dev.sturdy.runtime.core;

import dev.sturdy.annotation.rules.AttributeRule;

import java.time.Duration;

/**
 * Checks a policy record's values against the same rules, and with the same wording, as the
 * annotation processor does, for policies built in code rather than from annotations.
 */
public final class Policies {

    private Policies() {
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
     * @param duration a duration
     * @return it as people write it: {@code 1s}, {@code 250ms}, {@code 1500us}, {@code 7ns}
     */
    public static String format(Duration duration) {
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
