package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @Hedge}: ranges, and only on methods whose attempts can run side by side: not a
 * multi-valued publisher, nor a Kotlin {@code suspend} function.
 */
final class HedgeValidator implements Validator {

    private static final String HEDGE = "dev.sturdy.annotation.Hedge";

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>(Attributes.check(use));
        List<ExecutableElement> methods = use.onMethod() ? List.of(use.method())
                : ElementFilter.methodsIn(use.type().getEnclosedElements()).stream()
                        .filter(method -> method.getModifiers().contains(Modifier.PUBLIC)
                                && !method.getModifiers().contains(Modifier.STATIC))
                        .filter(method -> !Annotations.carries(method, HEDGE)).toList();
        Types types = use.env().getTypeUtils();
        for (ExecutableElement method : methods) {
            String refused = FallbackValidator.continuation(method) != null ? "suspend"
                    : ReturnTypeValidator.isMultiValued(method, types) ? Names.simple(method.getReturnType()) : null;
            if (refused != null) {
                findings.add(Finding.error(Diagnostics.hedgeReturnType(Names.of(method, use.env()), refused), use, null));
            }
        }
        return findings;
    }
}
