package dev.sturdy.runtime.micronaut;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.DurationText;
import io.micronaut.context.env.PropertyPlaceholderResolver;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.AnnotationValue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;

/**
 * The attributes of one Sturdy annotation on one method, read with their defaults, placeholders
 * resolved and every value checked against its {@link AttributeRule}. Used once per method, when
 * its chain is built; an invalid value is a {@link ConfigurationException} whose message names the
 * annotation, attribute, method and value, worded as the annotation processor words it.
 */
final class AnnotationAttributes {

    private final Class<? extends Annotation> type;
    private final AnnotationValue<?> value;
    private final MethodName method;
    private final PropertyPlaceholderResolver placeholders;

    AnnotationAttributes(Class<? extends Annotation> type, AnnotationValue<?> value, MethodName method,
                         PropertyPlaceholderResolver placeholders) {
        this.type = type;
        this.value = value;
        this.method = method;
        this.placeholders = placeholders;
    }

    MethodName method() {
        return method;
    }

    int count(AttributeRule rule) {
        int found = value.intValue(rule.attribute()).orElseGet(() -> (Integer) defaultValue(rule.attribute()));
        return checked(rule, found, String.valueOf(found));
    }

    double number(AttributeRule rule) {
        double found = value.doubleValue(rule.attribute()).orElseGet(() -> (Double) defaultValue(rule.attribute()));
        return checked(rule, found, String.valueOf(found));
    }

    /**
     * @return the duration, or {@code null} when an optional duration is empty
     */
    Duration duration(AttributeRule rule) {
        String text = resolvedText(rule.attribute());
        checked(rule, text, quotedText(rule.attribute()));
        return AttributeRule.duration(text);
    }

    /**
     * @return the attribute's text with placeholders resolved, for an attribute without a rule
     */
    String text(String attribute) {
        return resolvedText(attribute);
    }

    /**
     * @return the text as written and, when it held a placeholder, what it resolved to
     */
    String quotedText(String attribute) {
        String written = writtenText(attribute);
        String resolved = resolvedText(attribute);
        return written.equals(resolved) ? '"' + written + '"' : '"' + resolved + "\" (resolved from \"" + written + "\")";
    }

    <E extends Enum<E>> E enumValue(String attribute, Class<E> type) {
        return value.enumValue(attribute, type).orElseGet(() -> type.cast(defaultValue(attribute)));
    }

    @SuppressWarnings("unchecked")
    List<Class<? extends Throwable>> exceptions(String attribute) {
        Class<?>[] classes = value.contains(attribute) ? value.classValues(attribute) : (Class<?>[]) defaultValue(attribute);
        return List.of((Class<? extends Throwable>[]) classes);
    }

    ConfigurationException invalid(String message) {
        return new ConfigurationException(message);
    }

    private <T> T checked(AttributeRule rule, T found, String foundText) {
        rule.violation(found).ifPresent(requirement -> {
            throw invalid(rule.message(method.location(), foundText, requirement));
        });
        return found;
    }

    /** The raw value: Micronaut's own accessors would resolve placeholders and hide what was written. */
    private String writtenText(String attribute) {
        Object written = value.getValues().get(attribute);
        return written == null ? (String) defaultValue(attribute) : written.toString();
    }

    private String resolvedText(String attribute) {
        String written = writtenText(attribute);
        if (!DurationText.isPlaceholder(written)) {
            return written;
        }
        try {
            return placeholders.resolveRequiredPlaceholders(written);
        } catch (ConfigurationException unresolvable) {
            throw invalid(Diagnostics.message(Diagnostics.UNRESOLVED_PLACEHOLDER,
                    "@" + type.getSimpleName() + "." + attribute, method.location(),
                    "the placeholder \"" + written + "\" cannot be resolved: " + unresolvable.getMessage()
                            + "; set the property or give the placeholder a default (\"${name:default}\")"));
        }
    }

    private Object defaultValue(String attribute) {
        try {
            return type.getMethod(attribute).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("@" + type.getSimpleName() + " has no attribute " + attribute, e);
        }
    }
}
