package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
@Property(name = "sample.flaky.failure-rate", value = "1")
class BrokenUpstreamTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void stillAnswersWithAFallbackQuoteAfterRetrying() {
        Quote quote = client.toBlocking().retrieve("/quotes/ACME", Quote.class);

        assertThat(quote.source()).isEqualTo("fallback");
        assertThat(quote.price()).isNull();
        assertThat(quote.note()).startsWith("HttpClientResponseException: Service Unavailable");
    }

    @Test
    void marksEverySymbolUnavailableWhenAllFail() {
        Quote[] quotes = client.toBlocking().retrieve("/quotes?symbols=ACME,GLOBEX", Quote[].class);

        assertThat(quotes).extracting(Quote::symbol).containsExactly("ACME", "GLOBEX");
        assertThat(quotes).allSatisfy(quote -> {
            assertThat(quote.source()).isEqualTo("fallback");
            assertThat(quote.note()).startsWith("HttpClientResponseException: Service Unavailable");
        });
    }

    @Test
    void stillAnswersWithAFallbackQuoteAsynchronously() {
        Quote quote = client.toBlocking().retrieve("/quotes/ACME/async", Quote.class);

        assertThat(quote.source()).isEqualTo("fallback");
        assertThat(quote.note()).startsWith("HttpClientResponseException: Service Unavailable");
    }

    @Test
    void stillAnswersWithAFallbackQuoteAfterRetryingTheReactiveHttpCall() {
        Quote quote = client.toBlocking().retrieve("/quotes/ACME/reactive", Quote.class);

        assertThat(quote.source()).isEqualTo("fallback");
        assertThat(quote.note()).isEqualTo("HttpClientResponseException: Service Unavailable");
    }

    @Test
    void aStreamedIndexWhoseUpstreamKeepsFailingAnswersBadGateway() {
        assertThatThrownBy(() -> client.toBlocking().retrieve("/quotes/index?size=30"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, failed -> {
                    assertThat(failed.getStatus().getCode()).isEqualTo(502);
                    assertThat(failed.getResponse().getBody(String.class).orElse(""))
                            .startsWith("the pricing upstream failed: Service Unavailable");
                });
    }
}
