package dev.sturdy.runtime.retry;

import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The budget's arithmetic, on a manual clock: the ratio, the floor, and a window that forgets. */
class RetryBudgetTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void retriesMayAddTheRatioOfFirstAttempts() {
        RetryBudget budget = new RetryBudget("b", 0.2, Duration.ofSeconds(10), 0, clock);
        for (int call = 0; call < 50; call++) {
            budget.firstAttempt();
        }

        assertThat(retriesAllowed(budget)).isEqualTo(10);
        budget.firstAttempt();
        budget.firstAttempt();
        budget.firstAttempt();
        budget.firstAttempt();
        budget.firstAttempt();
        assertThat(retriesAllowed(budget)).as("five more first attempts make room for one").isEqualTo(1);
    }

    @Test
    void theFloorAllowsRetriesWhenThereAreFewCalls() {
        RetryBudget budget = new RetryBudget("b", 0.1, Duration.ofSeconds(10), 3, clock);
        budget.firstAttempt();

        assertThat(retriesAllowed(budget)).isEqualTo(30);
    }

    @Test
    void attemptsAndRetriesOlderThanTheWindowAreForgotten() {
        RetryBudget budget = new RetryBudget("b", 0.5, Duration.ofSeconds(10), 0, clock);
        for (int call = 0; call < 10; call++) {
            budget.firstAttempt();
        }
        assertThat(retriesAllowed(budget)).isEqualTo(5);

        clock.advance(Duration.ofSeconds(5));
        for (int call = 0; call < 10; call++) {
            budget.firstAttempt();
        }
        assertThat(retriesAllowed(budget)).as("20 attempts in the window, 5 retries spent").isEqualTo(5);

        clock.advance(Duration.ofSeconds(6));
        assertThat(retriesAllowed(budget)).as("the first 10 attempts and their 5 retries are gone").isEqualTo(0);
        clock.advance(Duration.ofSeconds(5));
        budget.firstAttempt();
        budget.firstAttempt();
        assertThat(retriesAllowed(budget)).as("everything before is gone").isEqualTo(1);
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new RetryBudget("b", Double.NaN, Duration.ofSeconds(1), 0, clock))
                .hasMessage("[sturdy:retry-budget-ratio] sturdy.retry-budgets.b.ratio on @Retry(budget = \"b\"): must be a number"
                        + " >= 0, but was NaN");
        assertThatThrownBy(() -> new RetryBudget("b", 0.1, Duration.ZERO, 0, clock))
                .hasMessage("[sturdy:retry-budget-window] sturdy.retry-budgets.b.window on @Retry(budget = \"b\"): must be a"
                        + " duration > 0, but was PT0S");
        assertThatThrownBy(() -> new RetryBudget("b", 0.1, Duration.ofSeconds(1), -1, clock))
                .hasMessage("[sturdy:retry-budget-min-per-second] sturdy.retry-budgets.b.min-per-second on @Retry(budget ="
                        + " \"b\"): must be a number >= 0, but was -1.0");
    }

    private static int retriesAllowed(RetryBudget budget) {
        int allowed = 0;
        while (budget.tryRetry()) {
            allowed++;
        }
        return allowed;
    }
}
