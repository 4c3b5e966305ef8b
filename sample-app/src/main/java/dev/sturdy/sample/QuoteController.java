package dev.sturdy.sample;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.concurrent.CompletableFuture;

/** {@code GET /quotes/{symbol}} (blocking) and {@code GET /quotes/{symbol}/async}. */
@Controller("/quotes")
public class QuoteController {

    private final QuoteService quotes;

    public QuoteController(QuoteService quotes) {
        this.quotes = quotes;
    }

    @Get("/{symbol}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Quote quote(String symbol) throws Exception {
        return quotes.quote(symbol);
    }

    @Get("/{symbol}/async")
    public CompletableFuture<Quote> quoteAsync(String symbol) {
        return quotes.quoteAsync(symbol);
    }
}
