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

/** The operator's view over HTTP: the /sturdy endpoint (opened up for this test), health and metrics. */
@MicronautTest
@Property(name = "endpoints.sturdy.sensitive", value = "false")
@Property(name = "sample.flaky.failure-rate", value = "0")
@Property(name = "sample.flaky.slow-rate", value = "0")
class OperationsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void forcingTheBreakerOpenMakesCallsFallBackAndShowsInHealth() {
        assertThat(client.toBlocking().retrieve("/quotes/ACME", Quote.class).source()).isEqualTo("live");

        Map<String, Object> forced = client.toBlocking().retrieve(HttpRequest.POST("/sturdy/pricing", Map.of("action", "open")),
                Argument.mapOf(String.class, Object.class));
        assertThat(forced).containsEntry("state", "OPEN").containsEntry("forced", true);

        Quote quote = client.toBlocking().retrieve("/quotes/ACME", Quote.class);
        assertThat(quote.source()).isEqualTo("fallback");
        assertThat(quote.note()).startsWith("CircuitOpenException: circuit breaker pricing is OPEN (forced by an operator)");
        assertThat(client.toBlocking().retrieve("/health", String.class)).contains("\"openCircuitBreakers\":[\"pricing\"]");

        client.toBlocking().retrieve(HttpRequest.POST("/sturdy/pricing", Map.of("action", "reset")), String.class);
        assertThat(client.toBlocking().retrieve("/quotes/ACME", Quote.class).source()).isEqualTo("live");
    }

    @Test
    void theEndpointListsEveryPolicyWithItsCounters() {
        client.toBlocking().retrieve("/quotes/ACME", Quote.class);

        Map<String, Object> status = client.toBlocking().retrieve(HttpRequest.GET("/sturdy"),
                Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> breakers = (List<Map<String, Object>>) status.get("circuitBreakers");

        assertThat(breakers).extracting(breaker -> breaker.get("name")).containsExactlyInAnyOrder("pricing", "upstream");
        assertThat(status.get("chaos")).isEqualTo(Map.of("enabled", false, "methods", List.of()));
        assertThat(breakers).filteredOn(breaker -> breaker.get("name").equals("pricing"))
                .singleElement().satisfies(breaker -> assertThat(breaker).containsEntry("state", "CLOSED")
                        .containsEntry("delay", "10s").containsEntry("window", 20).containsEntry("callsInWindow", 1));
    }

    @Test
    void callsAreCountedInMetrics() {
        client.toBlocking().retrieve("/quotes/ACME", Quote.class);

        String calls = client.toBlocking()
                .retrieve("/metrics/sturdy.calls?tag=method:QuoteService%23quote&tag=outcome:success", String.class);
        assertThat(calls).contains("\"name\":\"sturdy.calls\"").contains("COUNT");
    }

    @Test
    void anUnknownBreakerOrActionIsAClearClientError() {
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/sturdy/nope", Map.of("action", "open"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/sturdy/pricing", Map.of("action", "explode"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode()));
    }
}
