package dev.sturdy.sample;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import dev.sturdy.exception.FanoutException;
import dev.sturdy.exception.TimeoutExceededException;
import io.micronaut.http.client.exceptions.HttpClientException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Prices symbols from the pricing upstream, through the HTTP {@link PriceClient}. Each attempt gets
 * {@code sample.quote.timeout}
 * (500ms unless configured), up to three attempts with exponential back-off retry I/O failures and
 * timeouts, a circuit breaker shared by both quote methods stops calling an upstream that keeps
 * failing, and when all that fails the caller still gets an answer, marked as a fallback.
 */
@Singleton
public class QuoteService {

    private final PriceClient upstream;

    public QuoteService(PriceClient upstream) {
        this.upstream = upstream;
    }

    @Retry(maxAttempts = 3, delay = "50ms", retryOn = {HttpClientException.class, TimeoutExceededException.class})
    @CircuitBreaker(name = "pricing", window = 20, failureRatio = 0.8, delay = "5s")
    @Timeout("${sample.quote.timeout:500ms}")
    @Fallback(method = "unavailable")
    public Quote quote(String symbol) {
        return new Quote(symbol, upstream.price(symbol), "live", null);
    }

    @Retry(maxAttempts = 3, delay = "50ms", retryOn = {HttpClientException.class, TimeoutExceededException.class})
    @CircuitBreaker(name = "pricing", window = 20, failureRatio = 0.8, delay = "5s")
    @Timeout("${sample.quote.timeout:500ms}")
    @Fallback(method = "unavailableAsync")
    public CompletableFuture<Quote> quoteAsync(String symbol) {
        return upstream.priceLater(symbol).map(price -> new Quote(symbol, price, "live", null)).toFuture();
    }

    /**
     * Prices many symbols at once: up to 8 upstream calls in flight, each symbol retried and timed
     * on its own. If some symbols still fail, the others keep their live quotes.
     */
    @Fanout(parallelism = 8, errors = FanoutErrors.COLLECT)
    @Retry(maxAttempts = 3, delay = "50ms", retryOn = {HttpClientException.class, TimeoutExceededException.class})
    @Timeout("${sample.quote.timeout:500ms}")
    @Fallback(method = "partly", applyOn = FanoutException.class)
    public List<Quote> quotes(List<String> symbols) {
        List<Quote> quotes = new ArrayList<>(symbols.size());
        for (String symbol : symbols) {
            quotes.add(new Quote(symbol, upstream.price(symbol), "live", null));
        }
        return quotes;
    }

    List<Quote> partly(List<String> symbols, FanoutException failure) {
        List<Quote> quotes = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            Object quote = failure.partialResults().get(i);
            quotes.add(quote != null ? (Quote) quote : unavailable(symbols.get(i), failure.failures().get(i)));
        }
        return quotes;
    }

    Quote unavailable(String symbol, Throwable failure) {
        return new Quote(symbol, null, "fallback", failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    CompletableFuture<Quote> unavailableAsync(String symbol, Throwable failure) {
        return CompletableFuture.completedFuture(unavailable(symbol, failure));
    }
}
