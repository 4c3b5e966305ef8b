package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Where an annotation is written: Micronaut's proxy cannot apply it to a private, static or final
 * method, or to any method of a final class.
 */
final class PlacementValidator implements Validator {

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>();
        TypeElement type = use.type();
        if (type.getModifiers().contains(Modifier.FINAL)) {
            findings.add(Finding.error(Diagnostics.notInterceptable(use.annotation(), use.location(),
                    "the class " + type.getSimpleName() + " is final", "remove final from the class"), use, null));
        }
        if (!use.onMethod()) {
            for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
                Set<Modifier> modifiers = method.getModifiers();
                if (modifiers.contains(Modifier.PUBLIC) && modifiers.contains(Modifier.FINAL)
                        && !modifiers.contains(Modifier.STATIC)) {
                    findings.add(new Finding(Diagnostic.Kind.ERROR, Diagnostics.notInterceptable(use.annotation(),
                            Names.of(method, use.env()), "the method is final", "remove final from the method (the @"
                                    + use.annotation() + " on " + type.getSimpleName() + " applies to every public method)"),
                                            method, null, null));
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
}
