package dev.sturdy.dashboard;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.management.endpoint.annotation.Selector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /sturdy/dashboard}, the page, its scripts and styles (served from this jar: the page
 * loads nothing from elsewhere), and {@code GET /sturdy/stream}, the server-sent events that feed
 * it. Part of the {@code sturdy} endpoint, so {@code endpoints.sturdy.sensitive} and
 * {@code endpoints.sturdy.enabled} apply to it as to {@code /sturdy} itself.
 */
@Endpoint(id = "sturdy", defaultSensitive = true)
final class DashboardEndpoint {

    private static final String STREAM = "stream";
    private static final MediaType SCRIPT = MediaType.of("text/javascript");

    private final DashboardFeed feed;
    private final Map<String, Asset> assets = new TreeMap<>();

    DashboardEndpoint(DashboardFeed feed) {
        this.feed = feed;
        asset("dashboard", "dashboard.html", MediaType.TEXT_HTML_TYPE);
        asset("dashboard.js", "dashboard.js", SCRIPT);
        asset("dashboard.css", "dashboard.css", MediaType.of("text/css"));
        asset("uPlot.iife.min.js", "uPlot.iife.min.js", SCRIPT);
        asset("uPlot.min.css", "uPlot.min.css", MediaType.of("text/css"));
    }

    /** A page or file of the dashboard, or the stream. */
    private record Asset(byte[] content, MediaType type) {
    }

    @Read(produces = {MediaType.TEXT_HTML, MediaType.TEXT_EVENT_STREAM, "text/javascript", "text/css"})
    HttpResponse<?> dashboard(@Selector String view) {
        if (STREAM.equals(view)) {
            return HttpResponse.ok(feed.events()).contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        Asset asset = assets.get(view);
        if (asset == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "nothing at /sturdy/" + view + "; the dashboard is at "
                    + "/sturdy/dashboard, its data at /sturdy/" + STREAM + ", and its files are " + assets.keySet());
        }
        return HttpResponse.ok(asset.content()).contentType(asset.type()).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private void asset(String name, String file, MediaType type) {
        String path = "META-INF/sturdy-dashboard/" + file;
        try (InputStream in = DashboardEndpoint.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("sturdy-dashboard's jar has no " + path + ": rebuild it");
            }
            assets.put(name, new Asset(in.readAllBytes(), type));
        } catch (IOException failure) {
            throw new UncheckedIOException("reading " + path + " from sturdy-dashboard's jar", failure);
        }
    }
}
