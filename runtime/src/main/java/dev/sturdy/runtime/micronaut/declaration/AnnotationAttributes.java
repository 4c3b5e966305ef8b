package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.micronaut.beans.PolicyKey;
import dev.sturdy.runtime.micronaut.config.SturdySettings;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.DurationText;
import io.micronaut.context.env.PropertyPlaceholderResolver;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.naming.NameUtils;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * The attributes of one Sturdy annotation on one method: the method's own configuration, else its
 * named policy's, else the annotation (with its defaults), placeholders resolved and every value
 * checked against its {@link AttributeRule}. Used once per method, when its chain is built; an
 * invalid value is a {@link ConfigurationException} whose message names the configuration key, or
 * the annotation and attribute, with the method and value, worded as the annotation processor
 * words it.
 */
final class AnnotationAttributes {

    private final Class<? extends Annotation> type;
    private final AnnotationValue<?> value;
    private final MethodName method;
    private final PropertyPlaceholderResolver placeholders;
    private final SturdySettings settings;
    private final String policy;
    /** Where a named policy of this kind is configured ({@code circuit-breakers}, ...), or {@code null}. */
    private final String namedGroup;
    /** The policy's {@code name}, or blank. */
    private final String name;

    AnnotationAttributes(Class<? extends Annotation> type, AnnotationValue<?> value, MethodName method,
                         PropertyPlaceholderResolver placeholders, SturdySettings settings) {
        this.type = type;
        this.value = value;
        this.method = method;
        this.placeholders = placeholders;
        this.settings = settings;
        this.policy = NameUtils.hyphenate(type.getSimpleName());
        this.namedGroup = SturdySettings.NAMED_GROUPS.get(type.getSimpleName());
        this.name = namedGroup == null ? "" : text("name");
    }

    /** @return the annotation's simple name, {@code Retry} */
    String simpleName() {
        return type.getSimpleName();
    }

    /**
     * @return whether the policy is switched on: globally, for its name, and for the method. A
     * policy switched off still counts as configured: its other keys are no typos.
     */
    boolean enabled() {
        boolean enabled = settings.enabled(policy)
                && configured("enabled").map(entry -> !"false".equals(String.valueOf(entry.value()))).orElse(true);
        if (!enabled) {
            settings.acknowledge(method.fullName(), policy, namedGroup, name);
        }
        return enabled;
    }

    /** @return the policy's {@code name}, blank for one of its own */
    String name() {
        return name;
    }

    MethodName method() {
        return method;
    }

    /** @return which shared state the policy uses: its {@code name}'s, or the method's own */
    PolicyKey key() {
        return name.isBlank()
                ? new PolicyKey(method.uniqueName(), method.display(), false, method.location())
                : new PolicyKey(name, name, true, method.location());
    }

    int count(AttributeRule rule) {
        Optional<SturdySettings.Entry> configured = configured(rule.attribute());
        if (configured.isPresent()) {
            return checkedConfig(rule, configured.get(), parsed(rule, configured.get(), Integer::valueOf, "a whole number"));
        }
        int found = value.intValue(rule.attribute()).orElseGet(() -> (Integer) defaultValue(rule.attribute()));
        return checked(rule, found, String.valueOf(found));
    }

    double number(AttributeRule rule) {
        Optional<SturdySettings.Entry> configured = configured(rule.attribute());
        if (configured.isPresent()) {
            return checkedConfig(rule, configured.get(), parsed(rule, configured.get(), Double::valueOf, "a number"));
        }
        double found = value.doubleValue(rule.attribute()).orElseGet(() -> (Double) defaultValue(rule.attribute()));
        return checked(rule, found, String.valueOf(found));
    }

