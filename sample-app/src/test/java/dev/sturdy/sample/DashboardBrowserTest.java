package dev.sturdy.sample;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import reactor.core.publisher.Mono;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: the sample app and its upstream run, traffic opens the
 * {@code pricing} breaker and the page shows it OPEN within two seconds, the call counters move,
 * and a fan-out's progress bar advances and completes. Saves {@code target/dashboard.png}.
 */
@MicronautTest
@Property(name = "endpoints.sturdy.sensitive", value = "false")
@Property(name = "sample.flaky.failure-rate", value = "0")
@Property(name = "sample.flaky.slow-rate", value = "0")
class DashboardBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    UpstreamLocation upstream;

    private ChromeDriver browser;

    @BeforeEach
    void openTheDashboard() {
        browser = Chromium.start();
        browser.get(server.getURL() + "/sturdy/dashboard");
        waitUpTo(Duration.ofSeconds(10)).until(page -> text("#connection").equals("live"));
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheBreakerOpenTheCountersMovingAndAFanoutsProgress() throws Exception {
        // a failing upstream: every quote is retried three times, and the seventh call finds the breaker open
        knobs(Map.of("failureRate", 1.0));
        String note = "";
        for (int call = 0; call < 20 && !note.startsWith("CircuitOpenException"); call++) {
            note = client.toBlocking().retrieve("/quotes/ACME", Quote.class).note();
        }
        assertThat(note).startsWith("CircuitOpenException: circuit breaker pricing is OPEN");
        waitUpTo(Duration.ofSeconds(2)).until(page -> text("[data-breaker='pricing'] .state").equals("OPEN"));

        long calls = waitUpTo(Duration.ofSeconds(5)).until(page -> positive(number("[data-method='QuoteService#quote'] .calls")));
        client.toBlocking().retrieve("/quotes/ACME", Quote.class); // answered by the fallback, the breaker open
        waitUpTo(Duration.ofSeconds(5)).until(page -> number("[data-method='QuoteService#quote'] .calls") > calls);

        // a healthy but slow upstream, and a fan-out over 400 symbols, 8 at a time, while the breaker stays open
        knobs(Map.of("failureRate", 0.0, "latency", "60ms"));
        String symbols = IntStream.range(0, 400).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        CompletableFuture<Quote[]> fanout = Mono.from(client.retrieve(HttpRequest.GET("/quotes?symbols=" + symbols),
                Quote[].class)).toFuture();
        By running = By.cssSelector("[data-fanout][data-state='running'] progress");
        waitUpTo(PATIENCE).until(page -> !page.findElements(running).isEmpty() && value(page.findElement(running)) > 0);
        long before = waitUpTo(PATIENCE).until(page -> positive(value(page.findElement(running))));
        screenshot();
        waitUpTo(PATIENCE).until(page -> page.findElements(running).isEmpty() || value(page.findElement(running)) > before);

        assertThat(fanout.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasSize(400);
        By done = By.cssSelector("[data-fanout][data-state='done'] progress");
        waitUpTo(Duration.ofSeconds(5)).until(page -> !page.findElements(done).isEmpty());
        String completed = waitUpTo(Duration.ofSeconds(5)).until(page -> page.findElement(done).getDomAttribute("value")
                + " of " + page.findElement(done).getDomAttribute("max"));
        assertThat(completed).isEqualTo("400 of 400");
    }

    private void knobs(Map<String, Object> change) {
        String knobs = upstream.getInstances().get(0).getURI() + "/knobs";
        client.toBlocking().exchange(HttpRequest.PUT(knobs, change));
    }

    /** @return a wait that reads the page again when it redrew what it was reading (every second) */
    private WebDriverWait waitUpTo(Duration time) {
        WebDriverWait wait = new WebDriverWait(browser, time, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** @return {@code value} when it is above zero, else {@code null}: a wait goes on */
    private static Long positive(long value) {
        return value > 0 ? value : null;
    }

    private String text(String css) {
        return browser.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse("");
    }

    private long number(String css) {
        String shown = text(css).replace(",", "");
        return shown.isEmpty() ? 0 : Long.parseLong(shown);
    }

    private static long value(WebElement progress) {
        return Math.round(Double.parseDouble(progress.getDomProperty("value")));
    }

    private void screenshot() throws Exception {
        Path saved = Path.of("target", "dashboard.png");
        Files.createDirectories(saved.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
    }
}
