package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.DurationText;
import dev.sturdy.runtime.micronaut.config.SturdySettings;
import dev.sturdy.runtime.retry.RetryBudget;
import dev.sturdy.runtime.time.SturdyClock;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's retry budgets, one per name, made from {@code sturdy.retry-budgets.<name>} the
 * first time a {@code @Retry(budget = ...)} names it. Thread-safe.
 */
final class RetryBudgets {

    private static final String GROUP = SturdySettings.RETRY_BUDGETS;
    private static final double DEFAULT_RATIO = 0.1;
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    private static final double DEFAULT_MIN_PER_SECOND = 3;

    private final SturdySettings settings;
    private final SturdyClock clock;
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    RetryBudgets(SturdySettings settings, SturdyClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param spender the {@code @Retry} or {@code @Hedge} that names the budget
     * @return its budget, or {@code null} when it names none
     * @throws ConfigurationException naming the method and the key when the budget is not configured
     *                                or a value is not allowed
     */
    RetryBudget of(AnnotationAttributes spender) {
        String name = spender.text("budget");
        if (name.isBlank()) {
            return null;
        }
        String location = spender.method().location();
        if (!settings.configured(GROUP, name)) {
            throw new ConfigurationException(Diagnostics.message("retry-budget", "@" + spender.simpleName() + ".budget",
                    location, "no retry budget \""
                    + name + "\" is configured; configure it under sturdy.retry-budgets." + name + " (ratio, window,"
                    + " min-per-second; setting one of them is enough, e.g. sturdy.retry-budgets." + name + ".ratio: 0.1)"));
        }
        // a budget's values belong to no one method: messages about them name the budget
        String budget = "@" + spender.simpleName() + "(budget = \"" + name + "\")";
        try {
            return budgets.computeIfAbsent(name, n -> new RetryBudget(n, number(n, "ratio", budget, DEFAULT_RATIO),
                    duration(n, budget), number(n, "min-per-second", budget, DEFAULT_MIN_PER_SECOND), clock));
        } catch (IllegalArgumentException invalid) {
            throw new ConfigurationException(invalid.getMessage());
        }
    }

    private double number(String name, String attribute, String location, double otherwise) {
        Optional<SturdySettings.Entry> entry = settings.forName(GROUP, name, attribute);
        if (entry.isEmpty()) {
            return otherwise;
        }
        Object value = entry.get().value();
        try {
            return value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(Diagnostics.message("retry-budget-" + attribute, entry.get().key(), location,
                    "must be a number, but was \"" + value + "\""));
        }
    }

    private Duration duration(String name, String location) {
        Optional<SturdySettings.Entry> entry = settings.forName(GROUP, name, "window");
        if (entry.isEmpty()) {
            return DEFAULT_WINDOW;
        }
        String text = entry.get().value().toString();
        return DurationText.parse(text).orElseThrow(() -> new IllegalArgumentException(Diagnostics.message(
                "retry-budget-window", entry.get().key(), location, "must be a duration such as \"10s\" or \"500ms\", but was \""
                        + text + "\"")));
    }
}
