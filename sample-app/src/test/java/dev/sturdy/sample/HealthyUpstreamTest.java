package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.StreamingHttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
@Property(name = "sample.flaky.failure-rate", value = "0")
@Property(name = "sample.flaky.slow-rate", value = "0")
class HealthyUpstreamTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    @Client("/")
    StreamingHttpClient streaming;

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

    @Test
    void streamsAWholeIndexInItsOrderFannedOutOverALazySource() {
        List<Quote> quotes = Flux.from(streaming.jsonStream(HttpRequest.GET("/quotes/index?size=60"), Quote.class))
                .collectList().block(Duration.ofSeconds(30));

        assertThat(quotes).extracting(Quote::symbol).containsExactlyElementsOf(QuoteStreamService.index(60));
        assertThat(quotes).allSatisfy(quote -> assertThat(quote.source()).isEqualTo("live"));
    }

    @Test
    void refusesAnIndexSizeOutOfRange() {
        assertThatThrownBy(() -> client.toBlocking().retrieve("/quotes/index?size=0"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, refused -> {
                    assertThat(refused.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                    assertThat(refused.getResponse().getBody(String.class).orElse(""))
                            .contains("size must be from 1 to 100000, but was 0");
                });
    }
}
