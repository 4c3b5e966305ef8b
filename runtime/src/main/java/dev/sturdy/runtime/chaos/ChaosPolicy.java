package dev.sturdy.runtime.chaos;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;

/**
 * What to inject into one method's calls: a fault (an exception thrown, or failing the future, as
 * the method would) on a share of calls, and extra latency before the method runs on a share of
 * calls. Immutable and thread-safe.
 *
 * @param method the method as {@code SimpleClass#method}, for messages and events
 * @param faultRate the share of calls that fail, from 0 to 1
 * @param exception what a failing call throws: an {@code Exception} with a public {@code (String)}
 *                  or no-argument constructor
 * @param latency how long a slowed call waits before the method runs, at least 0
 * @param latencyRate the share of calls slowed, from 0 to 1
 * @see ChaosStrategy
 */
public record ChaosPolicy(String method, double faultRate, Class<? extends Exception> exception, Duration latency,
        double latencyRate) {

    /**
     * Checks every value; the messages say what is allowed, and callers prefix where the value came from.
     *
     * @throws IllegalArgumentException naming the value at fault
     */
    public ChaosPolicy {
        checkRate("fault-rate", faultRate);
        checkRate("latency-rate", latencyRate);
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be a duration >= 0, but was " + latency);
        }
        constructor(exception);
    }

    /** @return whether this injects nothing: no fault and no latency on any call */
    public boolean injectsNothing() {
        return faultRate == 0 && (latencyRate == 0 || latency.isZero());
    }

    /**
     * @return a new instance of {@link #exception()}, saying that it was injected
     */
    public Exception fault() {
        Constructor<? extends Exception> constructor = constructor(exception);
        try {
            return constructor.getParameterCount() == 1
                    ? constructor.newInstance("Sturdy chaos: fault injected into " + method)
                    : constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException failed) {
            IllegalStateException cannot = new IllegalStateException("Sturdy chaos: cannot create " + exception.getName()
                    + " to inject into " + method, failed);
            return cannot;
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be a number >= 0 and <= 1, but was " + rate);
        }
    }

    private static Constructor<? extends Exception> constructor(Class<? extends Exception> exception) {
        if (!Modifier.isPublic(exception.getModifiers()) || Modifier.isAbstract(exception.getModifiers())) {
            throw new IllegalArgumentException("exception must be a public class that can be created, but "
                    + exception.getName() + " is " + (Modifier.isAbstract(exception.getModifiers()) ? "abstract" : "not public"));
        }
        try {
            return exception.getConstructor(String.class);
        } catch (NoSuchMethodException noMessage) {
            try {
                return exception.getConstructor();
            } catch (NoSuchMethodException none) {
                throw new IllegalArgumentException("exception must have a public (String) or no-argument constructor, but "
                        + exception.getName() + " has neither");
            }
        }
    }
}
