package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
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
    private static final String CONTINUATION = "kotlin.coroutines.Continuation";

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>(Attributes.check(use));
        List<ExecutableElement> methods = use.onMethod() ? List.of(use.method())
                : ElementFilter.methodsIn(use.type().getEnclosedElements()).stream()
                        .filter(method -> method.getModifiers().contains(Modifier.PUBLIC))
                        .filter(method -> !Annotations.carries(method, HEDGE)).toList();
        Types types = use.env().getTypeUtils();
        for (ExecutableElement method : methods) {
            String refused = suspend(method, types) ? "suspend"
                    : ReturnTypeValidator.isMultiValued(method, types) ? Names.simple(method.getReturnType()) : null;
            if (refused != null) {
                findings.add(Finding.error(Diagnostics.hedgeReturnType(Names.of(method, use.env()), refused), use, null));
            }
        }
        return findings;
    }

    /** @return whether the method is a Kotlin {@code suspend} function, as kapt shows it: a trailing {@code Continuation} */
    private static boolean suspend(ExecutableElement method, Types types) {
        List<? extends VariableElement> parameters = method.getParameters();
        return !parameters.isEmpty()
                && types.erasure(parameters.get(parameters.size() - 1).asType()).toString().equals(CONTINUATION);
    }
}
