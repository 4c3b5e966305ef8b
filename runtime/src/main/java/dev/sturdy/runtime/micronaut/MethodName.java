package dev.sturdy.runtime.micronaut;

import io.micronaut.inject.ExecutableMethod;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How messages name a method.
 *
 * @param display {@code PriceService#quote}, as exceptions name it
 * @param location {@code PriceService.quote(String)}, as configuration errors name it
 * @param fullName {@code com.acme.PriceService#quote}, as configuration keys name it
 */
record MethodName(String display, String location, String fullName) {

    static MethodName of(ExecutableMethod<?, ?> method) {
        String type = method.getDeclaringType().getSimpleName();
        String parameters = Arrays.stream(method.getArgumentTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        return new MethodName(type + "#" + method.getMethodName(), type + "." + method.getMethodName() + "(" + parameters + ")",
                method.getDeclaringType().getName() + "#" + method.getMethodName());
    }
}
