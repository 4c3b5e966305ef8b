package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.DurationText;
import dev.sturdy.runtime.chaos.ChaosPolicy;
import dev.sturdy.runtime.micronaut.config.SturdySettings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads what to inject into one method, from {@code sturdy.chaos.methods."<fqcn>#<method>".*} or
 * from an operator's request, with the same checks and messages for both: each names the key (or
 * field), the value found and what is allowed.
 */
public final class ChaosReader {

    /** The attributes, as configured: {@code fault-rate}, {@code exception}, {@code latency}, {@code latency-rate}. */
    public static final List<String> ATTRIBUTES = List.of("fault-rate", "exception", "latency", "latency-rate");

    private ChaosReader() {
    }

    /**
     * @param settings the configuration
     * @param fullName {@code com.acme.Prices#quote}
     * @param display {@code Prices#quote}
     * @return what configuration injects into the method, or {@code null} when it configures nothing for it
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    static ChaosPolicy configured(SturdySettings settings, String fullName, String display) {
        return read(display, attribute -> settings.forChaos(fullName, attribute), null);
    }

    /**
     * @param display {@code Prices#quote}
     * @param values looks up an attribute's value, with the key to name in messages
     * @param current what is injected now, whose values stand for those {@code values} leaves out;
     *                {@code null} for the defaults
     * @return what to inject, or {@code null} when {@code values} has none and there is no current policy
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    public static ChaosPolicy read(String display, Function<String, Optional<SturdySettings.Entry>> values,
            ChaosPolicy current) {
        Optional<SturdySettings.Entry> faultRate = values.apply("fault-rate");
        Optional<SturdySettings.Entry> exception = values.apply("exception");
        Optional<SturdySettings.Entry> latency = values.apply("latency");
        Optional<SturdySettings.Entry> latencyRate = values.apply("latency-rate");
        if (current == null && faultRate.isEmpty() && exception.isEmpty() && latency.isEmpty() && latencyRate.isEmpty()) {
            return null;
        }
        ChaosPolicy base = current != null ? current : new ChaosPolicy(display, 0, RuntimeException.class, Duration.ZERO, 1);
        return new ChaosPolicy(display,
                faultRate.map(entry -> rate("fault-rate", entry, display)).orElse(base.faultRate()),
                exception.isPresent() ? exception(exception.get(), display) : base.exception(),
                latency.map(entry -> duration(entry, display)).orElse(base.latency()),
                latencyRate.map(entry -> rate("latency-rate", entry, display)).orElse(base.latencyRate()));
    }

    private static double rate(String attribute, SturdySettings.Entry entry, String display) {
        Object value = entry.value();
        double rate;
        try {
            rate = value instanceof Number number ? number.doubleValue() : Double.parseDouble(String.valueOf(value).strip());
        } catch (NumberFormatException notANumber) {
            rate = Double.NaN;
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw invalid(attribute, entry, display, "must be a number >= 0 and <= 1");
        }
        return rate;
    }

    private static Duration duration(SturdySettings.Entry entry, String display) {
        Optional<Duration> duration = DurationText.parse(String.valueOf(entry.value()).strip());
        if (duration.isEmpty() || duration.get().isNegative()) {
            throw invalid("latency", entry, display, "must be " + DurationText.FORMS + ", >= 0");
        }
        return duration.get();
    }

    private static Class<? extends Exception> exception(SturdySettings.Entry entry, String display) {
        String name = String.valueOf(entry.value()).strip();
        Class<?> type;
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            type = Class.forName(name, false, context != null ? context : ChaosReader.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError missing) {
            throw invalid("exception", entry, display, "must name an exception class on the class path, fully qualified");
        }
        if (!Exception.class.isAssignableFrom(type)) {
            throw invalid("exception", entry, display, "must name a subclass of Exception");
        }
        Class<? extends Exception> exception = type.asSubclass(Exception.class);
        try {
            new ChaosPolicy(display, 0, exception, Duration.ZERO, 0);
        } catch (IllegalArgumentException noConstructor) {
            throw invalid("exception", entry, display, "must name a public, concrete exception with a public (String)"
                    + " or no-argument constructor");
        }
        return exception;
    }

    private static IllegalArgumentException invalid(String attribute, SturdySettings.Entry entry, String display,
            String allowed) {
        return new IllegalArgumentException(Diagnostics.message("chaos-" + attribute, entry.key(), display, allowed
                + ", but was \"" + entry.value() + "\""));
    }
}
