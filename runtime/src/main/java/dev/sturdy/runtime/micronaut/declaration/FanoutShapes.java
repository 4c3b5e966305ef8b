package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.fanout.FanoutShape;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.ExecutableMethod;

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
 * {@code Stream}), and a result type that can be merged.
 */
final class FanoutShapes {

    private static final Map<Class<?>, FanoutShape.Items> ITEM_TYPES = Map.of(List.class, FanoutShape.Items.LIST,
            Collection.class, FanoutShape.Items.LIST, Set.class, FanoutShape.Items.SET, Iterable.class,
            FanoutShape.Items.ITERABLE, Iterator.class, FanoutShape.Items.ITERATOR, Stream.class, FanoutShape.Items.STREAM);

    private FanoutShapes() {
    }

    static FanoutShape of(ExecutableMethod<?, ?> method, MethodName name, ResultShape shape) {
        if (shape == ResultShape.SINGLE || shape == ResultShape.STREAM) {
            throw new ConfigurationException(Diagnostics.fanoutReturnType(name.location(),
                    method.getReturnType().getType().getSimpleName()));
        }
        Class<?>[] parameters = method.getArgumentTypes();
        int[] sources = IntStream.range(0, parameters.length).filter(i -> Iterable.class.isAssignableFrom(parameters[i])
                || Iterator.class.isAssignableFrom(parameters[i]) || BaseStream.class.isAssignableFrom(parameters[i])).toArray();
        if (sources.length != 1 || !ITEM_TYPES.containsKey(parameters[sources[0]])) {
            throw new ConfigurationException(Diagnostics.fanoutParameters(name.location(),
                    Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", "))));
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
