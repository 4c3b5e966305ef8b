package dev.sturdy.annotation.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration strings Sturdy's annotations accept: an integer followed by a unit
 * ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}), or ISO-8601
 * ({@code PT2S}). Every string accepted here means the same to Micronaut's own duration converter.
 * Thread-safe.
 */
public final class DurationText {

    /** What a duration may look like, for error messages. */
    public static final String FORMS = "a duration such as \"250ms\", \"2s\", \"1m\" or \"PT2S\"";

    private static final Pattern SIMPLE = Pattern.compile("(-?\\d{1,18})(ns|us|ms|s|m|h|d)");

    private DurationText() {
    }

    /**
     * @param text the attribute's text, already free of placeholders
     * @return the duration, or empty when the text is not a duration
     */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.trim();
        Matcher simple = SIMPLE.matcher(trimmed);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            try {
                return Optional.of(switch (simple.group(2)) {
                    case "ns" -> Duration.ofNanos(amount);
                    case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            } catch (ArithmeticException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Duration.parse(trimmed));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    /**
     * @param text an attribute's text
     * @return whether it contains a property placeholder ({@code ${...}}), resolved only at start-up
     */
    public static boolean isPlaceholder(String text) {
        return text.contains("${");
    }
}
