package dev.sturdy.sample;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.annotation.Client;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;

/**
 * The pricing API over HTTP, as a Micronaut declarative client: the {@code upstream} service,
 * which {@link UpstreamLocation} finds. A failed call throws (or signals)
 * {@code HttpClientResponseException}; a call that cannot connect, {@code HttpClientException}.
 */
@Client(id = UpstreamLocation.ID)
public interface PriceClient {

    /**
     * @param symbol the instrument
     * @return its price; blocks the calling thread, which an interrupt frees
     */
    @Get("/prices/{symbol}")
    BigDecimal price(String symbol);

    /**
     * @param symbol the instrument
     * @return its price, when subscribed to
     */
    @Get("/prices/{symbol}")
    Mono<BigDecimal> priceLater(String symbol);
}
