package dev.sturdy.sample;

import dev.sturdy.sample.upstream.Upstream;
import io.micronaut.context.annotation.Requires;
import dev.sturdy.exception.CircuitOpenException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /quotes/{symbol}} (blocking), {@code GET /quotes/{symbol}/async}, {@code GET
 * /quotes/{symbol}/reactive} (through the HTTP {@link PriceClient}), {@code GET /quotes?symbols=A,B,C}
 * (many at once, fanned out), and {@code GET /quotes/index?size=N} (a whole index, streamed).
 */
@Controller("/quotes")
@Requires(notEnv = Upstream.ENVIRONMENT)
public class QuoteController {

    private final QuoteService quotes;
    private final ReactiveQuoteService reactiveQuotes;
    private final QuoteStreamService quoteStream;

    public QuoteController(QuoteService quotes, ReactiveQuoteService reactiveQuotes, QuoteStreamService quoteStream) {
        this.quotes = quotes;
        this.reactiveQuotes = reactiveQuotes;
        this.quoteStream = quoteStream;
    }

    /**
     * @param size how many symbols of the index to price (1 to 100000)
     * @return their quotes, one JSON document per line, streamed as they are priced
     */
    @Get(value = "/index{?size}", produces = MediaType.APPLICATION_JSON_STREAM)
    public Flux<Quote> index(@QueryValue(defaultValue = "200") int size) {
        if (size < 1 || size > 100_000) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "size must be from 1 to 100000, but was " + size);
        }
        // a stream has no fallback: an upstream that kept failing is a 502, a breaker that let nothing through a 503
        return quoteStream.quotes(QuoteStreamService.index(size))
                .onErrorMap(CircuitOpenException.class, open -> new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        open.getMessage()))
                .onErrorMap(HttpClientException.class, failed -> new HttpStatusException(HttpStatus.BAD_GATEWAY,
                        "the pricing upstream failed: " + failed.getMessage()));
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
