package dev.sturdy.sample;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.exception.RateLimitExceededException;
import io.micronaut.http.client.exceptions.HttpClientException;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

/**
 * Prices symbols through the HTTP {@link PriceClient}, without blocking a thread: the same policies
 * as {@link QuoteService}, on a {@code Mono}, and the partner's quota of 5 calls a second (for all
 * instances together in the {@code redis} environment). Each subscription is one call; a retry subscribes to a
 * fresh request; the timeout cancels the request in flight.
 */
@Singleton
public class ReactiveQuoteService {

    private final PriceClient upstream;

    public ReactiveQuoteService(PriceClient upstream) {
        this.upstream = upstream;
    }

    @Retry(maxAttempts = 3, delay = "50ms", retryOn = {HttpClientException.class, TimeoutExceededException.class})
    @CircuitBreaker(name = "upstream", window = 20, failureRatio = 0.8, delay = "5s", skipOn = RateLimitExceededException.class)
    @RateLimit(name = "partner", permits = 5, period = "1s")
    @Timeout("${sample.quote.timeout:500ms}")
    @Fallback(method = "unavailable")
    public Mono<Quote> quote(String symbol) {
        return upstream.priceLater(symbol).map(price -> new Quote(symbol, price, "live", null));
    }

    Mono<Quote> unavailable(String symbol, Throwable failure) {
        return Mono.just(new Quote(symbol, null, "fallback", failure.getClass().getSimpleName() + ": "
                + failure.getMessage()));
    }
}
