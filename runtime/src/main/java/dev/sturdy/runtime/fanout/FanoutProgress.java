package dev.sturdy.runtime.fanout;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one fan-out call has come: its items drawn from the source, and those whose chunk has
 * ended, well or not. Made when the call starts and updated as its chunks are drawn and end, for
 * whoever shows fan-outs in flight to read at any time; a chunk cancelled when the call stops may
 * still end, and count as done, after the call's end was told. Thread-safe.
 */
public final class FanoutProgress {

    private final String method;
    private volatile long total;
    private final AtomicLong drawn = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();

    FanoutProgress(String method, long total) {
        this.method = method;
        this.total = total;
    }

    /** @return {@code SimpleClass#method} */
    public String method() {
        return method;
    }

    /** @return how many items the call has, or {@code -1} until a lazy source has been drawn out */
    public long total() {
        return total;
    }

    /** @return items drawn so far: all of them for a collection */
    public long drawn() {
        return drawn.get();
    }

    /** @return items whose chunk has ended, well or not */
    public long done() {
        return done.get();
    }

    /** @return items whose chunk has failed, not counting chunks that ended only because the call was stopped */
    public long failed() {
        return failed.get();
    }

    void drew(int items) {
        drawn.addAndGet(items);
    }

    /** @param items how many items the call has, once known: a collection's size; {@code -1} for a lazy source */
    void total(long items) {
        total = items;
    }

    /** A lazy source has no items left: the total is what was drawn. */
    void drawnOut() {
        total = drawn.get();
    }

    /** @return whether the call's end is told now: only once, however many ways it ends at the same time */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    void ended(int items, boolean failure) {
        done.addAndGet(items);
        if (failure) {
            failed.addAndGet(items);
        }
    }
}
