/**
 * Sturdy's fault-tolerance annotations. Put them on public methods of Micronaut beans (or on the
 * bean class, to cover every public method); {@code sturdy-processor} checks each use at compile
 * time and {@code sturdy-runtime} applies them, outermost first:
 * {@code Fallback → Fanout → Retry → CircuitBreaker → RateLimit → Timeout → Bulkhead → method}.
 *
 * <p>Durations are strings in Micronaut form ({@code "250ms"}, {@code "2s"}, {@code "1m"},
 * ISO-8601 {@code "PT2S"}) and may be property placeholders ({@code "${pricing.timeout:2s}"}),
 * which are resolved and validated when the application starts.
 */
package dev.sturdy.annotation;
