package dev.sturdy.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** With the sturdy endpoint disabled there is no dashboard: no page, no stream, nothing sampled. */
@MicronautTest
@Property(name = "endpoints.sturdy.enabled", value = "false")
class DashboardOffTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    @Test
    void nothingIsServedAndNothingSampled() throws Exception {
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURL() + "/sturdy/dashboard")).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(context.containsBean(DashboardFeed.class)).isFalse();
    }
}
