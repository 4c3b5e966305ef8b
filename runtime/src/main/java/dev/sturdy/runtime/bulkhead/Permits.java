package dev.sturdy.runtime.bulkhead;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A fixed number of permits spread over cells that sit on separate cache lines, so that threads
 * taking and returning permits at the same time do not fight over one counter. A thread takes
 * from its home cell (chosen by thread id) and looks at the others only when that one is empty; a
 * permit goes back to the cell it came from, so the cells always add up to the limit and more
 * permits than the limit are never out. A refusal means every cell was seen empty during one
 * pass, not at one instant: a permit returned to a cell already passed is found by the next caller.
 * Thread-safe and lock-free.
 */
final class Permits {

    /**
     * Ints per 64-byte cache line: cell {@code i} lives at index {@code (i + 1) * STRIDE}, so that no
     * cell shares a line with another cell, the array's header, or whatever lies next to the array.
     */
    private static final int STRIDE = 16;

    private final AtomicIntegerArray cells;
    private final int mask;

    /**
     * @param total the limit, at least 1
     */
    Permits(int total) {
        int wanted = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2);
        int count = Math.min(wanted, Integer.highestOneBit(total));
        this.mask = count - 1;
        this.cells = new AtomicIntegerArray((count + 2) * STRIDE);
        for (int cell = 0; cell < count; cell++) {
            cells.set((cell + 1) * STRIDE, total / count + (cell < total % count ? 1 : 0));
        }
    }

    /**
     * @return the cell a permit was taken from, to return it to, or -1 when none was free
     */
    @SuppressWarnings("deprecation") // Thread.getId() is the id on Java 17; threadId() needs 19
    int take() {
        int home = (int) Thread.currentThread().getId() & mask;
        int atHome = cells.get((home + 1) * STRIDE);
        if (atHome > 0 && cells.compareAndSet((home + 1) * STRIDE, atHome, atHome - 1)) {
            return home;
        }
        for (int k = 0; k <= mask; k++) {
            int cell = (home + k) & mask;
            int index = (cell + 1) * STRIDE;
            for (int free = cells.get(index); free > 0; free = cells.get(index)) {
                if (cells.compareAndSet(index, free, free - 1)) {
                    return cell;
                }
            }
        }
        return -1;
    }

    /**
     * @param cell what {@link #take()} returned
     */
    void put(int cell) {
        cells.getAndIncrement((cell + 1) * STRIDE);
    }

    /**
     * @return permits free now (a moment's sum, for monitoring)
     */
    int free() {
        int free = 0;
        for (int cell = 0; cell <= mask; cell++) {
            free += cells.get((cell + 1) * STRIDE);
        }
        return free;
    }
}
