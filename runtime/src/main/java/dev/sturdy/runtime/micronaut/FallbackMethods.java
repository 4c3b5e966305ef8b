package dev.sturdy.runtime.micronaut;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.fallback.FallbackCall;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.inject.ExecutableMethod;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Finds the method a {@link dev.sturdy.annotation.Fallback} names and makes it callable: in the
 * annotated method's class (or a superclass), with the same parameters optionally followed by one
 * {@code Throwable}, returning a type assignable to the annotated method's. When both forms exist
 * the one that receives the failure is used.
 */
final class FallbackMethods {

    private FallbackMethods() {
    }

    static FallbackCall<MethodInvocationContext<Object, Object>> find(ExecutableMethod<?, ?> annotated, AnnotationAttributes fallback,
                                                                      boolean async) {
        String name = fallback.text("method");
        Class<?>[] parameters = annotated.getArgumentTypes();
        Class<?> returnType = annotated.getReturnType().getType();
        List<Method> candidates = new ArrayList<>();
        Method plain = null;
        Method withFailure = null;
        for (Class<?> type = annotated.getDeclaringType(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (!candidate.getName().equals(name) || candidate.isSynthetic() || candidate.isBridge()) {
                    continue;
                }
                candidates.add(candidate);
                if (!returns(candidate.getReturnType(), returnType, async)) {
                    continue;
                }
                Class<?>[] found = candidate.getParameterTypes();
                if (Arrays.equals(found, parameters)) {
                    plain = plain == null ? candidate : plain;
                } else if (found.length == parameters.length + 1 && Arrays.equals(Arrays.copyOf(found, parameters.length), parameters)
                        && Throwable.class.isAssignableFrom(found[parameters.length])) {
                    withFailure = withFailure == null ? candidate : withFailure;
                }
            }
        }
        Method chosen = withFailure != null ? withFailure : plain;
        if (chosen == null) {
            throw fallback.invalid(notFound(annotated, fallback.method(), name, parameters, returnType, candidates));
        }
        chosen.trySetAccessible();
        return withFailure != null ? receivingFailure(chosen) : ignoringFailure(chosen);
    }

    private static FallbackCall<MethodInvocationContext<Object, Object>> ignoringFailure(Method method) {
        return (invocation, failure) -> invoke(method, invocation.getTarget(), invocation.getParameterValues());
    }

    private static FallbackCall<MethodInvocationContext<Object, Object>> receivingFailure(Method method) {
        Class<?> failureType = method.getParameterTypes()[method.getParameterCount() - 1];
        return (invocation, failure) -> {
            if (!failureType.isInstance(failure)) {
                throw failure;
            }
            Object[] arguments = invocation.getParameterValues();
            Object[] withFailure = Arrays.copyOf(arguments, arguments.length + 1);
            withFailure[arguments.length] = failure;
            return invoke(method, invocation.getTarget(), withFailure);
        };
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException failed) {
            throw failed.getCause();
        }
    }

    private static boolean returns(Class<?> found, Class<?> required, boolean async) {
        if (async) {
            return CompletionStage.class.isAssignableFrom(found) && required.isAssignableFrom(found);
        }
        return boxed(required).isAssignableFrom(boxed(found)) && (found == void.class) == (required == void.class);
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }

    private static String notFound(ExecutableMethod<?, ?> annotated, MethodName method, String name, Class<?>[] parameters,
                                   Class<?> returnType, List<Method> candidates) {
        String params = simpleNames(parameters);
        String wanted = "a method " + name + "(" + params + ") or " + name + "(" + (params.isEmpty() ? "" : params + ", ")
                + "Throwable) returning " + returnType.getSimpleName() + " in " + annotated.getDeclaringType().getSimpleName();
        String found = candidates.isEmpty() ? "no method of that name exists"
                : "candidates found: " + candidates.stream()
                .map(c -> c.getReturnType().getSimpleName() + " " + c.getName() + "(" + simpleNames(c.getParameterTypes()) + ")")
                .collect(Collectors.joining(", "));
        return Diagnostics.message(Diagnostics.FALLBACK_NOT_FOUND, "@Fallback.method", method.location(),
                "must name " + wanted + ", but was \"" + name + "\": " + found);
    }

    private static String simpleNames(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }
}
