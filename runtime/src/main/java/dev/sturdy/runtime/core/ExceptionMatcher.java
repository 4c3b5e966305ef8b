package dev.sturdy.runtime.core;

import java.util.List;

/**
 * Decides whether a failure is covered by a pair of exception lists where the second wins:
 * {@code retryOn}/{@code abortOn}, {@code failOn}/{@code skipOn}, {@code applyOn}/{@code skipOn}.
 * Subclasses of a listed class are covered. Immutable and thread-safe.
 *
 * @param included failures covered
 * @param excluded failures never covered, whatever {@code included} says
 */
public record ExceptionMatcher(List<Class<? extends Throwable>> included, List<Class<? extends Throwable>> excluded) {

    /**
     * Copies both lists.
     */
    public ExceptionMatcher {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }

    /**
     * @param failure the failure
     * @return whether it is covered: an instance of an included class and of no excluded one
     */
    public boolean matches(Throwable failure) {
        return !isInstanceOfAny(excluded, failure) && isInstanceOfAny(included, failure);
    }

    private static boolean isInstanceOfAny(List<Class<? extends Throwable>> types, Throwable failure) {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).isInstance(failure)) {
                return true;
            }
        }
        return false;
    }
}
