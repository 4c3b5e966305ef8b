package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.Diagnostics.ExceptionLists;

import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
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
        String parameters = annotated.getParameters().stream().map(p -> Names.simple(p.asType()))
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
                    "a method returning " + Names.simple(annotated.getReturnType()) + " (or a subtype)", candidates), use,
                            written));
            return findings;
        }
        ExecutableElement chosen = returning.stream()
                .filter(candidate -> candidate.getParameters().size() > annotated.getParameters().size())
                .findFirst().orElse(returning.get(0));
        if (chosen.getParameters().size() > annotated.getParameters().size()) {
            TypeMirror receives = chosen.getParameters().get(chosen.getParameters().size() - 1).asType();
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
        int count = annotated.getParameters().size();
        int found = candidate.getParameters().size();
        if (found != count && found != count + 1) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (!types.isSameType(candidate.getParameters().get(i).asType(), annotated.getParameters().get(i).asType())) {
                return false;
            }
        }
        return found == count || types.isSubtype(candidate.getParameters().get(count).asType(), throwable);
    }

    private static boolean returns(ExecutableElement candidate, ExecutableElement annotated, Types types) {
        TypeMirror found = candidate.getReturnType();
        TypeMirror wanted = annotated.getReturnType();
        if (wanted.getKind() == TypeKind.VOID || found.getKind() == TypeKind.VOID) {
            return wanted.getKind() == found.getKind();
        }
        return types.isAssignable(found, wanted);
    }
}
