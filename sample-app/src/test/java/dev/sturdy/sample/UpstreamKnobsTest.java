package dev.sturdy.sample;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in upstream's knobs: changed while it runs, and a value out of range is refused, naming it, changing nothing. */
@MicronautTest
class UpstreamKnobsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    UpstreamLocation upstream;

    @Test
    void aChangeTakesEffectAndABadValueIsRefusedChangingNothing() {
        String knobs = upstream.getInstances().get(0).getURI() + "/knobs";

        String changed = client.toBlocking().retrieve(HttpRequest.PUT(knobs, Map.of("failureRate", 1, "latency", "20ms")));
        assertThat(changed).contains("\"failureRate\":1.0", "\"latency\":\"20ms\"");
        assertThat(client.toBlocking().retrieve("/quotes/ACME", Quote.class).source()).isEqualTo("fallback");

        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.PUT(knobs, Map.of("failureRate", 0, "slowRate", 2))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, refused -> {
                    assertThat(refused.getStatus().getCode()).isEqualTo(400);
                    assertThat(refused.getResponse().getBody(String.class).orElse(""))
                            .contains("slowRate must be from 0 to 1, but was 2.0");
                });
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.PUT(knobs, Map.of("latency", "soon"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, refused -> assertThat(refused.getResponse()
                        .getBody(String.class).orElse(""))
                        .contains("latency must be a duration such as 20ms or 2s, but was \\\"soon\\\""));
        assertThat(client.toBlocking().retrieve(HttpRequest.GET(knobs))).as("nothing changed")
                .contains("\"failureRate\":1.0", "\"latency\":\"20ms\"", "\"slowRate\":0.1");
    }
}
