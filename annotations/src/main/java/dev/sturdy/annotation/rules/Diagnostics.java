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
    /** Code of a {@code @Fallback} naming a method that does not exist. */
    public static final String FALLBACK_MISSING = "fallback-missing";
    /** Code of a {@code @Fallback} naming methods whose parameters do not fit. */
    public static final String FALLBACK_PARAMETERS = "fallback-parameters";
    /** Code of a {@code @Fallback} whose method returns a type the annotated method cannot return. */
    public static final String FALLBACK_RETURN_TYPE = "fallback-return-type";
    /** Code of a {@code @Fallback} naming the annotated method itself. */
    public static final String FALLBACK_SELF = "fallback-self";
    /** Code of a fallback whose failure parameter cannot receive every failure {@code applyOn} lets through. */
    public static final String FALLBACK_FAILURE_TYPE = "fallback-failure-type";
    /** Code of a {@code @Fanout} method without exactly one {@code List}, {@code Set} or {@code Collection} parameter. */
    public static final String FANOUT_PARAMETERS = "fanout-parameters";
    /** Code of a {@code @Fanout} method whose results cannot be merged. */
    public static final String FANOUT_RETURN_TYPE = "fanout-return-type";
    /** Code of a return type that Sturdy does not protect (yet). */
    public static final String UNSUPPORTED_RETURN_TYPE = "unsupported-return-type";
    /** Code of an annotation on a method the proxy cannot intercept (private, static, final, in a final class). */
    public static final String NOT_INTERCEPTABLE = "not-interceptable";
    /** Code of an exception list left empty, so that the policy can never act. */
    public static final String NEVER_APPLIES = "never-applies";

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
     * @param code {@link #FALLBACK_MISSING}, {@link #FALLBACK_PARAMETERS} or {@link #FALLBACK_RETURN_TYPE}
     * @param location the annotated method
     * @param name the fallback method's name as written
     * @param wanted what the fallback must be, e.g. {@code a method of PriceService with parameters (String) or (String,
     * Throwable)}
     * @param candidates the methods of that name found, as {@code String cached(int)}, empty when there are none
     * @return the message for a fallback method that does not exist or does not fit
     */
    public static String fallbackUnfit(String code, String location, String name, String wanted, List<String> candidates) {
        String found = candidates.isEmpty() ? "no method of that name exists" : "candidates found: " + String.join(", ",
                candidates);
        return message(code, "@Fallback.method", location, "must name " + wanted + ", but was \"" + name + "\": " + found);
    }

    /**
     * @param location the annotated method
     * @param name the fallback name written
     * @param type the class's simple name
     * @param methods the other methods of the class (and its superclasses), as {@code String cached(String)}
     * @return the message for a fallback method that does not exist: the closest name, and the methods found
     */
    public static String fallbackMissing(String location, String name, String type, List<String> methods) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String method : methods) {
            String candidate = method.substring(method.indexOf(' ') + 1, method.indexOf('('));
            int distance = editDistance(name, candidate);
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        boolean close = closest != null && best <= Math.max(2, name.length() / 3);
        String suggestion = close ? " (did you mean \"" + closest + "\"?)" : "";
        String found = methods.isEmpty() ? "; " + type + " has no other method"
                : "; methods found: " + String.join(", ", methods.size() <= 10 ? methods : methods.subList(0, 10))
                        + (methods.size() > 10 ? " and " + (methods.size() - 10) + " more" : "");
        return message(FALLBACK_MISSING, "@Fallback.method", location, "must name a method of " + type + ", but was \"" + name
                + "\": no method of that name exists" + suggestion + found);
    }

    /** @return how many single-character edits turn {@code a} into {@code b} (Levenshtein) */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * @param location the method
     * @param parameters its parameter types as written, e.g. {@code List, Set}
     * @return the message for a {@code @Fanout} method without exactly one items parameter
     */
    public static String fanoutParameters(String location, String parameters) {
        return message(FANOUT_PARAMETERS, "@Fanout", location, "the method must take exactly one List, Set, Collection, "
                + "Iterable, Iterator, Stream or Publisher parameter (the items; a Publisher when it returns one), but"
                + " its parameters are (" + parameters + ")");
    }

    /**
     * @param location the method or limit
     * @return the message for an {@code @AdaptiveLimit} whose bounds are out of order
     */
    public static String adaptiveLimitOrder(String location, int initial, int min, int max) {
        return message("adaptive-limit-bounds", "@AdaptiveLimit", location, "must have min <= initial <= max, but has min "
                + min + ", initial " + initial + ", max " + max);
    }

    /**
     * @param location the method
     * @return the message for a method that carries both {@code @Bulkhead} and {@code @AdaptiveLimit}
     */
    public static String bulkheadAndAdaptiveLimit(String location) {
        return message("adaptive-limit-with-bulkhead", "@AdaptiveLimit", location, "a method cannot carry both @Bulkhead and"
                + " @AdaptiveLimit: both bound the calls in flight at the same place; keep one");
    }

    /**
     * @param location the method
     * @param returnType its return type as written, or {@code suspend} for a Kotlin suspend function
     * @return the message for {@code @Hedge} on a method whose attempts cannot run side by side
     */
    public static String hedgeReturnType(String location, String returnType) {
        String why = returnType.equals("suspend")
                ? "a Kotlin suspend function, whose attempts Sturdy cannot yet run side by side in one coroutine"
                : "a multi-valued " + returnType + ", and two attempts would both emit elements to the one subscriber";
        return message("hedge-return-type", "@Hedge", location, "hedges run attempts side by side and keep the first "
                + "result, but the method is " + why + "; hedge a method returning a plain value, a CompletionStage or a "
                + "single-valued publisher (Mono, Single, Maybe, Completable, @SingleResult), or drop @Hedge");
    }

    /**
     * @param location the method
     * @param items the items parameter's type, {@code Iterator} or {@code Stream}
     * @param annotation simple name of the annotation that would need the items again
     * @return the message for a fan-out over a source that can be read once, under a policy that reads it again
     */
    public static String fanoutOneShotSource(String location, String items, String annotation) {
        String article = items.startsWith("I") ? "an " : "a ";
        String harm = annotation.equals("Retry") ? " would run a chunk again with its items used up"
                : " would receive the items used up";
        return message(FANOUT_PARAMETERS, "@Fanout", location, "the items are " + article + items
                + ", which can be read only once, but @" + annotation + harm
                + "; take a List, Collection or Iterable instead, or drop @" + annotation);
    }

    /**
     * @param location the method
     * @param returnType its return type as written
     * @return the message for a {@code @Fanout} method whose chunks' results cannot merge
     */
    public static String fanoutReturnType(String location, String returnType) {
        return message(FANOUT_RETURN_TYPE, "@Fanout", location, "the chunks' results must merge, so the method must return "
                + "List, Collection, Map or void, a CompletionStage of one of them, or a Flux or Publisher of their"
                + " elements, but it returns " + returnType);
    }

    /**
     * @param annotation simple name of the annotation at fault
     * @param location the method, with its trailing {@code Continuation} parameter
     * @return the message for a Kotlin {@code suspend} function in an application without kotlinx-coroutines, or
     * without the part of Micronaut that carries its propagated context into coroutines
     */
    public static String coroutinesMissing(String annotation, String location) {
        return message(UNSUPPORTED_RETURN_TYPE, "@" + annotation, location, "this is a Kotlin suspend function, and Sturdy "
                + "runs them with kotlinx-coroutines and Micronaut's coroutine context propagation, which are not both on "
                + "the class path; add org.jetbrains.kotlinx:kotlinx-coroutines-core and io.micronaut:micronaut-core-reactive "
                + "to the application's dependencies (a Micronaut HTTP application has the latter already)");
    }

    /**
     * @param annotation simple name of the annotation at fault
     * @param location the method
     * @param returnType the return type as written
     * @return the message for a return type Sturdy does not protect
     */
    public static String unsupportedReturnType(String annotation, String location, String returnType) {
        return message(UNSUPPORTED_RETURN_TYPE, "@" + annotation, location, "Sturdy does not protect a method returning "
                + returnType + ", rather than protect it wrongly; return a plain value, a CompletionStage, a reactive-streams "
                + "Publisher (Reactor's Mono or Flux, say) or one of RxJava 3's Single, Maybe, Completable, Flowable, "
                + "Observable");
    }

    /**
     * @param annotation simple name of the annotation at fault
     * @param location the method
     * @param returnType the return type as written
     * @return the message for a reactive return type that Micronaut cannot convert from and to a publisher
     */
    public static String unconvertibleReturnType(String annotation, String location, String returnType) {
        return message(UNSUPPORTED_RETURN_TYPE, "@" + annotation, location, "the method returns " + returnType
                + ", which Micronaut cannot convert to and from a reactive-streams Publisher in this application; "
                + "for RxJava 3's types add io.micronaut.rxjava3:micronaut-rxjava3 to its dependencies");
    }

    /**
     * @param annotation simple name of the annotation at fault
     * @param location the method
     * @param returnType the return type as written
     * @return the message for a reactive method in an application without Reactor
     */
    public static String reactorMissing(String annotation, String location, String returnType) {
        return message(UNSUPPORTED_RETURN_TYPE, "@" + annotation, location, "the method returns " + returnType
                + " and Sturdy protects reactive methods with Reactor, which is not on the class path; add "
                + "io.projectreactor:reactor-core to the application's dependencies");
    }

    /**
     * @param annotation simple name of the annotation at fault
     * @param location the method or type
     * @param why what stops the proxy, e.g. {@code the method is private}
     * @param fix what to change, e.g. {@code make it public}
     * @return the message for an annotation the proxy could never apply
     */
    public static String notInterceptable(String annotation, String location, String why, String fix) {
        return message(NOT_INTERCEPTABLE, "@" + annotation, location, why + ", so Micronaut's proxy cannot intercept it and the "
                + "annotation would do nothing; " + fix);
    }

    /**
     * @param annotation simple name, e.g. {@code Retry}
     * @param attribute the empty list, e.g. {@code retryOn}
     * @param location the method or type
     * @param consequence what never happens, e.g. {@code no failure is ever retried}
     * @return the message for an exception list left empty
     */
    public static String neverApplies(String annotation, String attribute, String location, String consequence) {
        return message(NEVER_APPLIES, "@" + annotation + "." + attribute, location,
                "must list at least one exception, but was {}: "
                + consequence + "; remove the annotation, or list the failures it is for");
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
