package dev.sturdy.sample;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * {@code GET /upstream/prices/{symbol}}: the {@link FlakySource} served over HTTP, as a remote
 * pricing API would be. A failed call answers 503; a slow one answers late. {@link PriceClient}
 * calls it.
 */
@Controller("/upstream/prices")
public class UpstreamController {

    private final FlakySource source;

    public UpstreamController(FlakySource source) {
        this.source = source;
    }

    @Get("/{symbol}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public BigDecimal price(String symbol) throws InterruptedException {
        try {
            return source.price(symbol);
        } catch (IOException failure) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
        }
    }
}
