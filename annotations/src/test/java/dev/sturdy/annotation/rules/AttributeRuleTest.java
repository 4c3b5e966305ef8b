package dev.sturdy.annotation.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeRuleTest {

    @ParameterizedTest
    @CsvSource({
            "250ms, PT0.25S",
            "2s, PT2S",
            "1m, PT1M",
            "3h, PT3H",
            "1d, PT24H",
            "500us, PT0.0005S",
            "7ns, PT0.000000007S",
            "PT2S, PT2S",
            "pt1.5s, PT1.5S",
            "' 2s ', PT2S",
            "-1s, PT-1S"
    })
    void parsesMicronautDurationForms(String text, String iso) {
        assertThat(DurationText.parse(text)).contains(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "2", "2 s", "1.5s", "2sec", "ms", "PT", "99999999999999999999s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @Test
    void codesAreTheAnnotationAndAttributeInKebabCase() {
        assertThat(AttributeRule.RETRY_MAX_ATTEMPTS.code()).isEqualTo("retry-max-attempts");
        assertThat(AttributeRule.CIRCUIT_BREAKER_FAILURE_RATIO.code()).isEqualTo("circuit-breaker-failure-ratio");
        assertThat(AttributeRule.TIMEOUT_VALUE.code()).isEqualTo("timeout-value");
    }

    @Test
    void countsNumbersAndDurationsAreCheckedAgainstTheirRanges() {
        assertThat(AttributeRule.RETRY_MAX_ATTEMPTS.violation(0)).contains("must be >= 1");
        assertThat(AttributeRule.RETRY_MAX_ATTEMPTS.violation(1)).isEmpty();
        assertThat(AttributeRule.BULKHEAD_MAX_WAITING.violation(0)).isEmpty();
        assertThat(AttributeRule.RETRY_JITTER.violation(1.0)).contains("must be >= 0 and < 1");
        assertThat(AttributeRule.RETRY_JITTER.violation(0.0)).isEmpty();
        assertThat(AttributeRule.RETRY_MULTIPLIER.violation(Double.NaN)).contains("must be >= 1.0");
        assertThat(AttributeRule.CIRCUIT_BREAKER_FAILURE_RATIO.violation(0.0)).contains("must be > 0 and <= 1");
        assertThat(AttributeRule.CIRCUIT_BREAKER_FAILURE_RATIO.violation(1.0)).isEmpty();
        assertThat(AttributeRule.TIMEOUT_VALUE.violation("0ms")).contains("must be > 0");
        assertThat(AttributeRule.RETRY_DELAY.violation("0ms")).isEmpty();
        assertThat(AttributeRule.RETRY_DELAY.violation("-5ms")).contains("must be >= 0");
        assertThat(AttributeRule.RETRY_MAX_DURATION.violation("")).isEmpty();
        assertThat(AttributeRule.TIMEOUT_VALUE.violation("")).contains(
                "must be a duration such as \"250ms\", \"2s\", \"1m\" or \"PT2S\" that is > 0");
        assertThat(AttributeRule.FALLBACK_METHOD.violation(" ")).contains("must name a method of the same class");
    }

    @Test
    void messageNamesCodeAnnotationAttributeLocationRuleAndValue() {
        AttributeRule rule = AttributeRule.RETRY_MAX_ATTEMPTS;

        assertThat(rule.message("PriceService.quote(String)", "0", rule.violation(0).orElseThrow()))
                .isEqualTo("[sturdy:retry-max-attempts] @Retry.maxAttempts on PriceService.quote(String): must be >= 1, but"
                        + " was 0");
    }

    @Test
    void anEntryCoveredByTheWinningListIsDead() {
        Diagnostics.ExceptionLists lists = Diagnostics.ExceptionLists.RETRY;

        assertThat(lists.deadEntry(List.of(IOException.class), List.of(IOException.class), this::isSubtype,
                Class::getSimpleName, "S.m()"))
                .isEqualTo("[sturdy:retry-exception-overlap] @Retry.retryOn on S.m(): IOException is also in abortOn, which"
                        + " wins over "
                        + "retryOn, so it can never apply; remove it from one of the lists");
        assertThat(lists.deadEntry(List.of(FileNotFoundException.class), List.of(IOException.class), this::isSubtype,
                Class::getSimpleName, "S.m()"))
                .contains("FileNotFoundException is a subclass of IOException in abortOn");
        assertThat(lists.deadEntry(List.of(IOException.class), List.of(FileNotFoundException.class), this::isSubtype,
                Class::getSimpleName, "S.m()"))
                .as("a narrower exclusion carves out an exception").isNull();
    }

    private boolean isSubtype(Class<?> type, Class<?> of) {
        return of.isAssignableFrom(type);
    }
}
