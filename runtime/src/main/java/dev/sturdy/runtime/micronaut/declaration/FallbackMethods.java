package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.fallback.FallbackCall;
import dev.sturdy.runtime.micronaut.chain.SuspendCalls;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.ExecutableMethod;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.lang.invoke.MethodType;

/**
 * Finds the method a {@link dev.sturdy.annotation.Fallback} names and makes it callable: in the
 * annotated method's class (or a superclass), with the same parameters optionally followed by one
 * {@code Throwable}, returning a type assignable to the annotated method's. When both forms exist
 * the one that receives the failure is used.
 */
final class FallbackMethods {

    private static final String CONTINUATION = "kotlin.coroutines.Continuation";

    private FallbackMethods() {
    }

    static FallbackCall<MethodInvocationContext<Object, Object>> find(ExecutableMethod<?, ?> annotated,
            AnnotationAttributes fallback, ResultShape shape) {
        String name = fallback.text("method");
        boolean suspend = shape == ResultShape.SUSPEND;
        Class<?>[] parameters = suspend ? withoutContinuation(annotated.getArgumentTypes()) : annotated.getArgumentTypes();
        Class<?> returnType = suspend ? valueType(annotated) : annotated.getReturnType().getType();
        List<Method> candidates = new ArrayList<>();
        List<Method> fittingParameters = new ArrayList<>();
        Method plain = null;
        Method withFailure = null;
        for (Class<?> type = annotated.getDeclaringType(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (!candidate.getName().equals(name) || candidate.isSynthetic() || candidate.isBridge()) {
                    continue;
                }
                candidates.add(candidate);
                Class<?>[] found = withoutContinuation(candidate.getParameterTypes());
                boolean same = Arrays.equals(found, parameters);
                boolean receivesFailure = found.length == parameters.length + 1
                        && Arrays.equals(Arrays.copyOf(found, parameters.length), parameters)
                        && Throwable.class.isAssignableFrom(found[parameters.length]);
                if (!same && !receivesFailure) {
                    continue;
                }
                fittingParameters.add(candidate);
                if (!returns(valueType(candidate), returnType, suspend ? ResultShape.SYNC : shape)) {
                    continue;
                }
                if (same) {
                    plain = plain == null ? candidate : plain;
                } else {
                    withFailure = withFailure == null ? candidate : withFailure;
                }
            }
        }
        Method chosen = withFailure != null ? withFailure : plain;
        if (chosen == null) {
            throw fallback.invalid(unfit(annotated, fallback.method(), name, parameters, returnType, candidates,
                    fittingParameters));
        }
        chosen.trySetAccessible();
        Class<?> failureType = withFailure != null ? parameters(chosen)[parameters.length] : null;
        return (invocation, failure) -> {
            if (failureType != null && !failureType.isInstance(failure)) {
                throw failure;
            }
            Object[] arguments = invocation.getParameterValues();
            Object[] passed = Arrays.copyOf(arguments, suspend ? arguments.length - 1 : arguments.length);
            if (failureType != null) {
                passed = Arrays.copyOf(passed, passed.length + 1);
                passed[passed.length - 1] = failure;
            }
            if (!suspend) {
                return invoke(chosen, invocation.getTarget(), passed);
            }
            if (isSuspend(chosen)) {
                return SuspendCalls.call(chosen, invocation.getTarget(), passed, arguments[arguments.length - 1]);
            }
            return CompletableFuture.completedFuture(invoke(chosen, invocation.getTarget(), passed));
        };
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException failed) {
            throw failed.getCause();
        }
    }

    private static boolean isSuspend(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return types.length > 0 && types[types.length - 1].getName().equals(CONTINUATION);
    }

    /** @return the parameters as written in Kotlin: without a {@code suspend} function's trailing continuation */
    private static Class<?>[] parameters(Method method) {
        return withoutContinuation(method.getParameterTypes());
    }

    private static Class<?>[] withoutContinuation(Class<?>[] types) {
        boolean continued = types.length > 0 && types[types.length - 1].getName().equals(CONTINUATION);
        return continued ? Arrays.copyOf(types, types.length - 1) : types;
    }

    /** @return what a method gives its caller: a {@code suspend} function's value type, else its return type */
    private static Class<?> valueType(Method method) {
        Type[] generic = method.getGenericParameterTypes();
        if (!isSuspend(method) || !(generic[generic.length - 1] instanceof ParameterizedType continuation)) {
            return method.getReturnType();
        }
        return rawType(continuation.getActualTypeArguments()[0]);
    }

    private static Class<?> valueType(ExecutableMethod<?, ?> suspend) {
        Argument<?>[] arguments = suspend.getArguments();
        return arguments[arguments.length - 1].getFirstTypeVariable().<Class<?>>map(Argument::getType).orElse(Object.class);
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof WildcardType wildcard) {
            return rawType(wildcard.getLowerBounds().length > 0 ? wildcard.getLowerBounds()[0] : wildcard.getUpperBounds()[0]);
        }
        if (type instanceof ParameterizedType parameterized) {
            return rawType(parameterized.getRawType());
        }
        return type instanceof Class<?> raw ? raw : Object.class;
    }

    private static boolean returns(Class<?> found, Class<?> required, ResultShape shape) {
        if (shape.async()) {
            return required.isAssignableFrom(found);
        }
        return boxed(required).isAssignableFrom(boxed(found)) && (found == void.class) == (required == void.class);
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    private static String unfit(ExecutableMethod<?, ?> annotated, MethodName method, String name, Class<?>[] parameters,
                                Class<?> returnType, List<Method> candidates, List<Method> fittingParameters) {
        List<String> found = candidates.stream()
                .map(c -> c.getReturnType().getSimpleName() + " " + c.getName() + "(" + simpleNames(c.getParameterTypes()) + ")")
                .toList();
        String params = simpleNames(parameters);
        if (candidates.isEmpty()) {
            List<String> methods = new ArrayList<>();
            Class<?> declaring = annotated.getDeclaringType();
            for (Class<?> type = declaring; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Method declared : type.getDeclaredMethods()) {
                    if (!declared.isSynthetic() && !declared.getName().equals(annotated.getMethodName())) {
                        methods.add(declared.getReturnType().getSimpleName() + " " + declared.getName() + "("
                                + simpleNames(declared.getParameterTypes()) + ")");
                    }
                }
            }
            return Diagnostics.fallbackMissing(method.location(), name, declaring.getSimpleName(), methods);
        }
        if (fittingParameters.isEmpty()) {
            return Diagnostics.fallbackUnfit(Diagnostics.FALLBACK_PARAMETERS, method.location(), name,
                    "a method with parameters ("
                    + params + ") or (" + (params.isEmpty() ? "" : params + ", ") + "Throwable)", found);
        }
        return Diagnostics.fallbackUnfit(Diagnostics.FALLBACK_RETURN_TYPE, method.location(), name,
                "a method returning " + returnType.getSimpleName() + " (or a subtype)", found);
    }

    private static String simpleNames(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }
}
