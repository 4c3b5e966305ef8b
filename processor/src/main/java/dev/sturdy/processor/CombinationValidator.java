package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rules that span more than one annotation or more than one method: where the proxy can apply
 * an annotation at all (not private, static or final methods, not final classes), which return
 * types Sturdy protects, and that methods sharing a policy {@code name} declare it identically.
 */
final class CombinationValidator {

    private static final Set<String> STAGES = Set.of("java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture");
    private static final Set<String> NAMED = Set.of("CircuitBreaker", "Bulkhead", "RateLimit");

    private final Map<String, Use> firstByName = new LinkedHashMap<>();

    /** @return problems with where this annotation is written */
    List<Finding> placement(Use use) {
        List<Finding> findings = new ArrayList<>();
        TypeElement type = use.type();
        if (type.getModifiers().contains(Modifier.FINAL)) {
            findings.add(Finding.error(Diagnostics.notInterceptable(use.annotation(), use.location(),
                    "the class " + type.getSimpleName() + " is final", "remove final from the class"), use, null));
        }
        if (!use.onMethod()) {
            for (ExecutableElement method : javax.lang.model.util.ElementFilter.methodsIn(type.getEnclosedElements())) {
                Set<Modifier> modifiers = method.getModifiers();
                if (modifiers.contains(Modifier.PUBLIC) && modifiers.contains(Modifier.FINAL) && !modifiers.contains(Modifier.STATIC)) {
                    findings.add(new Finding(javax.tools.Diagnostic.Kind.ERROR, Diagnostics.notInterceptable(use.annotation(),
                            Names.of(method, use.env()), "the method is final", "remove final from the method (the @"
                                    + use.annotation() + " on " + type.getSimpleName() + " applies to every public method)"), method, null, null));
                }
            }
        }
        if (use.onMethod()) {
            ExecutableElement method = use.method();
            if (method.getModifiers().contains(Modifier.PRIVATE)) {
                findings.add(Finding.error(Diagnostics.notInterceptable(use.annotation(), use.location(), "the method is private",
                        "make it public"), use, null));
            } else if (method.getModifiers().contains(Modifier.STATIC)) {
                findings.add(Finding.error(Diagnostics.notInterceptable(use.annotation(), use.location(), "the method is static",
                        "make it an instance method of a bean"), use, null));
            } else if (method.getModifiers().contains(Modifier.FINAL)) {
                findings.add(Finding.error(Diagnostics.notInterceptable(use.annotation(), use.location(), "the method is final",
                        "remove final from the method"), use, null));
            }
        }
        return findings;
    }

    /** @return a problem with the return type of a method one or more Sturdy annotations apply to */
    List<Finding> returnType(ExecutableElement method, Use use) {
        Types types = use.env().getTypeUtils();
        TypeMirror returned = method.getReturnType();
        if (returned.getKind() != TypeKind.DECLARED) {
            return List.of();
        }
        String name = types.erasure(returned).toString();
        boolean unsupported = !STAGES.contains(name) && (isA(returned, "java.util.concurrent.Future", types)
                || isA(returned, "java.util.concurrent.CompletionStage", types) || isA(returned, "org.reactivestreams.Publisher", types)
                || isA(returned, "java.util.concurrent.Flow.Publisher", types) || name.startsWith("io.reactivex.")
                || name.startsWith("kotlinx.coroutines.flow."));
        if (!unsupported) {
            return List.of();
        }
        String location = Names.of(method, use.env());
        return List.of(new Finding(javax.tools.Diagnostic.Kind.ERROR,
                Diagnostics.unsupportedReturnType(use.annotation(), location, Names.simple(returned)), method,
                use.onMethod() ? use.mirror() : null, null));
    }

    /** @return a conflict when this use shares a name with an earlier, different declaration */
    List<Finding> sharedName(Use use) {
        if (!NAMED.contains(use.annotation())) {
            return List.of();
        }
        String name = (String) use.value("name").getValue();
        if (name.isBlank()) {
            return List.of();
        }
        Use first = firstByName.putIfAbsent(use.annotation() + ":" + name, use);
        if (first == null) {
            return List.of();
        }
        Map<String, String> there = first.allValues();
        Map<String, String> here = use.allValues();
        if (there.equals(here)) {
            return List.of();
        }
        List<String> differences = new ArrayList<>();
        there.forEach((attribute, value) -> {
            if (!Objects.equals(value, here.get(attribute))) {
                differences.add(attribute + " " + value + " there, " + here.get(attribute) + " here");
            }
        });
        return List.of(Finding.error(Diagnostics.nameConflict(use.annotation(), use.location(), name, first.location(),
                String.join(", ", differences)), use, use.written("name").orElse(null)));
    }

    private static boolean isA(TypeMirror type, String name, Types types) {
        if (type instanceof DeclaredType declared && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(name)) {
            return true;
        }
        for (TypeMirror supertype : types.directSupertypes(type)) {
            if (isA(supertype, name, types)) {
                return true;
            }
        }
        return false;
    }
}
