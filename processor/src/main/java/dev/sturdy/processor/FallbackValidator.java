package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.Diagnostics.ExceptionLists;

import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code @Fallback}: the method it names exists in the class (or a superclass), takes the same
 * parameters optionally followed by one {@code Throwable}, returns a type assignable to the
 * annotated method's (type arguments included), is not the annotated method itself, and can
 * receive every failure {@code applyOn} lets through; and its exception lists.
 */
final class FallbackValidator implements Validator {

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>(Attributes.check(use));
        findings.addAll(ExceptionListRules.check(use, ExceptionLists.FALLBACK, "no failure is ever answered by the fallback"));
        String name = (String) use.value("method").getValue();
        if (name.isBlank()) {
            return findings;
        }
        AnnotationValue written = use.written("method").orElse(null);
        ExecutableElement annotated = use.method();
        Types types = use.env().getTypeUtils();
        List<ExecutableElement> named = use.env().getElementUtils().getAllMembers(use.type()).stream()
                .filter(member -> member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name))
                .map(ExecutableElement.class::cast)
                .collect(Collectors.toList());
        if (named.size() == 1 && named.get(0).equals(annotated)) {
            findings.add(Finding.error(Diagnostics.message(Diagnostics.FALLBACK_SELF, "@Fallback.method", use.location(),
                    "must name another method, but was \"" + name + "\", the annotated method itself, which would answer its own "
                            + "failure by failing again"), use, written));
            return findings;
        }
        named.remove(annotated);
        List<String> candidates = named.stream().map(Names::signature).toList();
        String parameters = plainParameters(annotated).stream().map(p -> Names.simple(p.asType()))
                .collect(Collectors.joining(", "));
        if (named.isEmpty()) {
            List<String> methods = use.env().getElementUtils().getAllMembers(use.type()).stream()
                    .filter(member -> member.getKind() == ElementKind.METHOD && !member.equals(annotated)
                            && !((TypeElement) member.getEnclosingElement()).getQualifiedName().contentEquals("java.lang.Object"))
                    .map(member -> Names.signature((ExecutableElement) member))
                    .toList();
            findings.add(Finding.error(Diagnostics.fallbackMissing(use.location(), name, use.type().getSimpleName().toString(),
                    methods), use, written));
            return findings;
        }
        TypeMirror throwable = use.env().getElementUtils().getTypeElement("java.lang.Throwable").asType();
        List<ExecutableElement> fitting = named.stream().filter(candidate -> parametersFit(candidate, annotated, types,
                throwable)).toList();
        if (fitting.isEmpty()) {
            findings.add(Finding.error(Diagnostics.fallbackUnfit(Diagnostics.FALLBACK_PARAMETERS, use.location(), name,
                    "a method with parameters (" + parameters + ") or (" + (parameters.isEmpty() ? "" : parameters + ", ")
                            + "Throwable)",
                    candidates), use, written));
            return findings;
        }
        List<ExecutableElement> returning = fitting.stream().filter(candidate -> returns(candidate, annotated, types)).toList();
        if (returning.isEmpty()) {
            findings.add(Finding.error(Diagnostics.fallbackUnfit(Diagnostics.FALLBACK_RETURN_TYPE, use.location(), name,
                    "a method returning " + Names.simple(valueType(annotated)) + " (or a subtype)", candidates), use,
                            written));
            return findings;
        }
        ExecutableElement chosen = returning.stream()
                .filter(candidate -> plainParameters(candidate).size() > plainParameters(annotated).size())
                .findFirst().orElse(returning.get(0));
        if (plainParameters(chosen).size() > plainParameters(annotated).size()) {
            TypeMirror receives = plainParameters(chosen).get(plainParameters(chosen).size() - 1).asType();
            for (TypeMirror applies : use.classes("applyOn")) {
                if (!types.isSubtype(applies, receives)) {
                    findings.add(Finding.error(Diagnostics.message(Diagnostics.FALLBACK_FAILURE_TYPE, "@Fallback.applyOn",
                            use.location(),
                            "lets " + Names.simple(applies) + " through, but " + Names.signature(chosen) + " can only receive "
                                    + Names.simple(receives) + "; narrow applyOn to " + Names.simple(receives)
                                    + ", or declare the parameter as Throwable"), use, use.written("applyOn").orElse(written)));
                    break;
                }
            }
        }
        return findings;
    }

    private static boolean parametersFit(ExecutableElement candidate, ExecutableElement annotated, Types types,
            TypeMirror throwable) {
        List<? extends VariableElement> wanted = plainParameters(annotated);
        List<? extends VariableElement> found = plainParameters(candidate);
        int count = wanted.size();
        if (found.size() != count && found.size() != count + 1) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (!types.isSameType(found.get(i).asType(), wanted.get(i).asType())) {
                return false;
            }
        }
        return found.size() == count || types.isSubtype(found.get(count).asType(), throwable);
    }

    private static boolean returns(ExecutableElement candidate, ExecutableElement annotated, Types types) {
        TypeMirror found = valueType(candidate);
        TypeMirror wanted = valueType(annotated);
        if (wanted.getKind() == TypeKind.VOID || found.getKind() == TypeKind.VOID) {
            return wanted.getKind() == found.getKind();
        }
        return types.isAssignable(found, wanted);
    }

    /**
     * @return the parameters as written: without the trailing {@code Continuation} that a Kotlin
     * {@code suspend} function has as compiled (kapt shows processors that form)
     */
    private static List<? extends VariableElement> plainParameters(ExecutableElement method) {
        List<? extends VariableElement> parameters = method.getParameters();
        return continuation(method) == null ? parameters : parameters.subList(0, parameters.size() - 1);
    }

    /** @return what the method gives its caller: a {@code suspend} function's value, else its return type */
    private static TypeMirror valueType(ExecutableElement method) {
        DeclaredType continuation = continuation(method);
        if (continuation == null || continuation.getTypeArguments().isEmpty()) {
            return method.getReturnType();
        }
        TypeMirror value = continuation.getTypeArguments().get(0);
        return value instanceof WildcardType wildcard && wildcard.getSuperBound() != null ? wildcard.getSuperBound() : value;
    }

    /** @return the trailing {@code kotlin.coroutines.Continuation} parameter's type, or {@code null} */
    static DeclaredType continuation(ExecutableElement method) {
        List<? extends VariableElement> parameters = method.getParameters();
        if (parameters.isEmpty()) {
            return null;
        }
        TypeMirror last = parameters.get(parameters.size() - 1).asType();
        return last instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals("kotlin.coroutines.Continuation")
                ? declared : null;
    }
}
