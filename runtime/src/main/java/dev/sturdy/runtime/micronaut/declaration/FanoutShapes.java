package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.fanout.FanoutShape;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.ExecutableMethod;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads a {@code @Fanout} method's signature: the one {@code List}, {@code Set} or
 * {@code Collection} parameter that holds the items, and a result type that can be merged.
 */
final class FanoutShapes {

    private static final List<Class<?>> ITEM_TYPES = List.of(List.class, Set.class, Collection.class);

    private FanoutShapes() {
    }

    static FanoutShape of(ExecutableMethod<?, ?> method, MethodName name, ResultShape shape) {
        if (shape == ResultShape.SINGLE || shape == ResultShape.STREAM) {
            throw new ConfigurationException(Diagnostics.fanoutReturnType(name.location(),
                    method.getReturnType().getType().getSimpleName()));
        }
        Class<?>[] parameters = method.getArgumentTypes();
        int[] collections = IntStream.range(0, parameters.length)
                .filter(i -> Collection.class.isAssignableFrom(parameters[i])).toArray();
        if (collections.length != 1 || !ITEM_TYPES.contains(parameters[collections[0]])) {
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
        return new FanoutShape(collections[0], parameters[collections[0]] == Set.class, results);
    }
}
