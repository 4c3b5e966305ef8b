package dev.sturdy.dashboard;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard is as sensitive as /sturdy: by default an anonymous caller sees neither the page nor the stream. */
@MicronautTest
class SensitiveDashboardTest {

    @Inject
    EmbeddedServer server;

    @Test
    void anonymousCallersAreTurnedAwayFromThePageAndTheStream() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/sturdy", "/sturdy/dashboard", "/sturdy/stream", "/sturdy/uPlot.iife.min.js"}) {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
        }
    }
}
