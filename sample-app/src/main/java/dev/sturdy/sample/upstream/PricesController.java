package dev.sturdy.sample.upstream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /prices/{symbol}}: a price, after the knobs' latency, or a 503 for the share of calls
 * that fail; {@code GET /knobs} and {@code PUT /knobs} read and change how the upstream behaves.
 */
@Controller
@Requires(env = Upstream.ENVIRONMENT)
public class PricesController {

    private final Knobs knobs;

    public PricesController(Knobs knobs) {
        this.knobs = knobs;
    }

    @Get("/prices/{symbol}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public BigDecimal price(String symbol) throws InterruptedException {
        Knobs.Settings now = knobs.settings();
        double roll = ThreadLocalRandom.current().nextDouble();
        Thread.sleep(now.latency().toMillis());
        if (roll < now.failureRate()) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "upstream refused the call for " + symbol);
        }
        if (roll < now.failureRate() + now.slowRate()) {
            Thread.sleep(now.slowness().toMillis());
        }
        return BigDecimal.valueOf(Math.abs(symbol.hashCode() % 10_000), 2).setScale(2, RoundingMode.HALF_UP);
    }

    @Get("/knobs")
    public Map<String, Object> knobs() {
        return knobs.settings().shown();
    }

    /** @return the settings now in force; 400 naming the value out of range, and nothing changed */
    @Put("/knobs")
    public Map<String, Object> change(@Body Knobs.Change change) {
        try {
            return knobs.change(change).shown();
        } catch (IllegalArgumentException outOfRange) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, outOfRange.getMessage());
        }
    }
}
