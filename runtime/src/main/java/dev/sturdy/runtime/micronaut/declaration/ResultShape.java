package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.ReturnTypes;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.reflect.ClassUtils;
import io.micronaut.inject.ExecutableMethod;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * How a protected method delivers its result, which decides how its chain runs: on the caller's
 * thread, through a {@code CompletionStage}, or through a reactive type that emits at most one
 * element or any number of them. Reactive types are recognised by name, so that an application
 * without them needs none of their libraries.
 */
public enum ResultShape {

    /** A plain value, or {@code void}: the policies run on the caller's thread. */
    SYNC,
    /** A {@code CompletionStage} or {@code CompletableFuture}. */
    STAGE,
    /** Mono, RxJava's Single, Maybe and Completable, or a {@code Publisher} method marked {@code @SingleResult}. */
    SINGLE,
    /** Flux, RxJava's Flowable and Observable, or any other {@code Publisher}. */
    STREAM,
    /** A Kotlin {@code suspend} function. */
    SUSPEND;

    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Flux",
            ResultShape.class.getClassLoader());
    private static final boolean COROUTINES = ClassUtils.isPresent("kotlinx.coroutines.Job",
            ResultShape.class.getClassLoader())
            && ClassUtils.isPresent("io.micronaut.core.async.propagation.KotlinCoroutinePropagation",
            ResultShape.class.getClassLoader());

    /**
     * @param method the method
     * @param name its name, for messages
     * @param firstAnnotation simple name of the first Sturdy annotation on it, for messages
     * @return how the method delivers its result
     * @throws ConfigurationException when Sturdy does not protect its return type
     */
    static ResultShape of(ExecutableMethod<?, ?> method, MethodName name, String firstAnnotation) {
        Class<?> type = method.getReturnType().getType();
        if (ReturnTypes.STAGES.contains(type.getCanonicalName())) {
            return STAGE;
        }
        if (method.isSuspend()) {
            if (!COROUTINES) {
                throw new ConfigurationException(Diagnostics.coroutinesMissing(firstAnnotation, name.location()));
            }
            return SUSPEND;
        }
        boolean single = isA(type, ReturnTypes.SINGLE_VALUED::contains);
        if (single || isA(type, ReturnTypes.PUBLISHER::equals) || isA(type, ReturnTypes.MULTI_VALUED::contains)) {
            if (!REACTOR) {
                throw new ConfigurationException(Diagnostics.reactorMissing(firstAnnotation, name.location(),
                        type.getSimpleName()));
            }
            return single || method.getAnnotationMetadata().hasAnnotation(ReturnTypes.SINGLE_RESULT) ? SINGLE : STREAM;
        }
        if (isA(type, ReturnTypes.REFUSED_SUPERTYPES::contains) || isA(type, ReturnTypes::inRefusedPackage)) {
            throw new ConfigurationException(Diagnostics.unsupportedReturnType(firstAnnotation, name.location(),
                    type.getSimpleName()));
        }
        return SYNC;
    }

    /** @return whether the caller gets its result later, through a stage or a publisher */
    public boolean async() {
        return this != SYNC;
    }

    /** @return whether the type or one of its supertypes has a canonical name that {@code names} accepts */
    private static boolean isA(Class<?> type, Predicate<String> names) {
        String name = type.getCanonicalName();
        if (name != null && names.test(name)) {
            return true;
        }
        Class<?> superclass = type.getSuperclass();
        return superclass != null && isA(superclass, names)
                || Arrays.stream(type.getInterfaces()).anyMatch(supertype -> isA(supertype, names));
    }
}
