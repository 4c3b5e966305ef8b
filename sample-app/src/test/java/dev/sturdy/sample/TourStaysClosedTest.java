package dev.sturdy.sample;

import dev.sturdy.annotation.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's tour of the sample calls {@code /quotes/ACME} a few times and then the async and
 * fan-out endpoints, expecting live quotes and fallbacks mixed: the {@code pricing} breaker must
 * not open on the sample's own flakiness. With the settings as shipped (the breaker's annotation,
 * the failure and hang rates in {@code application.yml}), the chance that one full window of
 * attempts has enough failures to open it is computed exactly, and must stay below one in a
 * thousand. (The README says how to open it on purpose.)
 */
class TourStaysClosedTest {

    @Test
    void theSamplesOwnFlakinessDoesNotOpenThePricingBreaker() throws Exception {
        CircuitBreaker breaker = QuoteService.class.getMethod("quote", String.class).getAnnotation(CircuitBreaker.class);
        Map<String, Object> flaky = flakySettings();
        // a hang fails too: the attempt's timeout ends it
        double attemptFails = ((Number) flaky.get("failure-rate")).doubleValue()
                + ((Number) flaky.get("slow-rate")).doubleValue();
        int needed = (int) Math.ceil(breaker.failureRatio() * breaker.window());

        double opens = atLeast(needed, breaker.window(), attemptFails);

        assertThat(opens).as("chance that a window of %d attempts, each failing with %.2f, has %d failures",
                breaker.window(), attemptFails, needed).isLessThan(0.001);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flakySettings() throws IOException {
        try (InputStream yml = TourStaysClosedTest.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> config = new Yaml().load(yml);
            return (Map<String, Object>) ((Map<String, Object>) config.get("sample")).get("flaky");
        }
    }

    /** @return P(X >= k) for X ~ Binomial(n, p) */
    private static double atLeast(int k, int n, double p) {
        double total = 0;
        for (int i = k; i <= n; i++) {
            total += choose(n, i) * Math.pow(p, i) * Math.pow(1 - p, n - i);
        }
        return total;
    }

    private static double choose(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