    /**
     * @return the duration, or {@code null} when an optional duration is empty
     */
    Duration duration(AttributeRule rule) {
        Optional<SturdySettings.Entry> configured = configured(rule.attribute());
        if (configured.isPresent()) {
            return AttributeRule.duration(checkedConfig(rule, configured.get(), String.valueOf(configured.get().value())));
        }
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

    boolean flag(String attribute) {
        Optional<SturdySettings.Entry> configured = configured(attribute);
        if (configured.isPresent()) {
            String text = String.valueOf(configured.get().value()).trim();
            if (!text.equals("true") && !text.equals("false")) {
                throw invalid(Diagnostics.message(policy + "-" + NameUtils.hyphenate(attribute), configured.get().key(),
                        method.location(), "must be true or false, but was " + quoted(configured.get().value())));
            }
            return Boolean.parseBoolean(text);
        }
        return value.booleanValue(attribute).orElseGet(() -> (Boolean) defaultValue(attribute));
    }

    <E extends Enum<E>> E enumValue(String attribute, Class<E> enumType) {
        Optional<SturdySettings.Entry> configured = configured(attribute);
        if (configured.isPresent()) {
            String text = String.valueOf(configured.get().value()).trim().replace('-', '_').toUpperCase(Locale.ROOT);
            try {
                return Enum.valueOf(enumType, text);
            } catch (IllegalArgumentException unknown) {
                throw invalid(Diagnostics.message(NameUtils.hyphenate(type.getSimpleName()) + "-"
                        + NameUtils.hyphenate(attribute),
                        configured.get().key(), method.location(), "must be one of "
                                + Arrays.toString(enumType.getEnumConstants())
                                + ", but was " + quoted(configured.get().value())));
            }
        }
        return value.enumValue(attribute, enumType).orElseGet(() -> enumType.cast(defaultValue(attribute)));
    }

    @SuppressWarnings("unchecked")
    List<Class<? extends Throwable>> exceptions(String attribute) {
        Class<?>[] classes = value.contains(attribute) ? value.classValues(attribute) : (Class<?>[]) defaultValue(attribute);
        return List.of((Class<? extends Throwable>[]) classes);
    }

    ConfigurationException invalid(String message) {
        return new ConfigurationException(message);
    }

    private Optional<SturdySettings.Entry> configured(String attribute) {
        String kebab = NameUtils.hyphenate(attribute);
        Optional<SturdySettings.Entry> own = settings.forMethod(method.fullName(), policy, kebab);
        return own.isPresent() || name.isBlank() ? own : settings.forName(namedGroup, name, kebab);
    }

    private <T> T parsed(AttributeRule rule, SturdySettings.Entry entry, Function<String, T> parse,
            String kind) {
        try {
            return parse.apply(String.valueOf(entry.value()).trim());
        } catch (NumberFormatException notANumber) {
            throw invalid(rule.configMessage(entry.key(), method.location(), quoted(entry.value()), "must be " + kind));
        }
    }

    private <T> T checkedConfig(AttributeRule rule, SturdySettings.Entry entry, T found) {
        String written = found instanceof String ? quoted(entry.value()) : String.valueOf(entry.value()).trim();
        rule.violation(found).ifPresent(requirement -> {
            throw invalid(rule.configMessage(entry.key(), method.location(), written, requirement));
        });
        return found;
    }

    private static String quoted(Object configured) {
        return configured instanceof String text ? '"' + text + '"' : String.valueOf(configured);
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
        Object found = DEFAULTS.get(type).get(attribute);
        if (found == null) {
            throw new IllegalStateException("@" + type.getSimpleName() + " has no attribute " + attribute);
        }
        return found;
    }

    /** Each annotation type's default values, read once: reflection per attribute per method slowed start-up. */
    private static final ClassValue<Map<String, Object>> DEFAULTS = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> annotation) {
            Map<String, Object> defaults = new HashMap<>();
            for (Method attribute : annotation.getDeclaredMethods()) {
                if (attribute.getDefaultValue() != null) {
                    defaults.put(attribute.getName(), attribute.getDefaultValue());
                }
            }
            return Map.copyOf(defaults);
        }
    };
}
