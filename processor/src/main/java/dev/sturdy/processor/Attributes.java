package dev.sturdy.processor;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.DurationText;

import javax.lang.model.element.AnnotationValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks written attribute values against their {@link AttributeRule}: the same rules and wording
 * as the runtime uses at start-up. Placeholders ({@code ${...}}) are left to start-up. Defaults
 * are valid by construction and not checked.
 */
final class Attributes {

    private Attributes() {
    }

    /** @return a finding for every rule of the use's annotation that a written value breaks */
    static List<Finding> check(Use use) {
        List<Finding> findings = new ArrayList<>();
        for (AttributeRule rule : AttributeRule.values()) {
            if (rule.annotation().equals(use.annotation())) {
                use.written(rule.attribute()).flatMap(value -> violation(rule, use, value)).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static Optional<Finding> violation(AttributeRule rule, Use use, AnnotationValue value) {
        Object found = value.getValue();
        if (found instanceof String text && DurationText.isPlaceholder(text)) {
            return Optional.empty();
        }
        return rule.violation(found).map(requirement -> Finding.error(rule.message(use.location(), value.toString(),
                requirement), use, value));
    }
}
