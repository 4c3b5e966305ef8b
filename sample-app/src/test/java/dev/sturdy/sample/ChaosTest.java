package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's fault injection tour: in the {@code chaos} environment every attempt of
 * {@code QuoteService#quote} fails with an injected I/O error, the breaker opens and the fallback
 * answers. Changing what is injected stays sensitive even with the endpoint opened up for reading.
 */
@MicronautTest(environments = "chaos")
@Property(name = "endpoints.sturdy.sensitive", value = "false")
class ChaosTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void injectedFaultsOpenTheBreakerAndTheFallbackAnswers() {
        Quote first = client.toBlocking().retrieve("/quotes/ACME", Quote.class);
        assertThat(first.source()).isEqualTo("fallback");
        assertThat(first.note()).isEqualTo("HttpClientException: Sturdy chaos: fault injected into QuoteService#quote");

        // three attempts a call: the window of 20 fills, and the breaker opens, within seven calls
        Quote last = first;
        for (int call = 0; call < 7; call++) {
            last = client.toBlocking().retrieve("/quotes/ACME", Quote.class);
        }
        assertThat(last.source()).isEqualTo("fallback");
        assertThat(last.note()).startsWith("CircuitOpenException: circuit breaker pricing is OPEN");

        Map<String, Object> status = client.toBlocking().retrieve(HttpRequest.GET("/sturdy"),
                Argument.mapOf(String.class, Object.class));
        assertThat(status.get("chaos")).isEqualTo(Map.of("enabled", true, "methods", List.of(Map.of(
                "method", "dev.sturdy.sample.QuoteService#quote", "injecting", true, "faultRate", 1.0,
                "exception", "io.micronaut.http.client.exceptions.HttpClientException", "latency", "0ms", "latencyRate", 1.0))));
        assertThat(client.toBlocking().retrieve("/metrics/sturdy.chaos.injected?tag=kind:fault", String.class))
                .contains("\"name\":\"sturdy.chaos.injected\"");
    }

    @Test
    void anAnonymousRequestCannotChangeFaultInjectionEvenWithTheEndpointOpen() {
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/sturdy/chaos/QuoteService%23quote",
                Map.of("action", "off"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode())
                        .isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
    }
}
