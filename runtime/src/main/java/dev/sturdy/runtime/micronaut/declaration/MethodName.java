package dev.sturdy.runtime.micronaut.declaration;

import io.micronaut.inject.ExecutableMethod;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How messages name a method.
 *
 * @param display {@code PriceService#quote}, as exceptions name it
 * @param location {@code PriceService.quote(String)}, as configuration errors name it
 * @param fullName {@code com.acme.PriceService#quote}, as configuration keys name it
 * @param uniqueName {@code com.acme.PriceService#quote(java.lang.String)}: one per method, overloads apart
 */
record MethodName(String display, String location, String fullName, String uniqueName) {

    static MethodName of(ExecutableMethod<?, ?> method) {
        String type = method.getDeclaringType().getSimpleName();
        String parameters = Arrays.stream(method.getArgumentTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        String fullName = method.getDeclaringType().getName() + "#" + method.getMethodName();
        return new MethodName(type + "#" + method.getMethodName(), type + "." + method.getMethodName() + "(" + parameters + ")",
                fullName, fullName + Arrays.stream(method.getArgumentTypes()).map(Class::getName)
                        .collect(Collectors.joining(",", "(", ")")));
    }
}
