package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.ReturnTypes;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import java.util.List;
import java.util.function.Predicate;
import javax.tools.Diagnostic;

/**
 * The return type of a protected method: Sturdy protects sync methods, {@code CompletionStage} ones
 * and reactive ones (a reactive-streams {@code Publisher}, Reactor's and RxJava 3's types), and
 * refuses the other asynchronous types rather than protect them wrongly.
 */
final class ReturnTypeValidator {

    /**
     * @param type a method's return type
     * @param types the compiler's type utilities
     * @return whether the method is asynchronous: it returns a {@code CompletionStage}, a
     * {@code CompletableFuture} or a reactive type
     */
    static boolean isAsync(TypeMirror type, Types types) {
        return type.getKind() == TypeKind.DECLARED
                && (ReturnTypes.STAGES.contains(types.erasure(type).toString()) || isReactive(type, types));
    }

    /**
     * @param type a method's return type
     * @param types the compiler's type utilities
     * @return whether it is a reactive type that Sturdy protects
     */
    static boolean isReactive(TypeMirror type, Types types) {
        return isA(type, ReturnTypes.PUBLISHER::equals, types) || isA(type, ReturnTypes.SINGLE_VALUED::contains, types)
                || isA(type, ReturnTypes.MULTI_VALUED::contains, types);
    }

    /**
     * @param method a method
     * @param types the compiler's type utilities
     * @return whether it returns a publisher of any number of elements: reactive, and neither a
     * single-valued type nor marked {@code @SingleResult}
     */
    static boolean isMultiValued(ExecutableElement method, Types types) {
        TypeMirror type = method.getReturnType();
        return isReactive(type, types) && !isA(type, ReturnTypes.SINGLE_VALUED::contains, types)
                && !Annotations.carries(method, ReturnTypes.SINGLE_RESULT);
    }

    /** @return a problem with the return type of a method one or more Sturdy annotations apply to */
    List<Finding> check(ExecutableElement method, Use use) {
        Types types = use.env().getTypeUtils();
        TypeMirror returned = method.getReturnType();
        if (returned.getKind() != TypeKind.DECLARED) {
            return List.of();
        }
        String name = types.erasure(returned).toString();
        boolean unsupported = !ReturnTypes.STAGES.contains(name) && !isReactive(returned, types)
                && (ReturnTypes.inRefusedPackage(name) || isA(returned, ReturnTypes.REFUSED_SUPERTYPES::contains, types));
        if (!unsupported) {
            return List.of();
        }
        String location = Names.of(method, use.env());
        return List.of(new Finding(Diagnostic.Kind.ERROR,
                Diagnostics.unsupportedReturnType(use.annotation(), location, Names.simple(returned)), method,
                use.onMethod() ? use.mirror() : null, null));
    }

    /** @return whether the type or one of its supertypes has a qualified name that {@code names} accepts */
    private static boolean isA(TypeMirror type, Predicate<String> names, Types types) {
        if (type instanceof DeclaredType declared && names.test(((TypeElement) declared.asElement()).getQualifiedName()
                .toString())) {
            return true;
        }
        for (TypeMirror supertype : types.directSupertypes(type)) {
            if (isA(supertype, names, types)) {
                return true;
            }
        }
        return false;
    }
}
