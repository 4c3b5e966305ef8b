package dev.sturdy.sample;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.annotation.Client;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;

/**
 * The pricing API over HTTP, as a Micronaut declarative client: {@code sample.upstream.url}, or this
 * application's own {@link UpstreamController} when it is not set.
 */
@Client("${sample.upstream.url:/}")
public interface PriceClient {

    /**
     * @param symbol the instrument
     * @return its price; a failed call signals {@code HttpClientResponseException}
     */
    @Get("/upstream/prices/{symbol}")
    Mono<BigDecimal> price(String symbol);
}
