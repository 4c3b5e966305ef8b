package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "sample.flaky.failure-rate", value = "0")
@Property(name = "sample.flaky.slow-rate", value = "0")
class HealthyUpstreamTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answersWithALiveQuote() {
        Quote quote = client.toBlocking().retrieve("/quotes/ACME", Quote.class);

        assertThat(quote.source()).isEqualTo("live");
        assertThat(quote.symbol()).isEqualTo("ACME");
        assertThat(quote.price()).isNotNull();
    }

    @Test
    void pricesManySymbolsInTheOrderAsked() {
        Quote[] quotes = client.toBlocking().retrieve("/quotes?symbols=ACME,GLOBEX,INITECH", Quote[].class);

        assertThat(quotes).extracting(Quote::symbol).containsExactly("ACME", "GLOBEX", "INITECH");
        assertThat(quotes).allSatisfy(quote -> assertThat(quote.source()).isEqualTo("live"));
    }

    @Test
    void answersWithALiveQuoteAsynchronously() {
        Quote quote = client.toBlocking().retrieve("/quotes/ACME/async", Quote.class);

        assertThat(quote.source()).isEqualTo("live");
        assertThat(quote.price()).isNotNull();
    }

    @Test
    void answersWithALiveQuoteFetchedOverHttpByTheReactiveClient() {
        Quote quote = client.toBlocking().retrieve("/quotes/ACME/reactive", Quote.class);

        assertThat(quote.source()).isEqualTo("live");
        assertThat(quote.price()).isNotNull();
    }
}
