package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.management.endpoint.EndpointSensitivityHandler;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator changes fault injection through {@code POST /sturdy/chaos/{method}}. Micronaut
 * Security, when present, decides who may call a sensitive operation; this test stands in for it
 * with an {@link EndpointSensitivityHandler} that lets every request through, as security would
 * for an authenticated operator.
 */
@MicronautTest(environments = "chaos")
@Property(name = "sample-test.operator", value = "true")
class ChaosOperatorTest {

    @Inject
    @Client("/")
    HttpClient client;

    private Map<String, Object> post(String method, Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/sturdy/chaos/" + method, body),
                Argument.mapOf(String.class, Object.class));
    }

    @Test
    void anOperatorTurnsFaultsIntoLatencyAndThenOff() {
        Map<String, Object> slow = post("QuoteService%23quote", Map.of("faultRate", 0, "latency", "20ms", "latencyRate", 0.5));
        assertThat(slow).containsEntry("method", "dev.sturdy.sample.QuoteService#quote").containsEntry("faultRate", 0.0)
                .containsEntry("latency", "20ms").containsEntry("latencyRate", 0.5)
                .containsEntry("exception", "io.micronaut.http.client.exceptions.HttpClientException");

        client.toBlocking().retrieve(HttpRequest.POST("/sturdy/pricing", Map.of("action", "reset")), String.class);
        assertThat(client.toBlocking().retrieve("/quotes/ACME", Quote.class).source()).isEqualTo("live");

        assertThat(post("dev.sturdy.sample.QuoteService%23quote", Map.of("action", "off")))
                .containsEntry("injecting", false);
    }

    @Test
    void badRequestsAreClearClientErrors() {
        assertStatus("QuoteService%23quote", Map.of("faultRate", "2"), HttpStatus.BAD_REQUEST,
                "[sturdy:chaos-fault-rate] faultRate on QuoteService#quote: must be a number >= 0 and <= 1, but was \\\"2\\\"");
        assertStatus("QuoteService%23quote", Map.of("exception", "com.acme.Nope"), HttpStatus.BAD_REQUEST,
                "must name an exception class on the class path");
        assertStatus("QuoteService%23quote", Map.of(), HttpStatus.BAD_REQUEST, "send any of faultRate");
        assertStatus("QuoteService%23nope", Map.of("action", "off"), HttpStatus.NOT_FOUND, "no method QuoteService#nope");
    }

    private void assertStatus(String method, Map<String, Object> body, HttpStatus status, String message) {
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/sturdy/chaos/" + method, body), Argument.STRING,
                Argument.STRING))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
                    assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(text -> assertThat(text)
                            .contains(message));
                });
    }

    /** Stands in for Micronaut Security having authenticated the caller as an operator. */
    @Singleton
    @Requires(property = "sample-test.operator", value = "true")
    static class AuthenticatedOperator implements EndpointSensitivityHandler {
    }
}
