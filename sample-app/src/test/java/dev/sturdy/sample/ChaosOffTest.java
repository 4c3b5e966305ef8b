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

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without {@code sturdy.chaos.enabled: true}, even an authenticated operator cannot turn fault injection on. */
@MicronautTest
@Property(name = "sample-test.operator", value = "true")
@Property(name = "sample.flaky.failure-rate", value = "0")
@Property(name = "sample.flaky.slow-rate", value = "0")
class ChaosOffTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void aRequestAloneNeverTurnsFaultInjectionOn() {
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/sturdy/chaos/QuoteService%23quote",
                Map.of("faultRate", 1)), Argument.STRING, Argument.STRING))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
                    assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(text -> assertThat(text)
                            .contains("fault injection is off"));
                });
        assertThat(client.toBlocking().retrieve("/quotes/ACME", Quote.class).source()).isEqualTo("live");
    }
}
