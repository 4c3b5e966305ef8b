package dev.sturdy.exception;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A {@link dev.sturdy.annotation.Fanout} call with
 * {@link dev.sturdy.annotation.FanoutErrors#COLLECT} had failing chunks. Carries the results of
 * the chunks that succeeded, in input order with {@code null} for every item of a failed chunk,
 * and for every item of a failed chunk its index mapped to that chunk's failure.
 */
public class FanoutException extends SturdyException {

    private static final long serialVersionUID = 1L;

    private final transient List<Object> partialResults;
    private final transient Map<Integer, Throwable> failures;

    /**
     * @param message names the method and how many chunks failed
     * @param partialResults results in input order, {@code null} for items of failed chunks
     * @param failures item index to the failure of that item's chunk
     */
    public FanoutException(String message, List<Object> partialResults, Map<Integer, Throwable> failures) {
        super(message);
        this.partialResults = Collections.unmodifiableList(partialResults);
        this.failures = Collections.unmodifiableMap(failures);
    }

    /**
     * @return the results in input order, {@code null} for every item of a failed chunk
     */
    public List<Object> partialResults() {
        return partialResults;
    }

    /**
     * @return for every item of a failed chunk, its index mapped to that chunk's failure
     */
    public Map<Integer, Throwable> failures() {
        return failures;
    }
}
