package dev.sturdy.annotation.rules;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The wording of Sturdy's diagnostics, compile time and start-up alike, and the rules that span
 * more than one attribute. Thread-safe.
 *
 * @see AttributeRule
 */
public final class Diagnostics {

    /** Code of a {@code @Retry} whose {@code maxDelay} is below its {@code delay}. */
    public static final String RETRY_MAX_DELAY_BELOW_DELAY = "retry-max-delay-below-delay";
    /** Code of a placeholder that no property resolves (start-up only). */
    public static final String UNRESOLVED_PLACEHOLDER = "unresolved-placeholder";
    /** Code of a {@code @Fallback} whose method does not exist or does not fit. */
    public static final String FALLBACK_NOT_FOUND = "fallback-not-found";
    /** Code of a {@code @Fanout} method without exactly one {@code List}, {@code Set} or {@code Collection} parameter. */
    public static final String FANOUT_PARAMETERS = "fanout-parameters";
    /** Code of a {@code @Fanout} method whose results cannot be merged. */
    public static final String FANOUT_RETURN_TYPE = "fanout-return-type";
    /** Code of a return type that Sturdy does not protect (yet). */
    public static final String UNSUPPORTED_RETURN_TYPE = "unsupported-return-type";

    private Diagnostics() {
    }

    /**
     * @param code the stable code, e.g. {@code retry-max-attempts}
     * @param subject what is at fault, e.g. {@code @Retry.maxAttempts}
     * @param location the method or type, e.g. {@code PriceService.quote(String)}
     * @param problem what is wrong and what is allowed
     * @return {@code [sturdy:code] subject on location: problem}
     */
    public static String message(String code, String subject, String location, String problem) {
        return "[sturdy:" + code + "] " + subject + " on " + location + ": " + problem;
    }

    /**
     * @return the message for a {@code maxDelay} below {@code delay}
     */
    public static String maxDelayBelowDelay(String location, String maxDelayFound, String delayFound) {
        return message(RETRY_MAX_DELAY_BELOW_DELAY, "@Retry.maxDelay", location,
                "must be >= @Retry.delay (" + delayFound + "), but was " + maxDelayFound);
    }

    /**
     * @param annotation simple name, e.g. {@code CircuitBreaker}
     * @param location the method declaring the name a second time
     * @param name the shared name
     * @param firstLocation the method that declared it first
     * @param difference what differs, e.g. {@code window 20 there, 10 here}
     * @return the message for a shared name declared with different attributes
     */
    public static String nameConflict(String annotation, String location, String name, String firstLocation, String difference) {
        return message(AttributeRule.kebab(annotation) + "-name-conflict", "@" + annotation + ".name", location,
                "\"" + name + "\" is also declared by " + firstLocation + " with other attributes (" + difference
                        + "); methods that share a name must declare identical attributes");
    }

    /**
     * A pair of exception lists where one wins over the other ({@code abortOn} over
     * {@code retryOn}, {@code skipOn} over {@code failOn} or {@code applyOn}).
     *
     * @param annotation simple name, e.g. {@code Retry}
     * @param loser the list that loses, e.g. {@code retryOn}
     * @param winner the list that wins, e.g. {@code abortOn}
     */
    public record ExceptionLists(String annotation, String loser, String winner) {

        /** {@code @Retry}: {@code abortOn} wins over {@code retryOn}. */
        public static final ExceptionLists RETRY = new ExceptionLists("Retry", "retryOn", "abortOn");
        /** {@code @CircuitBreaker}: {@code skipOn} wins over {@code failOn}. */
        public static final ExceptionLists CIRCUIT_BREAKER = new ExceptionLists("CircuitBreaker", "failOn", "skipOn");
        /** {@code @Fallback}: {@code skipOn} wins over {@code applyOn}. */
        public static final ExceptionLists FALLBACK = new ExceptionLists("Fallback", "applyOn", "skipOn");

        /**
         * @return the stable code, e.g. {@code retry-exception-overlap}
         */
        public String code() {
            return AttributeRule.kebab(annotation) + "-exception-overlap";
        }

        /**
         * Finds the first entry of the losing list that can never apply because it is the same as,
         * or a subclass of, an entry of the winning list. A subclass in the winning list of an entry
         * of the losing one is fine: it carves out an exception to the rule.
         *
         * @param losing the losing list's entries
         * @param winning the winning list's entries
         * @param isSubtypeOf whether the first is the same as or a subtype of the second
         * @param name the entry's name for the message
         * @param location the method or type
         * @return the message, or {@code null} when every entry can apply
         */
        public <T> String deadEntry(List<T> losing, List<T> winning, BiPredicate<T, T> isSubtypeOf,
                                    Function<T, String> name, String location) {
            for (T lost : losing) {
                for (T wins : winning) {
                    if (isSubtypeOf.test(lost, wins)) {
                        String how = name.apply(lost).equals(name.apply(wins)) ? "is also in " + winner
                                : "is a subclass of " + name.apply(wins) + " in " + winner;
                        return message(code(), "@" + annotation + "." + loser, location,
                                name.apply(lost) + " " + how + ", which wins over " + loser
                                        + ", so it can never apply; remove it from one of the lists");
                    }
                }
            }
            return null;
        }
    }
}
