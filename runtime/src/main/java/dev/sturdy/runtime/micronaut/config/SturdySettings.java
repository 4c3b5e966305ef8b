package dev.sturdy.runtime.micronaut.config;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;

/**
 * Sturdy's configuration, read once: {@code sturdy.enabled}, {@code sturdy.<policy>.enabled},
 * per-method overrides under {@code sturdy.methods."<fqcn>#<method>".<policy>.<attribute>} and
 * named policies under {@code sturdy.circuit-breakers.<name>}, {@code sturdy.bulkheads.<name>},
 * {@code sturdy.rate-limits.<name>}, and retry budgets under
 * {@code sturdy.retry-budgets.<name>}, and fault injection under {@code sturdy.chaos}. Attributes are
 * kebab-case ({@code max-attempts}; camelCase is
 * accepted too). Remembers which keys were read, so that keys nothing reads can be reported as
 * the typos they likely are. Thread-safe.
 */
@Singleton
public final class SturdySettings {

    public static final String PREFIX = "sturdy";
    public static final String METHODS = PREFIX + ".methods";
    /** Where named policies are configured, by annotation. */
    public static final Map<String, String> NAMED_GROUPS = Map.of("CircuitBreaker", "circuit-breakers", "Bulkhead", "bulkheads",
            "RateLimit", "rate-limits", "AdaptiveLimit", "adaptive-limits");

    /** Where retry budgets are configured, by name. */
    public static final String RETRY_BUDGETS = "retry-budgets";

    /** Where fault injection is switched on, and configured per method. */
    public static final String CHAOS = PREFIX + ".chaos";
    private static final String CHAOS_METHODS = CHAOS + ".methods";

    private final Environment environment;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    /**
     * One configured value.
     *
     * @param key the key as users write it, e.g. {@code sturdy.methods."com.acme.Prices#quote".retry.max-attempts}
     * @param value the value, placeholders resolved
     */
    public record Entry(String key, Object value) {
    }

    private final Map<String, Boolean> policySwitches = new ConcurrentHashMap<>();

    SturdySettings(Environment environment) {
        this.environment = environment;
        environment.getProperties(METHODS, StringConvention.RAW).forEach((asWritten, value) -> {
            // YAML needs quotes around "com.acme.Prices#quote"; elsewhere they stay in the key: both forms work
            String key = asWritten.replace("\"", "");
            int hash = key.indexOf('#');
            int policyStart = key.indexOf('.', hash);
            int attributeStart = policyStart < 0 ? -1 : key.indexOf('.', policyStart + 1);
            if (hash < 0 || attributeStart < 0) {
                entries.put(METHODS + "." + key, new Entry(METHODS + "." + key, value));
                return;
            }
            String method = key.substring(0, policyStart);
            String policyAndAttribute = key.substring(policyStart + 1, attributeStart) + "."
                    + NameUtils.hyphenate(key.substring(attributeStart + 1));
            String written = METHODS + ".\"" + method + "\"." + policyAndAttribute;
            entries.put(METHODS + "." + method + "." + policyAndAttribute, new Entry(written, value));
        });
        environment.getProperties(CHAOS_METHODS, StringConvention.RAW).forEach((asWritten, value) -> {
            String key = asWritten.replace("\"", "");
            int attributeStart = key.indexOf('.', Math.max(0, key.indexOf('#')));
            if (key.indexOf('#') < 0 || attributeStart < 0) {
                entries.put(CHAOS_METHODS + "." + key, new Entry(CHAOS_METHODS + "." + key, value));
                return;
            }
            String method = key.substring(0, attributeStart);
            String attribute = NameUtils.hyphenate(key.substring(attributeStart + 1));
            entries.put(CHAOS_METHODS + "." + method + "." + attribute,
                    new Entry(CHAOS_METHODS + ".\"" + method + "\"." + attribute, value));
        });
        for (String group : Stream.concat(NAMED_GROUPS.values().stream(), Stream.of(RETRY_BUDGETS)).toList()) {
            environment.getProperties(PREFIX + "." + group, StringConvention.RAW).forEach((key, value) -> {
                int dot = key.indexOf('.');
                String normalized = dot < 0 ? key : key.substring(0, dot) + "." + NameUtils.hyphenate(key.substring(dot + 1));
                String full = PREFIX + "." + group + "." + normalized;
                entries.put(full, new Entry(full, value));
            });
        }
    }

