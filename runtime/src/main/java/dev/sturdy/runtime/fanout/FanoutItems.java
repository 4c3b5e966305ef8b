package dev.sturdy.runtime.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A fan-out's items, drawn one chunk at a time: either a copy of a collection made when the call
 * starts, or a lazy source (an {@code Iterable}, {@code Iterator} or {@code Stream}) read only when
 * a chunk can start, so that a source of any length, even an endless one, runs in memory bounded by
 * {@code parallelism} and {@code batchSize}. Not thread-safe: one drawer at a time.
 */
final class FanoutItems {

    private final Iterator<?> source;
    private final AutoCloseable closer;
    private final long size;
    private final String what;
    private long drawn;
    private boolean closed;

    private FanoutItems(Iterator<?> source, AutoCloseable closer, long size, String what) {
        this.source = source;
        this.closer = closer;
        this.size = size;
        this.what = what;
    }

    /** @return the items of a collection, copied when the call starts */
    static FanoutItems copied(Object[] items, String what) {
        return new FanoutItems(Arrays.asList(items).iterator(), null, items.length, what);
    }

    /**
     * @param source drawn as chunks start
     * @param closer closed when the run ends, or {@code null}
     * @param what the items as messages name them
     * @return items drawn lazily, however many there are
     */
    static FanoutItems lazy(Iterator<?> source, AutoCloseable closer, String what) {
        return new FanoutItems(source, closer, -1, what);
    }

    /** @return how many items there are, or -1 when the source is lazy and that is not known */
    long size() {
        return size;
    }

    /**
     * @param max the most items to draw
     * @return up to {@code max} items, in order; empty when there are none left
     * @throws NullPointerException naming the item when a lazy source gives {@code null}
     * @throws RuntimeException what the source threw while being drawn
     */
    List<Object> draw(int max) {
        List<Object> chunk = new ArrayList<>(Math.min(max, 1024));
        while (chunk.size() < max && source.hasNext()) {
            Object item = source.next();
            if (item == null && size < 0) {
                throw new NullPointerException(what + " gave null as item " + (drawn + 1) + "; a lazy source must not");
            }
            chunk.add(item);
            drawn++;
        }
        return chunk;
    }

    /** @return how many items have been drawn */
    long drawn() {
        return drawn;
    }

    /**
     * Closes a lazy source that can be closed ({@code Stream.close()}), once.
     *
     * @throws Exception what closing it threw
     */
    void close() throws Exception {
        if (closer != null && !closed) {
            closed = true;
            closer.close();
        }
    }
}
