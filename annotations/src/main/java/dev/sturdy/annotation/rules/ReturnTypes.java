package dev.sturdy.annotation.rules;

import java.util.List;
import java.util.Set;

/**
 * The return types Sturdy treats as asynchronous or reactive, and those it refuses rather than
 * protect wrongly, by canonical name: one list for the annotation processor (which sees type
 * mirrors) and the runtime (which sees classes).
 */
public final class ReturnTypes {

    /** Asynchronous methods: policies never block their caller. */
    public static final Set<String> STAGES = Set.of("java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture");

    /** The reactive-streams publisher: a method returning one (or a subtype) emits any number of elements. */
    public static final String PUBLISHER = "org.reactivestreams.Publisher";

    /** Micronaut's marker for a {@link #PUBLISHER} method that emits at most one element. */
    public static final String SINGLE_RESULT = "io.micronaut.core.async.annotation.SingleResult";

    /** Reactive types that emit at most one element: one subscription is one call. */
    public static final List<String> SINGLE_VALUED = List.of("reactor.core.publisher.Mono",
            "io.reactivex.rxjava3.core.Single", "io.reactivex.rxjava3.core.Maybe", "io.reactivex.rxjava3.core.Completable");

    /** Reactive types that emit any number of elements besides {@link #PUBLISHER}'s subtypes. */
    public static final List<String> MULTI_VALUED = List.of("io.reactivex.rxjava3.core.Observable");

    /** A return type that is or extends one of these, and is not one of the above, is refused. */
    public static final List<String> REFUSED_SUPERTYPES = List.of("java.util.concurrent.Future",
            "java.util.concurrent.CompletionStage", "java.util.concurrent.Flow.Publisher");

    /** A return type in one of these packages, and not one of the above, is refused. */
    public static final List<String> REFUSED_PACKAGES = List.of("io.reactivex.", "kotlinx.coroutines.flow.");

    private ReturnTypes() {
    }

    /**
     * @param canonicalName a type's canonical name
     * @return whether it lies in one of {@link #REFUSED_PACKAGES}
     */
    public static boolean inRefusedPackage(String canonicalName) {
        return REFUSED_PACKAGES.stream().anyMatch(canonicalName::startsWith);
    }
}
