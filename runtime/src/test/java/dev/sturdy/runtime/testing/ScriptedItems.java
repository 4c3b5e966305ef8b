package dev.sturdy.runtime.testing;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;

/**
 * A fan-out's items whose iterator misbehaves at a position, as a lazy view over a failing or
 * changing source does: it throws there, ends there (fewer items than {@code size()} says), or
 * never ends.
 */
public final class ScriptedItems extends AbstractCollection<Integer> {

    private final List<Integer> values;
    private final int position;
    private final boolean endsThere;
    private final boolean neverEnds;

    private ScriptedItems(List<Integer> values, int position, boolean endsThere, boolean neverEnds) {
        this.values = values;
        this.position = position;
        this.endsThere = endsThere;
        this.neverEnds = neverEnds;
    }

    /** @return items whose iterator throws {@code IllegalStateException("no item <position>")} at {@code position} */
    public static ScriptedItems throwingAt(List<Integer> values, int position) {
        return new ScriptedItems(values, position, false, false);
    }

    /** @return items whose iterator ends at {@code position}, though {@code size()} says more */
    public static ScriptedItems endingAt(List<Integer> values, int position) {
        return new ScriptedItems(values, position, true, false);
    }

    /** @return items whose iterator never ends, though {@code size()} says {@code values.size()} */
    public static ScriptedItems neverEnding(List<Integer> values) {
        return new ScriptedItems(values, -1, false, true);
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return neverEnds || next < (endsThere ? Math.min(position, values.size()) : values.size());
            }

            @Override
            public Integer next() {
                if (!endsThere && next == position) {
                    throw new IllegalStateException("no item " + position);
                }
                int item = next++;
                return item < values.size() ? values.get(item) : item;
            }
        };
    }

    @Override
    public int size() {
        return values.size();
    }
}
