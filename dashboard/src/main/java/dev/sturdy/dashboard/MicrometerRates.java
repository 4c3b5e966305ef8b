package dev.sturdy.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads Sturdy's meters ({@code sturdy.calls}, {@code sturdy.retry.attempts},
 * {@code sturdy.fallbacks}, {@code sturdy.timeouts}) and turns their totals into rates: the
 * difference between two samples' totals, so it reads cumulative meters, as the registries that keep
 * totals (Micronaut's default, Prometheus) have them. Its cost is in the number of methods, once a
 * second, whatever the number of calls. Called by one thread at a time.
 */
@Singleton
@Requires(classes = MeterRegistry.class)
@Requires(beans = MeterRegistry.class)
final class MicrometerRates implements MethodRates {

    /** The counters read, by meter name, and the figure each becomes. */
    private static final Map<String, String> COUNTED = Map.of("sturdy.retry.attempts", "retries",
            "sturdy.fallbacks", "fallbacks", "sturdy.timeouts", "timeouts");

    private final MeterRegistry registry;
    /** Per method and figure, its total at the last sample. */
    private final Map<String, Double> previous = new HashMap<>();

    MicrometerRates(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Map<String, Object>> sample(double seconds) {
        Map<String, Map<String, Double>> totals = new TreeMap<>();
        for (Timer timer : registry.find("sturdy.calls").timers()) {
            Map<String, Double> method = totals.computeIfAbsent(timer.getId().getTag("method"), m -> new HashMap<>());
            boolean failed = "failure".equals(timer.getId().getTag("outcome"));
            method.merge("calls", (double) timer.count(), Double::sum);
            method.merge("nanos", timer.totalTime(TimeUnit.NANOSECONDS), Double::sum);
            if (failed) {
                method.merge("failures", (double) timer.count(), Double::sum);
            }
        }
        COUNTED.forEach((meter, figure) -> {
            for (Counter counter : registry.find(meter).counters()) {
                totals.computeIfAbsent(counter.getId().getTag("method"), m -> new HashMap<>())
                        .merge(figure, counter.count(), Double::sum);
            }
        });
        List<Map<String, Object>> methods = new ArrayList<>(totals.size());
        totals.forEach((method, figures) -> {
            double calls = delta(method, "calls", figures);
            double nanos = delta(method, "nanos", figures);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", method);
            row.put("calls", figures.getOrDefault("calls", 0.0).longValue());
            row.put("failures", figures.getOrDefault("failures", 0.0).longValue());
            row.put("callsPerSecond", calls / seconds);
            row.put("failuresPerSecond", delta(method, "failures", figures) / seconds);
            // no call in the second, no latency: the chart leaves a gap
            row.put("meanMillis", calls == 0 ? null : nanos / calls / 1e6);
            for (String figure : COUNTED.values()) {
                row.put(figure, figures.getOrDefault(figure, 0.0).longValue());
                row.put(figure + "PerSecond", delta(method, figure, figures) / seconds);
            }
            methods.add(row);
        });
        return methods;
    }

    private double delta(String method, String figure, Map<String, Double> figures) {
        double now = figures.getOrDefault(figure, 0.0);
        Double before = previous.put(method + "|" + figure, now);
        // a method's meters appear with its first call, after the sample before
        return before == null ? now : Math.max(0, now - before);
    }
}
