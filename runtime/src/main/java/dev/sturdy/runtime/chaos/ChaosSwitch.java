package dev.sturdy.runtime.chaos;

/**
 * One method's fault injection, switched on and off at run time: its {@link ChaosPolicy}, or none.
 * Reading it is one volatile read. Thread-safe.
 */
public final class ChaosSwitch {

    private final String method;
    private volatile ChaosPolicy current;

    /**
     * @param method the method as {@code SimpleClass#method}
     * @param initial what to inject from the start, or {@code null} for nothing
     */
    public ChaosSwitch(String method, ChaosPolicy initial) {
        this.method = method;
        this.current = initial;
    }

    /** @return the method as {@code SimpleClass#method} */
    public String method() {
        return method;
    }

    /** @return what to inject now, possibly nothing (see {@link #injecting()}), or {@code null} */
    public ChaosPolicy current() {
        return current;
    }

    /**
     * @param policy what to inject from now on, or {@code null} to stop; a policy that injects
     *               nothing (rates of 0) stops it too, and keeps its values for the next change
     */
    public void set(ChaosPolicy policy) {
        current = policy;
    }

    /** @return whether calls are being failed or slowed now */
    public boolean injecting() {
        ChaosPolicy policy = current;
        return policy != null && !policy.injectsNothing();
    }
}
