package dev.sturdy.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Drives traffic at a running sample app so that its dashboard moves: about 25 quotes a second
 * over the sync, async and reactive endpoints, a fan-out and a streamed index every ten seconds,
 * and every minute a 15-second outage of the upstream (its failure rate turned up through
 * {@code PUT /knobs}), which opens the breakers; then calm again. At most 16 requests are in
 * flight. Runs until stopped.
 *
 * <p>{@code ./mvnw -q -pl sample-app -am -DskipTests package exec:java -Dexec.mainClass=dev.sturdy.sample.Load},
 * with the app's and the upstream's URLs as optional arguments (default {@code http://localhost:8080}
 * and {@code http://localhost:8090}). It leaves the upstream as it last set it.
 */
public final class Load {

    private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI", "STARK", "WAYNE"};
    private static final String[] PATHS = {"/quotes/%s", "/quotes/%s/async", "/quotes/%s/reactive"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(16);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final String app;
    private final String upstream;

    private Load(String app, String upstream) {
        this.app = app;
        this.upstream = upstream;
    }

    public static void main(String[] args) throws InterruptedException {
        new Load(args.length > 0 ? args[0] : "http://localhost:8080", args.length > 1 ? args[1] : "http://localhost:8090").run();
    }

    private void run() throws InterruptedException {
        System.out.println("load on " + app + "; the dashboard: " + app + "/sturdy/dashboard (stop with Ctrl-C)");
        long started = System.nanoTime();
        for (long second = 0; ; second++) {
            if (second % 60 == 0) {
                knobs("{\"failureRate\": 0.01, \"latency\": \"15ms\", \"slowRate\": 0.01}", "calm");
            } else if (second % 60 == 45) {
                knobs("{\"failureRate\": 1.0}", "an outage: every upstream call fails for 15s");
            }
            for (int i = 0; i < 25; i++) {
                String symbol = SYMBOLS[ThreadLocalRandom.current().nextInt(SYMBOLS.length)];
                send(PATHS[i % PATHS.length].formatted(symbol));
            }
            if (second % 10 == 5) {
                send("/quotes?symbols=" + IntStream.range(0, 100).mapToObj(i -> "F" + i).collect(Collectors.joining(",")));
                send("/quotes/index?size=300");
            }
            if (second % 10 == 9) {
                System.out.printf("%ds: %d answered, %d failed%n", second + 1, answered.get(), failed.get());
            }
            // each second starts on the clock's second, however long sending took (a late one starts at once)
            long next = started + TimeUnit.SECONDS.toNanos(second + 1);
            TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
        }
    }

    private void send(String path) throws InterruptedException {
        inFlight.acquire();
        http.sendAsync(HttpRequest.newBuilder(URI.create(app + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    inFlight.release();
                    (failure == null && response.statusCode() < 500 ? answered : failed).incrementAndGet();
                });
    }

    private void knobs(String change, String what) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(upstream + "/knobs"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(change)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println(answer.statusCode() == 200 ? "upstream: " + what + " " + answer.body()
                    : "upstream refused the change (" + answer.statusCode() + "): " + answer.body());
        } catch (IOException unreachable) {
            System.out.println("upstream at " + upstream + " cannot be changed (" + unreachable + "); the load goes on");
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
