package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.chaos.ChaosSwitch;
import dev.sturdy.runtime.micronaut.config.SturdySettings;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * Every protected method's fault injection switch, by {@code com.acme.Prices#quote}, when
 * {@code sturdy.chaos.enabled} is true; none otherwise, and then no switch can be made, so that no
 * request can turn fault injection on where configuration has not allowed it. Thread-safe.
 */
@Singleton
public final class ChaosSwitches {

    private final boolean enabled;
    private final Map<String, ChaosSwitch> byMethod = new ConcurrentSkipListMap<>();

    ChaosSwitches(SturdySettings settings) {
        this.enabled = settings.chaosEnabled();
    }

    /** @return whether {@code sturdy.chaos.enabled} is true: protected methods get a switch */
    public boolean enabled() {
        return enabled;
    }

    /**
     * @param fullName {@code com.acme.Prices#quote}; overloads share one switch
     * @param make makes the switch, set as configuration says, the first time
     * @return the method's switch
     * @throws IllegalStateException when fault injection is not enabled
     */
    public ChaosSwitch of(String fullName, Supplier<ChaosSwitch> make) {
        if (!enabled) {
            throw new IllegalStateException("fault injection is off (sturdy.chaos.enabled is not true)");
        }
        return byMethod.computeIfAbsent(fullName, name -> make.get());
    }

    /**
     * @param method {@code com.acme.Prices#quote}, or {@code Prices#quote} when that names one method
     * @return the switches it names: none, one, or several when a simple name is ambiguous
     */
    public List<Map.Entry<String, ChaosSwitch>> find(String method) {
        ChaosSwitch exact = byMethod.get(method);
        if (exact != null) {
            return List.of(Map.entry(method, exact));
        }
        List<Map.Entry<String, ChaosSwitch>> found = new ArrayList<>();
        byMethod.forEach((fullName, chaos) -> {
            if (chaos.method().equals(method)) {
                found.add(Map.entry(fullName, chaos));
            }
        });
        return found;
    }

    /** @return every switch by {@code com.acme.Prices#quote}, in name order */
    public Map<String, ChaosSwitch> all() {
        return Collections.unmodifiableMap(new TreeMap<>(byMethod));
    }
}
