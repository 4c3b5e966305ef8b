package dev.sturdy.sample;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** By default /sturdy is sensitive: an anonymous caller can neither read it nor force a breaker. */
@MicronautTest
class SensitiveEndpointTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void anonymousCallersAreTurnedAway() {
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.GET("/sturdy")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode())
                        .isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/sturdy/pricing", Map.of("action", "open"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode())
                        .isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
    }
}
