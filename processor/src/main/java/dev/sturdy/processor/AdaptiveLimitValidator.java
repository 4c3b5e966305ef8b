package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.ElementFilter;
import java.util.ArrayList;
import java.util.List;

/** {@code @AdaptiveLimit}: ranges, {@code min <= initial <= max}, and never together with {@code @Bulkhead}. */
final class AdaptiveLimitValidator implements Validator {

    private static final String BULKHEAD = "dev.sturdy.annotation.Bulkhead";

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>(Attributes.check(use));
        int initial = (Integer) use.value("initial").getValue();
        int min = (Integer) use.value("min").getValue();
        int max = (Integer) use.value("max").getValue();
        if (findings.isEmpty() && (min > max || initial < min || initial > max)) {
            findings.add(Finding.error(Diagnostics.adaptiveLimitOrder(use.location(), initial, min, max), use, null));
        }
        if (use.onMethod() ? Annotations.applyTo(use.method(), BULKHEAD) : bulkheadInside(use)) {
            findings.add(Finding.error(Diagnostics.bulkheadAndAdaptiveLimit(use.location()), use, null));
        }
        return findings;
    }

    /** @return whether the type, or one of its public methods, carries {@code @Bulkhead} */
    private static boolean bulkheadInside(Use use) {
        return Annotations.carries(use.type(), BULKHEAD) || ElementFilter.methodsIn(use.type().getEnclosedElements()).stream()
                .filter(method -> method.getModifiers().contains(Modifier.PUBLIC))
                .anyMatch(method -> Annotations.carries(method, BULKHEAD) && !ownLimit(method));
    }

    /** @return whether the method has an {@code @AdaptiveLimit} of its own, whose own check reports the conflict */
    private static boolean ownLimit(ExecutableElement method) {
        return Annotations.carries(method, "dev.sturdy.annotation.AdaptiveLimit");
    }
}
