package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every upstream call hangs for a minute; each attempt is cut at 100ms and the fallback answers. */
@MicronautTest
@Property(name = "sample.flaky.failure-rate", value = "0")
@Property(name = "sample.flaky.slow-rate", value = "1")
@Property(name = "sample.flaky.slowness", value = "60s")
@Property(name = "sample.quote.timeout", value = "100ms")
class HangingUpstreamTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answersWithAFallbackOnceEveryAttemptTimedOut() {
        Quote quote = client.toBlocking().retrieve("/quotes/ACME", Quote.class);

        assertThat(quote.source()).isEqualTo("fallback");
        assertThat(quote.note()).isEqualTo("TimeoutExceededException: QuoteService#quote did not finish within 100ms");
    }
}
