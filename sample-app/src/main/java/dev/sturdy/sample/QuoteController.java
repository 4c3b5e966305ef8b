package dev.sturdy.sample;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /quotes/{symbol}} (blocking), {@code GET /quotes/{symbol}/async}, {@code GET
 * /quotes/{symbol}/reactive} (through the HTTP {@link PriceClient}), and
 * {@code GET /quotes?symbols=A,B,C} (many at once, fanned out).
 */
@Controller("/quotes")
public class QuoteController {

    private final QuoteService quotes;
    private final ReactiveQuoteService reactiveQuotes;

    public QuoteController(QuoteService quotes, ReactiveQuoteService reactiveQuotes) {
        this.quotes = quotes;
        this.reactiveQuotes = reactiveQuotes;
    }

    @Get("{?symbols}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public List<Quote> quotes(@QueryValue List<String> symbols) throws Exception {
        return quotes.quotes(symbols);
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

    @Get("/{symbol}/reactive")
    public Mono<Quote> quoteReactive(String symbol) {
        return reactiveQuotes.quote(symbol);
    }
}
