package dev.sturdy.annotation.rules;

import java.util.List;
import java.util.Set;

/**
 * The return types Sturdy treats as asynchronous, and those it refuses rather than protect wrongly,
 * by canonical name: one list for the annotation processor (which sees type mirrors) and the
 * runtime (which sees classes).
 */
public final class ReturnTypes {

    /** Asynchronous methods: policies never block their caller. */
    public static final Set<String> STAGES = Set.of("java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture");

    /** A return type that is or extends one of these, and is not one of {@link #STAGES}, is refused. */
    public static final List<String> REFUSED_SUPERTYPES = List.of("java.util.concurrent.Future",
            "java.util.concurrent.CompletionStage", "org.reactivestreams.Publisher", "java.util.concurrent.Flow.Publisher");

    /** A return type in one of these packages is refused. */
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
