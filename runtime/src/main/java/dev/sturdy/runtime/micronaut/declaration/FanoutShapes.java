package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.fanout.FanoutShape;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.ExecutableMethod;
import org.reactivestreams.Publisher;


import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.BaseStream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads a {@code @Fanout} method's signature: the one parameter that holds the items (a
 * {@code List}, {@code Set} or {@code Collection}, or a lazy {@code Iterable}, {@code Iterator} or
 * {@code Stream}, or a {@code Publisher} when the method returns one), and a result type that can be
 * merged, or a {@code Publisher} or {@code Flux} of the chunks' elements.
 */
final class FanoutShapes {

    private static final Map<Class<?>, FanoutShape.Items> ITEM_TYPES = Map.of(List.class, FanoutShape.Items.LIST,
            Collection.class, FanoutShape.Items.LIST, Set.class, FanoutShape.Items.SET, Iterable.class,
            FanoutShape.Items.ITERABLE, Iterator.class, FanoutShape.Items.ITERATOR, Stream.class, FanoutShape.Items.STREAM);

    /** The publishers a fan-out may take its items from and return its chunks' elements as. */
    private static final Set<String> PUBLISHERS = Set.of("org.reactivestreams.Publisher",
            "reactor.core.publisher.Flux");

    private FanoutShapes() {
    }

    static FanoutShape of(ExecutableMethod<?, ?> method, MethodName name, ResultShape shape) {
        Class<?> returnType = method.getReturnType().getType();
        boolean elements = shape == ResultShape.STREAM && PUBLISHERS.contains(returnType.getName());
        if (shape == ResultShape.SINGLE || shape == ResultShape.SUSPEND || shape == ResultShape.STREAM && !elements) {
            throw new ConfigurationException(Diagnostics.fanoutReturnType(name.location(), returnType.getSimpleName()));
        }
        Class<?>[] parameters = method.getArgumentTypes();
        int[] sources = IntStream.range(0, parameters.length).filter(i -> Iterable.class.isAssignableFrom(parameters[i])
                || Iterator.class.isAssignableFrom(parameters[i]) || BaseStream.class.isAssignableFrom(parameters[i])
                || Publisher.class.isAssignableFrom(parameters[i])).toArray();
        boolean publisher = sources.length == 1 && PUBLISHERS.contains(parameters[sources[0]].getName());
        if (sources.length != 1 || !ITEM_TYPES.containsKey(parameters[sources[0]]) && !(publisher && elements)) {
            throw new ConfigurationException(Diagnostics.fanoutParameters(name.location(),
                    Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", "))));
        }
        if (elements) {
            FanoutShape.Items items = publisher ? FanoutShape.Items.PUBLISHER : ITEM_TYPES.get(parameters[sources[0]]);
            return new FanoutShape(sources[0], items, FanoutShape.Results.ELEMENTS);
        }
        Argument<?> returned = shape == ResultShape.STAGE
                ? method.getReturnType().getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT)
                : method.getReturnType().asArgument();
        Class<?> type = returned.getType();
        FanoutShape.Results results;
        if (type == List.class || type == Collection.class) {
            results = FanoutShape.Results.CONCATENATED;
        } else if (type == Map.class) {
            results = FanoutShape.Results.MERGED_MAP;
        } else if (type == void.class || type == Void.class) {
            results = FanoutShape.Results.NONE;
        } else {
            throw new ConfigurationException(Diagnostics.fanoutReturnType(name.location(), method.getReturnType()
                    .getTypeString(true)));
        }
        return new FanoutShape(sources[0], ITEM_TYPES.get(parameters[sources[0]]), results);
    }
}
