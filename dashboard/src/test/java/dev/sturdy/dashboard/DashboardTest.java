package dev.sturdy.dashboard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over HTTP: its page and files come from the application, its stream sends the
 * snapshots kept and then one a second, a breaker's change at once, fan-outs with their progress;
 * bad requests get clear 4xx answers, and clients that leave or crowd in cost no thread and log no
 * error.
 */
@MicronautTest
@Property(name = "endpoints.sturdy.sensitive", value = "false")
class DashboardTest {

    @Inject
    EmbeddedServer server;

    @Inject
    Pricing pricing;

    @Inject
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<StreamReader> readers = new ArrayList<>();

    @BeforeEach
    void watchTheLog() {
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void closeStreams() {
        readers.forEach(StreamReader::close);
        root().detachAppender(logged);
        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void thePageAndEverythingItLoadsAreServedByTheApplication() throws Exception {
        HttpResponse<String> page = get("/sturdy/dashboard");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.body()).contains("src=\"uPlot.iife.min.js\"", "src=\"dashboard.js\"").doesNotContain("http:", "https:");
        for (String file : List.of("dashboard.js", "dashboard.css", "uPlot.iife.min.js", "uPlot.min.css")) {
            HttpResponse<String> loaded = get("/sturdy/" + file);
            assertThat(loaded.statusCode()).as(file).isEqualTo(200);
            assertThat(loaded.body()).as(file).isNotBlank();
        }
    }

    @Test
    void anUnknownPageIsNotFoundAndTheAnswerSaysWhereTheDashboardIs() throws Exception {
        HttpResponse<String> missing = get("/sturdy/dashbord");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("nothing at /sturdy/dashbord", "/sturdy/dashboard", "/sturdy/stream");
    }

    @Test
    void aClientGetsTheSnapshotsKeptThenOneEverySecondWithEveryPolicy() throws Exception {
        pricing.quote("ACME");
        StreamReader stream = stream();

        assertThat(stream.next("history").data()).startsWith("[");
        Map<String, Object> snapshot = read(stream.next("snapshot"));

        assertThat(names(snapshot, "circuitBreakers")).contains("pricing");
        assertThat(names(snapshot, "bulkheads")).contains("pricing");
        assertThat(names(snapshot, "rateLimits")).contains("partner");
        assertThat(snapshot).containsEntry("methodsMeasured", true);
        Map<String, Object> quote = rowOf(snapshot, "methods", "method", "Pricing#quote");
        assertThat(((Number) quote.get("calls")).longValue()).isPositive();
    }

    @Test
    void aBreakerChangeIsSentAsSoonAsItHappens() throws Exception {
        StreamReader stream = stream();
        stream.next("snapshot");

        assertThat(post("/sturdy/pricing", "{\"action\":\"open\"}").statusCode()).isEqualTo(200);
        try {
            Map<String, Object> change = read(stream.next("breaker"));
            assertThat(change).containsEntry("name", "pricing").containsEntry("to", "OPEN");
        } finally {
            post("/sturdy/pricing", "{\"action\":\"reset\"}");
        }
    }

    @Test
    void aFanoutIsShownWithItsProgressUntilItHasEnded() throws Exception {
        StreamReader stream = stream();
        List<String> symbols = IntStream.range(0, 95).mapToObj(i -> "S" + i).toList();

        assertThat(pricing.quotes(symbols)).hasSize(95);

        StreamReader.Sent done = stream.next("a snapshot with the fan-out done", event -> event.name().equals("snapshot")
                && event.data().contains("\"state\":\"done\""));
        Map<String, Object> fanout = rowOf(read(done), "fanouts", "method", "Pricing#quotes");
        assertThat(fanout).containsEntry("done", 95).containsEntry("total", 95).containsEntry("failed", 0)
                .containsEntry("state", "done");
    }

    @Test
    void badRequestsGetClearFourHundredAnswers() throws Exception {
        HttpResponse<String> malformed = post("/sturdy/pricing", "{\"action\": ");
        HttpResponse<String> unknownBreaker = post("/sturdy/no-such-breaker", "{\"action\":\"open\"}");
        HttpResponse<String> unknownAction = post("/sturdy/pricing", "{\"action\":\"explode\"}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(unknownBreaker.statusCode()).isEqualTo(404);
        assertThat(unknownBreaker.body()).contains("no circuit breaker named no-such-breaker", "pricing");
        assertThat(unknownAction.statusCode()).isEqualTo(400);
        assertThat(unknownAction.body()).contains("open", "close", "reset", "explode");
    }

    @Test
    void aClientThatLeavesInTheMiddleOfAnEventLeavesNoErrorBehind() throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /sturdy/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(64)).hasSize(64); // the headers and the start of the history, then gone
        }
        StreamReader other = stream();
        other.next("snapshot");
        other.next("snapshot"); // by now the server has written to the connection that left
    }

    @Test
    void twoHundredClientsAreServedWithoutAThreadEach() throws Exception {
        long threadsBefore = applicationThreads();
        List<StreamReader> crowd = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            crowd.add(stream());
        }
        for (StreamReader client : crowd) {
            client.next("snapshot");
        }

        assertThat(applicationThreads() - threadsBefore).as("the application's threads added for 200 clients").isLessThan(20);
    }

    /** @return the threads of this JVM but the test's own HTTP client's */
    private static long applicationThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !thread.getName().startsWith("HttpClient-")).count();
    }

    private StreamReader stream() {
        StreamReader reader = new StreamReader(http, URI.create(server.getURL() + "/sturdy/stream"));
        readers.add(reader);
        return reader;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(StreamReader.Sent event) throws IOException {
        return json.readValue(event.data(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Map<String, Object> snapshot, String policies) {
        return ((List<Map<String, Object>>) snapshot.get(policies)).stream().map(policy -> policy.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rowOf(Map<String, Object> snapshot, String list, String key, String value) {
        return ((List<Map<String, Object>>) snapshot.get(list)).stream().filter(row -> value.equals(row.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + snapshot.get(list)));
    }
}
