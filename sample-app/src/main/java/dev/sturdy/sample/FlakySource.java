package dev.sturdy.sample;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletionException;

/**
 * A stand-in for a remote pricing API that misbehaves on purpose: a share of calls fail with an
 * {@link IOException}, another share hang far longer than any caller should wait. The shares are
 * set in {@code application.yml} under {@code sample.flaky}.
 */
@Singleton
public class FlakySource {

    private final double failureRate;
    private final double slowRate;
    private final Duration slowness;

    public FlakySource(@Value("${sample.flaky.failure-rate:0.3}") double failureRate,
                       @Value("${sample.flaky.slow-rate:0.1}") double slowRate,
                       @Value("${sample.flaky.slowness:5s}") Duration slowness) {
        this.failureRate = failureRate;
        this.slowRate = slowRate;
        this.slowness = slowness;
    }

    /**
     * @param symbol the instrument
     * @return its price, after a flaky network round trip
     * @throws IOException when the upstream "fails"
     * @throws InterruptedException when the caller gives up while the upstream is slow
     */
    public BigDecimal price(String symbol) throws IOException, InterruptedException {
        double roll = ThreadLocalRandom.current().nextDouble();
        if (roll < failureRate) {
            throw new IOException("upstream refused the connection for " + symbol);
        }
        if (roll < failureRate + slowRate) {
            Thread.sleep(slowness.toMillis());
        }
        return BigDecimal.valueOf(Math.abs(symbol.hashCode() % 10_000), 2).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * @param symbol the instrument
     * @param executor where the simulated network call runs
     * @return its price, completed by the simulated network call
     */
    public CompletableFuture<BigDecimal> priceAsync(String symbol, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return price(symbol);
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }
}
