package dev.sturdy.annotation.rules;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * The rule of every annotation attribute that has one, with the stable code that diagnostics
 * start with ({@code [sturdy:retry-max-attempts]}) and the wording both compile time and start-up
 * use. Thread-safe.
 */
public enum AttributeRule {
    RETRY_MAX_ATTEMPTS("Retry", "maxAttempts", Check.atLeast(1)),
    RETRY_DELAY("Retry", "delay", Check.DURATION_AT_LEAST_ZERO),
    RETRY_MULTIPLIER("Retry", "multiplier", Check.number(">= 1.0", v -> v >= 1.0)),
    RETRY_MAX_DELAY("Retry", "maxDelay", Check.DURATION_AT_LEAST_ZERO),
    RETRY_JITTER("Retry", "jitter", Check.number(">= 0 and < 1", v -> v >= 0 && v < 1)),
    RETRY_MAX_DURATION("Retry", "maxDuration", Check.DURATION_POSITIVE_OR_EMPTY),
    TIMEOUT_VALUE("Timeout", "value", Check.DURATION_POSITIVE),
    BULKHEAD_MAX_CONCURRENT("Bulkhead", "maxConcurrent", Check.atLeast(1)),
    BULKHEAD_MAX_WAITING("Bulkhead", "maxWaiting", Check.atLeast(0)),
    BULKHEAD_MAX_WAIT("Bulkhead", "maxWait", Check.DURATION_AT_LEAST_ZERO),
    CIRCUIT_BREAKER_WINDOW("CircuitBreaker", "window", Check.between(1, AttributeRule.LARGEST_WINDOW)),
    CIRCUIT_BREAKER_FAILURE_RATIO("CircuitBreaker", "failureRatio", Check.number("> 0 and <= 1", v -> v > 0 && v <= 1)),
    CIRCUIT_BREAKER_DELAY("CircuitBreaker", "delay", Check.DURATION_AT_LEAST_ZERO),
    CIRCUIT_BREAKER_SUCCESS_THRESHOLD("CircuitBreaker", "successThreshold", Check.atLeast(1)),
    CIRCUIT_BREAKER_SLOW_CALL("CircuitBreaker", "slowCall", Check.DURATION_POSITIVE_OR_EMPTY),
    RATE_LIMIT_PERMITS("RateLimit", "permits", Check.atLeast(1)),
    RATE_LIMIT_PERIOD("RateLimit", "period", Check.DURATION_POSITIVE),
    RATE_LIMIT_MAX_WAIT("RateLimit", "maxWait", Check.DURATION_AT_LEAST_ZERO),
    ADAPTIVE_LIMIT_INITIAL("AdaptiveLimit", "initial", Check.atLeast(1)),
    ADAPTIVE_LIMIT_MIN("AdaptiveLimit", "min", Check.atLeast(1)),
    ADAPTIVE_LIMIT_MAX("AdaptiveLimit", "max", Check.atLeast(1)),
    HEDGE_DELAY("Hedge", "delay", Check.DURATION_AT_LEAST_ZERO),
    HEDGE_MAX_HEDGES("Hedge", "maxHedges", Check.atLeast(1)),
    FALLBACK_METHOD("Fallback", "method", Check.NAME),
    FANOUT_PARALLELISM("Fanout", "parallelism", Check.atLeast(1)),
    FANOUT_BATCH_SIZE("Fanout", "batchSize", Check.atLeast(1));

    /**
     * The largest {@code @CircuitBreaker.window}: the breaker keeps one slot per call in its window,
     * so the window's size is memory taken when the breaker is made.
     */
    public static final int LARGEST_WINDOW = 100_000;

    private final String annotation;
    private final String attribute;
    private final Check check;

    AttributeRule(String annotation, String attribute, Check check) {
        this.annotation = annotation;
        this.attribute = attribute;
        this.check = check;
    }

    /**
     * @return the annotation's simple name, e.g. {@code Retry}
     */
    public String annotation() {
        return annotation;
    }

    /**
     * @return the attribute's name, e.g. {@code maxAttempts}
     */
    public String attribute() {
        return attribute;
    }

    /**
     * @return the stable diagnostic code, e.g. {@code retry-max-attempts}
     */
    public String code() {
        return kebab(annotation) + "-" + kebab(attribute);
    }

    /**
     * @param value the attribute's value: an {@code Integer}, a {@code Double} or a {@code String}
     *              free of placeholders, as the attribute's type says
     * @return what the value must be when it breaks the rule (e.g. {@code must be >= 1}), else empty
     */
    public Optional<String> violation(Object value) {
        return Optional.ofNullable(check.violation(value));
    }

    /**
     * @param location the method or type, e.g. {@code PriceService.quote(String)}
     * @param found the value as written, quoted when it is a string
     * @param requirement what {@link #violation(Object)} returned
     * @return the whole message, e.g.
     * {@code [sturdy:retry-max-attempts] @Retry.maxAttempts on PriceService.quote(String): must be >= 1, but was 0}
     */
    public String message(String location, String found, String requirement) {
        return Diagnostics.message(code(), "@" + annotation + "." + attribute, location, requirement + ", but was " + found);
    }

    /**
     * @param key the configuration key the value came from, as written
     * @param location the method it applies to
     * @param found the value, quoted when it is a string
     * @param requirement what {@link #violation(Object)} returned
     * @return the message for a configured value, naming the key:
     * {@code [sturdy:retry-max-attempts] sturdy.methods."com.acme.Prices#quote".retry.max-attempts on Prices.quote(String):
     * must be >= 1, but was 0}
     */
    public String configMessage(String key, String location, String found, String requirement) {
        return Diagnostics.message(code(), key, location, requirement + ", but was " + found);
    }

    /**
     * @param text a duration attribute's value, free of placeholders and already checked
     * @return the duration it denotes, or {@code null} for the empty text of an optional duration
     */
    public static Duration duration(String text) {
        return text.isBlank() ? null : DurationText.parse(text).orElseThrow(
                () -> new IllegalArgumentException("not a duration: \"" + text + "\""));
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** One kind of rule; returns what the value must be, or {@code null} when it is fine. */
    @FunctionalInterface
    private interface Check {

        String violation(Object value);

        Check DURATION_AT_LEAST_ZERO = durationCheck(false, false);
        Check DURATION_POSITIVE = durationCheck(true, false);
        Check DURATION_POSITIVE_OR_EMPTY = durationCheck(true, true);
        Check NAME = value -> ((String) value).isBlank() ? "must name a method of the same class" : null;

        static Check between(int minimum, int maximum) {
            return value -> (Integer) value >= minimum && (Integer) value <= maximum ? null
                    : "must be >= " + minimum + " and <= " + maximum;
        }

        static Check atLeast(int minimum) {
            return value -> (Integer) value >= minimum ? null : "must be >= " + minimum;
        }

        static Check number(String range, DoublePredicate allowed) {
            return value -> allowed.test((Double) value) ? null : "must be " + range;
        }

        private static Check durationCheck(boolean positive, boolean emptyAllowed) {
            String range = positive ? "> 0" : ">= 0";
            String forms = DurationText.FORMS + (emptyAllowed ? " (or \"\" for none)" : "");
            return value -> {
                String text = (String) value;
                if (emptyAllowed && text.isBlank()) {
                    return null;
                }
                Optional<Duration> duration = DurationText.parse(text);
                if (duration.isEmpty()) {
                    return "must be " + forms + " that is " + range;
                }
                boolean inRange = positive ? duration.get().compareTo(Duration.ZERO) > 0 : !duration.get().isNegative();
                return inRange ? null : "must be " + range;
            };
        }
    }
}
