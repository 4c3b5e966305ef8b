package dev.sturdy.runtime.micronaut;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A map keyed by identity that readers search without a lock and without allocating, and that
 * grows by doubling, so that adding n keys costs O(n) in all. Open addressing with linear
 * probing; an entry is published whole, so a reader sees it complete or not at all. Keys are
 * never removed. Thread-safe: writes are serialised.
 *
 * @param <K> the key, compared by identity
 * @param <V> the value
 */
final class IdentityTable<K, V> {

    private volatile AtomicReferenceArray<Entry<K, V>> slots = new AtomicReferenceArray<>(64);
    private volatile int size;

    /** @return the value of {@code key}, or {@code null} */
    V get(K key) {
        AtomicReferenceArray<Entry<K, V>> table = slots;
        int mask = table.length() - 1;
        for (int i = System.identityHashCode(key) & mask; ; i = (i + 1) & mask) {
            Entry<K, V> entry = table.getAcquire(i);
            if (entry == null) {
                return null;
            }
            if (entry.key == key) {
                return entry.value;
            }
        }
    }

    /** Adds {@code key} unless it is there; the first value put for a key stays. */
    synchronized void putIfAbsent(K key, V value) {
        if (get(key) != null) {
            return;
        }
        if (2 * (size + 1) > slots.length()) {
            AtomicReferenceArray<Entry<K, V>> larger = new AtomicReferenceArray<>(2 * slots.length());
            for (int i = 0; i < slots.length(); i++) {
                Entry<K, V> entry = slots.getPlain(i);
                if (entry != null) {
                    insert(larger, entry);
                }
            }
            slots = larger;
        }
        insert(slots, new Entry<>(key, value));
        size++;
    }

    /** @return how many keys there are */
    int size() {
        return size;
    }

    private static <K, V> void insert(AtomicReferenceArray<Entry<K, V>> table, Entry<K, V> entry) {
        int mask = table.length() - 1;
        int i = System.identityHashCode(entry.key) & mask;
        while (table.getPlain(i) != null) {
            i = (i + 1) & mask;
        }
        table.setRelease(i, entry);
    }

    private record Entry<K, V>(K key, V value) {
    }
}
