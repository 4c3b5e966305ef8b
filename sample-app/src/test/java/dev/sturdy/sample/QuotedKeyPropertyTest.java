package dev.sturdy.sample;

import dev.sturdy.runtime.time.ManualClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A per-method key written in {@code @Property} the way the README and Sturdy's messages print it,
 * with the quotes, takes effect: one attempt, so no retry delay passes on the test clock.
 */
@MicronautTest
@Property(name = "sturdy.clock", value = "manual")
@Property(name = "sample.flaky.failure-rate", value = "1")
@Property(name = "sturdy.methods.\"dev.sturdy.sample.QuoteService#quote\".retry.max-attempts", value = "1")
class QuotedKeyPropertyTest {

    @Inject
    QuoteService quotes;

    @Inject
    ManualClock clock;

    @Test
    void theQuotedKeyInPropertyIsApplied() throws Exception {
        assertThat(quotes.quote("ACME").source()).isEqualTo("fallback");
        assertThat(clock.nanoTime()).as("no retry waited").isZero();
    }
}
