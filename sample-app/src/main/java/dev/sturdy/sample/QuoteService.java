package dev.sturdy.sample;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import dev.sturdy.exception.FanoutException;
import dev.sturdy.exception.TimeoutExceededException;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Prices symbols from the {@link FlakySource}. Each attempt gets {@code sample.quote.timeout}
 * (500ms unless configured), up to three attempts with exponential back-off retry I/O failures and
 * timeouts, a circuit breaker shared by both quote methods stops calling an upstream that keeps
 * failing, and when all that fails the caller still gets an answer, marked as a fallback.
 */
@Singleton
public class QuoteService {

    private final FlakySource source;
    private final ExecutorService io;

    public QuoteService(FlakySource source, @Named(TaskExecutors.IO) ExecutorService io) {
        this.source = source;
        this.io = io;
    }

    @Retry(maxAttempts = 3, delay = "50ms", retryOn = {IOException.class, TimeoutExceededException.class})
    @CircuitBreaker(name = "pricing", window = 20, failureRatio = 0.8, delay = "5s")
    @Timeout("${sample.quote.timeout:500ms}")
    @Fallback(method = "unavailable")
    public Quote quote(String symbol) throws IOException, InterruptedException {
        return new Quote(symbol, source.price(symbol), "live", null);
    }

    @Retry(maxAttempts = 3, delay = "50ms", retryOn = {IOException.class, TimeoutExceededException.class})
    @CircuitBreaker(name = "pricing", window = 20, failureRatio = 0.8, delay = "5s")
    @Timeout("${sample.quote.timeout:500ms}")
    @Fallback(method = "unavailableAsync")
    public CompletableFuture<Quote> quoteAsync(String symbol) {
        return source.priceAsync(symbol, io).thenApply(price -> new Quote(symbol, price, "live", null));
    }

    /**
     * Prices many symbols at once: up to 8 upstream calls in flight, each symbol retried and timed
     * on its own. If some symbols still fail, the others keep their live quotes.
     */
    @Fanout(parallelism = 8, errors = FanoutErrors.COLLECT)
    @Retry(maxAttempts = 3, delay = "50ms", retryOn = {IOException.class, TimeoutExceededException.class})
    @Timeout("${sample.quote.timeout:500ms}")
    @Fallback(method = "partly", applyOn = FanoutException.class)
    public List<Quote> quotes(List<String> symbols) throws IOException, InterruptedException {
        List<Quote> quotes = new ArrayList<>(symbols.size());
        for (String symbol : symbols) {
            quotes.add(new Quote(symbol, source.price(symbol), "live", null));
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
