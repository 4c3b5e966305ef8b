package dev.sturdy.runtime.fanout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a fan-out method's items are and what its results look like: which parameter holds the
 * items and of what kind it is, and how chunk results merge. Immutable and thread-safe.
 *
 * @param itemsIndex the position of the items parameter
 * @param items what kind of parameter holds the items, and so what each chunk is passed as
 * @param results how the chunks' results merge
 */
public record FanoutShape(int itemsIndex, Items items, Results results) {

    /** The kinds of items parameter, each passed to a chunk as the same kind. */
    public enum Items {
        /** {@code List} or {@code Collection}: copied when the call starts; a chunk is a {@code List}. */
        LIST,
        /** {@code Set}: copied when the call starts; a chunk is a {@code Set} in the set's iteration order. */
        SET,
        /** {@code Iterable}: drawn lazily; a chunk is a {@code List}. */
        ITERABLE,
        /** {@code Iterator}: drawn lazily; a chunk is an {@code Iterator}. */
        ITERATOR,
        /** {@code java.util.stream.Stream}: drawn lazily and closed when the call ends; a chunk is a {@code Stream}. */
        STREAM,
        /**
         * A reactive-streams {@code Publisher} (or {@code Flux}), for a method that returns one: subscribed
         * to when the call is, drawn on demand; a chunk is a {@code Flux}.
         */
        PUBLISHER;

        /**
         * @return whether the argument, and each chunk made from it, can be read more than once: not
         * an {@code Iterator} or a {@code Stream}, so a policy that runs a chunk again (retry) or
         * passes the items on (fallback) cannot be used with them
         */
        public boolean reusable() {
            return this != ITERATOR && this != STREAM;
        }
    }

    /** How chunk results merge, by the method's (or its stage's) result type. */
    public enum Results {
        /** {@code List} or {@code Collection}: concatenated in input order. */
        CONCATENATED,
        /** {@code Map}: merged in input order; a later chunk's entry replaces an earlier one's. */
        MERGED_MAP,
        /** {@code void}: nothing to merge. */
        NONE,
        /** {@code Publisher} or {@code Flux}: the chunks' elements, emitted in input order (see {@link StreamFanout}). */
        ELEMENTS
    }

    /**
     * The call's items. A collection is copied as its iterator gives it: exactly {@code size()}
     * items, or the call fails, so that a collection changed while it is read (by another thread,
     * say), or one that never ends, loses or adds nothing unnoticed. A lazy source is only opened.
     *
     * @param arguments the call's arguments
     * @param method the method as {@code SimpleClass#method}, for messages
     * @return the items, copied or ready to draw
     * @throws NullPointerException naming the method when the items argument is {@code null}
     * @throws IllegalArgumentException naming the method when the items cannot be read (a stream
     *                                  already used, say), or a collection's iterator gives more
     *                                  or fewer than {@code size()} says
     */
    FanoutItems items(Object[] arguments, String method) {
        Object argument = arguments[itemsIndex];
        String what = what(method);
        if (argument == null) {
            throw new NullPointerException(what + " are null");
        }
        try {
            return switch (items) {
                case LIST, SET -> FanoutItems.copied(copy((Collection<?>) argument, what), what);
                case ITERABLE -> FanoutItems.lazy(((Iterable<?>) argument).iterator(), null, what);
                case ITERATOR -> FanoutItems.lazy((Iterator<?>) argument, null, what);
                case STREAM -> FanoutItems.lazy(((Stream<?>) argument).iterator(), (Stream<?>) argument, what);
                case PUBLISHER -> throw new IllegalStateException(what + " are a Publisher, which only a fan-out that returns"
                        + " a Publisher draws");
            };
        } catch (IllegalArgumentException misread) {
            throw misread;
        } catch (RuntimeException unreadable) {
            throw new IllegalArgumentException(what + " could not be read, so none was processed: " + unreadable, unreadable);
        }
    }

    /** @return the items argument, as messages name it */
    String what(String method) {
        return method + ": the items to fan out (argument " + (itemsIndex + 1) + ")";
    }

    private static Object[] copy(Collection<?> items, String what) {
        int size = items.size();
        List<Object> copy = new ArrayList<>(Math.min(size, 1024));
        Iterator<?> iterator = items.iterator();
        while (copy.size() < size && iterator.hasNext()) {
            copy.add(iterator.next());
        }
        boolean more = iterator.hasNext();
        if (more || copy.size() != size) {
            throw new IllegalArgumentException(what + " gave " + (more ? "more" : "fewer") + " items than their size() of "
                    + size + " while they were read (a collection changed by another thread, or one that never ends), so none"
                    + " was processed; pass a copy, or a collection that does not change while the call starts");
        }
        return copy.toArray();
    }

    Object[] withChunk(Object[] arguments, List<Object> chunk) {
        Object[] chunkArguments = arguments.clone();
        chunkArguments[itemsIndex] = switch (items) {
            case LIST, ITERABLE -> chunk;
            case SET -> new LinkedHashSet<>(chunk);
            case ITERATOR -> chunk.iterator();
            case STREAM -> chunk.stream();
            case PUBLISHER -> StreamFanout.publisherOf(chunk);
        };
        return chunkArguments;
    }

    /** @return the result of a call with no items: the method is not called */
    Object empty() {
        return switch (results) {
            case CONCATENATED -> new ArrayList<>();
            case MERGED_MAP -> new LinkedHashMap<>();
            case NONE, ELEMENTS -> null;
        };
    }

    /**
     * Adds one chunk's result to the merged result and, when kept, to the partial results (one
     * slot per item of a failed chunk; a chunk's elements, map entries, or one {@code null} per
     * item for {@code void}, for a successful one).
     */
    @SuppressWarnings("unchecked")
    void merge(Object merged, Object chunkResult, int chunkSize, List<Object> partial) {
        switch (results) {
            case CONCATENATED -> {
                Collection<Object> elements = (Collection<Object>) chunkResult;
                ((List<Object>) merged).addAll(elements);
                if (partial != null) {
                    partial.addAll(elements);
                }
            }
            case MERGED_MAP -> {
                Map<Object, Object> entries = (Map<Object, Object>) chunkResult;
                ((Map<Object, Object>) merged).putAll(entries);
                if (partial != null) {
                    partial.addAll(entries.entrySet());
                }
            }
            case NONE, ELEMENTS -> {
                if (partial != null) {
                    partial.addAll(Collections.nCopies(chunkSize, null));
                }
            }
        }
    }

    /** @return whether a chunk's result is one the merge can take */
    boolean accepts(Object chunkResult) {
        return switch (results) {
            case CONCATENATED -> chunkResult instanceof Collection<?>;
            case MERGED_MAP -> chunkResult instanceof Map<?, ?>;
            case NONE, ELEMENTS -> true;
        };
    }
}
