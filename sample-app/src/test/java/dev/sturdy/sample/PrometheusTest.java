package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code /prometheus} serves Sturdy's meters, and every metric the Grafana dashboard in
 * {@code grafana/} queries is one that it serves (those of the policies this app does not use,
 * bulkheads and adaptive limits, and the timeouts it had none of here, aside).
 */
@MicronautTest
@Property(name = "endpoints.sturdy.sensitive", value = "false")
@Property(name = "sample.flaky.failure-rate", value = "1")
@Property(name = "sample.flaky.slow-rate", value = "0")
class PrometheusTest {

    private static final Set<String> NOT_IN_THIS_APP = Set.of("sturdy_bulkhead_running", "sturdy_bulkhead_waiting",
            "sturdy_limit_current", "sturdy_limit_in_flight", "sturdy_timeouts_total");

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsServed() throws Exception {
        client.toBlocking().retrieve("/quotes/ACME", Quote.class); // retried, then the fallback
        client.toBlocking().retrieve("/quotes/ACME/reactive", Quote.class);
        catchThrowable(() -> client.toBlocking().retrieve("/quotes/index?size=30")); // its chunks fail
        client.toBlocking().exchange(HttpRequest.POST("/sturdy/pricing", Map.of("action", "open")));
        client.toBlocking().exchange(HttpRequest.POST("/sturdy/pricing", Map.of("action", "reset")));

        String scraped = client.toBlocking().retrieve("/prometheus");

        assertThat(scraped).contains("sturdy_calls_seconds_count{", "method=\"QuoteService#quote\"");
        Set<String> queried = new TreeSet<>();
        Matcher metric = Pattern.compile("sturdy_[a-z_]+").matcher(Files.readString(Path.of("grafana", "sturdy-dashboard.json")));
        while (metric.find()) {
            queried.add(metric.group());
        }
        assertThat(queried).hasSizeGreaterThan(10);
        assertThat(queried).filteredOn(name -> !NOT_IN_THIS_APP.contains(name))
                .allSatisfy(name -> assertThat(scraped).as("/prometheus serves " + name).contains(name + "{"));
    }
}