    /** @return {@code sturdy.enabled}, true unless set to false */
    public boolean enabled() {
        return environment.getProperty(PREFIX + ".enabled", Boolean.class).orElse(true);
    }

    /** @return {@code sturdy.<policy>.enabled}, true unless set to false; read once per policy */
    public boolean enabled(String policy) {
        return policySwitches.computeIfAbsent(policy,
                p -> environment.getProperty(PREFIX + "." + p + ".enabled", Boolean.class).orElse(true));
    }

    /** @return {@code sturdy.chaos.enabled}, false unless set to true: whether fault injection may run at all */
    public boolean chaosEnabled() {
        return environment.getProperty(CHAOS + ".enabled", Boolean.class).orElse(false);
    }

    /**
     * @param method {@code com.acme.Prices#quote}
     * @param attribute {@code fault-rate}
     * @return the method's fault injection value for it, if configured
     */
    public Optional<Entry> forChaos(String method, String attribute) {
        return lookup(CHAOS_METHODS + "." + method + "." + attribute);
    }

    /**
     * Counts every {@code sturdy.chaos.methods} key as read: for when fault injection is off, and
     * says so once, rather than have each key reported as a typo.
     *
     * @return the keys, as users write them
     */
    public List<String> acknowledgeChaos() {
        List<String> keys = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (key.startsWith(CHAOS_METHODS + ".")) {
                read.add(key);
                keys.add(entry.key());
            }
        });
        return keys;
    }

    /**
     * @param method {@code com.acme.Prices#quote}
     * @param policy {@code retry}
     * @param attribute {@code max-attempts}
     * @return the method's own value for it, if configured
     */
    public Optional<Entry> forMethod(String method, String policy, String attribute) {
        return lookup(METHODS + "." + method + "." + policy + "." + attribute);
    }

    /**
     * @param group {@code circuit-breakers}
     * @param name the policy's name
     * @param attribute {@code window}
     * @return the named policy's value for it, if configured
     */
    public Optional<Entry> forName(String group, String name, String attribute) {
        return lookup(PREFIX + "." + group + "." + name + "." + attribute);
    }

    /**
     * @param group {@code retry-budgets}
     * @param name a name
     * @return whether any key is configured under {@code sturdy.<group>.<name>}
     */
    public boolean configured(String group, String name) {
        String prefix = PREFIX + "." + group + "." + name + ".";
        return entries.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    /**
     * Counts every key of a policy that is switched off as read: it names a real policy, so it is
     * no typo even though nothing reads its values.
     *
     * @param group where the policy is configured by name, or {@code null}
     * @param name its name, or blank
     */
    public void acknowledge(String method, String policy, String group, String name) {
        String own = METHODS + "." + method + "." + policy + ".";
        String named = name.isBlank() ? null : PREFIX + "." + group + "." + name + ".";
        entries.keySet().stream().filter(key -> key.startsWith(own) || named != null && key.startsWith(named)).forEach(read::add);
    }

    /** @return the configured keys nothing has read so far, as users write them */
    public List<String> unread() {
        return entries.entrySet().stream().filter(entry -> !read.contains(entry.getKey())).map(entry -> entry.getValue().key())
                .toList();
    }

    private Optional<Entry> lookup(String normalizedKey) {
        Entry entry = entries.get(normalizedKey);
        if (entry == null) {
            return Optional.empty();
        }
        read.add(normalizedKey);
        return Optional.of(new Entry(entry.key(), resolved(entry.value())));
    }

    private Object resolved(Object value) {
        return value instanceof String text ? environment.getPlaceholderResolver().resolveRequiredPlaceholders(text) : value;
    }
}
