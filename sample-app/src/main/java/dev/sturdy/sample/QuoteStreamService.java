package dev.sturdy.sample;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.Retry;
import dev.sturdy.exception.RateLimitExceededException;
import io.micronaut.http.client.exceptions.HttpClientException;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.util.stream.IntStream;

/**
 * Prices a whole index, streamed: the symbols are a lazy source that is never held in memory, eight
 * chunks of twenty-five are priced at a time through the HTTP {@link PriceClient}, and the quotes
 * go out in the index's order, no faster than the client reads them. Each chunk is retried on its
 * own and passes the breaker that the single-quote endpoints share.
 */
@Singleton
public class QuoteStreamService {

    private final PriceClient upstream;

    public QuoteStreamService(PriceClient upstream) {
        this.upstream = upstream;
    }

    /**
     * @param size how many symbols the index has
     * @return its symbols, generated as they are drawn
     */
    public static Iterable<String> index(int size) {
        return () -> IntStream.range(0, size).mapToObj(i -> "SYM%05d".formatted(i)).iterator();
    }

    @Fanout(parallelism = 8, batchSize = 25)
    @Retry(maxAttempts = 3, delay = "50ms", retryOn = HttpClientException.class)
    @CircuitBreaker(name = "upstream", window = 20, failureRatio = 0.8, delay = "5s", skipOn = RateLimitExceededException.class)
    public Flux<Quote> quotes(Iterable<String> symbols) {
        return Flux.fromIterable(symbols)
                .concatMap(symbol -> upstream.priceLater(symbol).map(price -> new Quote(symbol, price, "live", null)))
                // a chunk's quotes go out once all are in: a failure halfway is before its first element, so it is retried
                .collectList().flatMapIterable(quotes -> quotes);
    }
}
