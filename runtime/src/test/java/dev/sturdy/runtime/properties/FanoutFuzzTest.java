package dev.sturdy.runtime.properties;

import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.exception.FanoutException;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.fanout.FanoutListener;
import dev.sturdy.runtime.fanout.FanoutPolicy;
import dev.sturdy.runtime.fanout.FanoutShape;
import dev.sturdy.runtime.fanout.FanoutStrategy;
import dev.sturdy.runtime.testing.ScriptedItems;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code @Fanout} fed every kind of input: any size, {@code null} items and elements, iterators
 * that throw at any position, collections that end early or never end, a collection cleared by
 * another thread while its chunks run, chunks that fail anywhere, with any parallelism and batch
 * size, sync and async. Whatever the input, the call ends; it returns a result for every item, in
 * order, or fails and says why: the input's problem naming the method, the first chunk failure
 * (FAIL_FAST), or a {@link FanoutException} that accounts for every item (COLLECT).
 */
class FanoutFuzzTest {

    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();

    @AfterContainer
    static void stopExecutor() {
        EXECUTOR.shutdownNow();
    }

    /** What is wrong with the input, if anything. */
    enum Twist { NONE, NULL_ITEMS, NULL_ELEMENTS, THROWS_AT, ENDS_EARLY, NEVER_ENDS, CLEARED_WHILE_RUNNING }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void everyItemGetsAResultOrTheCallFailsAndSaysWhy(
            @ForAll @IntRange(max = 3000) int size,
            @ForAll("parallelisms") int parallelism,
            @ForAll("batchSizes") int batchSize,
            @ForAll FanoutErrors errors,
            @ForAll boolean async,
            @ForAll Twist twist,
            @ForAll @IntRange(max = 3000) int position,
            @ForAll("failingItems") Set<Integer> failing) throws Exception {
        List<Integer> values = IntStream.range(0, size).boxed()
                .map(item -> twist == Twist.NULL_ELEMENTS && item % 7 == position % 7 ? null : item)
                .collect(Collectors.toCollection(ArrayList::new));
        Collection<Integer> items = switch (twist) {
            case NULL_ITEMS -> null;
            case THROWS_AT -> ScriptedItems.throwingAt(values, position);
            case ENDS_EARLY -> ScriptedItems.endingAt(values, position);
            case NEVER_ENDS -> ScriptedItems.neverEnding(values);
            default -> values;
        };
        FanoutStrategy<TestInvocation> fanout = new FanoutStrategy<>(
                new FanoutPolicy("Service#call", parallelism, batchSize, errors),
                new FanoutShape(0, FanoutShape.Items.LIST, FanoutShape.Results.CONCATENATED), TestInvoker.sentinel(),
                TestInvoker.facilities(new ManualClock(), new InFlight(), EXECUTOR), EXECUTOR, FanoutListener.NONE);
        TestInvocation invocation = TestInvocation.withArguments(arguments -> {
            Collection<?> chunk = (Collection<?>) arguments[0];
            if (twist == Twist.CLEARED_WHILE_RUNNING) {
                synchronized (values) {
                    values.clear();
                }
            }
            List<Object> doubled = chunk.stream().map(item -> item == null ? null : (Object) ((Integer) item * 2)).toList();
            boolean fails = chunk.stream().anyMatch(item -> item != null && failing.contains(item));
            if (async) {
                return fails ? CompletableFuture.failedFuture(new IOException("chunk failed"))
                        : CompletableFuture.completedFuture(doubled);
            }
            if (fails) {
                throw new IOException("chunk failed");
            }
            return doubled;
        }, items);

        boolean unreadable = twist == Twist.NULL_ITEMS || twist == Twist.NEVER_ENDS
                || (twist == Twist.THROWS_AT || twist == Twist.ENDS_EARLY) && position < size;
        Object result;
        try {
            result = call(fanout, invocation, async);
        } catch (TimeoutException hung) {
            fail("the fan-out did not end within 10 s");
            return;
        } catch (Throwable failure) {
            assertExplained(failure, unreadable ? twist : Twist.NONE, size, failing, errors);
            return;
        }
        assertThat(unreadable).as("a call whose items could not all be read must fail").isFalse();
        List<Object> expected = new ArrayList<>();
        for (int item = 0; item < size; item++) {
            expected.add(twist == Twist.NULL_ELEMENTS && item % 7 == position % 7 ? null : item * 2);
        }
        assertThat(result).as("a result for every item, in order").isEqualTo(expected);
    }

    private static Object call(FanoutStrategy<TestInvocation> fanout, TestInvocation invocation, boolean async) throws Throwable {
        CompletableFuture<Object> result;
        if (async) {
            result = fanout.callAsync(invocation);
        } else {
            result = CompletableFuture.supplyAsync(() -> {
                try {
                    return fanout.call(invocation);
                } catch (Throwable failure) {
                    throw new Wrapped(failure);
                }
            }, EXECUTOR);
        }
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Wrapped wrapped ? wrapped.getCause() : failed.getCause();
        }
    }

    /** @param twist what made the items unreadable, or NONE */
    private static void assertExplained(Throwable failure, Twist twist, int size, Set<Integer> failing, FanoutErrors errors) {
        switch (twist) {
            case NULL_ITEMS -> assertThat(failure).isInstanceOf(NullPointerException.class)
                    .hasMessage("Service#call: the items to fan out (argument 1) are null");
            case THROWS_AT -> assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Service#call: the items to fan out (argument 1) could not be read");
            case ENDS_EARLY -> assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Service#call: the items to fan out (argument 1) gave fewer items");
            case NEVER_ENDS -> assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Service#call: the items to fan out (argument 1) gave more items");
            default -> {
                boolean anyFails = IntStream.range(0, size).anyMatch(failing::contains);
                assertThat(anyFails).as("failed with no failing chunk: " + failure).isTrue();
                if (errors == FanoutErrors.FAIL_FAST) {
                    assertThat(failure).isInstanceOf(IOException.class).hasMessage("chunk failed");
                } else {
                    assertThat(failure).isInstanceOf(FanoutException.class);
                    FanoutException collected = (FanoutException) failure;
                    assertThat(collected.partialResults()).as("a slot for every item").hasSize(size);
                    assertThat(collected.failures()).isNotEmpty()
                            .allSatisfy((item, chunkFailure) -> assertThat(chunkFailure).hasMessage("chunk failed"));
                }
            }
        }
    }

    @Provide
    Arbitrary<Integer> parallelisms() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 16), Arbitraries.of(Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<Integer> batchSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 64), Arbitraries.of(Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<Set<Integer>> failingItems() {
        return Arbitraries.oneOf(Arbitraries.just(Set.of()), Arbitraries.integers().between(0, 3000).set().ofMaxSize(3));
    }

    /** Carries a sync call's failure out of the thread it ran on. */
    private static final class Wrapped extends RuntimeException {
        Wrapped(Throwable failure) {
            super(failure);
        }
    }
}
