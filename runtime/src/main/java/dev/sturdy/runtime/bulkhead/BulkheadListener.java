package dev.sturdy.runtime.bulkhead;

/**
 * Told about every call a bulkhead turned away.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
@FunctionalInterface
public interface BulkheadListener {

    /** Tells nobody. */
    BulkheadListener NONE = bulkhead -> { };

    /**
     * @param bulkhead the bulkhead's name, or {@code SimpleClass#method}
     */
    void rejected(String bulkhead);
}
