package dev.sturdy.sample;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * A price for a symbol, and where it came from.
 *
 * @param symbol the instrument, e.g. {@code ACME}
 * @param price the price, or {@code null} when none is known
 * @param source {@code live}, or {@code fallback} when the upstream failed
 * @param note why a fallback answered, or {@code null}
 */
@Serdeable
public record Quote(String symbol, BigDecimal price, String source, String note) {
}
