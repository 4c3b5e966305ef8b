/**
 * Sturdy's fault-tolerance annotations. Put them on public methods of Micronaut beans (or on the
 * bean class, to cover every public method); {@code sturdy-processor} checks each use at compile
 * time and {@code sturdy-runtime} applies them, outermost first:
 * {@code Fallback → Fanout → Retry → CircuitBreaker → RateLimit → Timeout → Bulkhead → method}.
 *
 * <p>Durations are strings in Micronaut form ({@code "250ms"}, {@code "2s"}, {@code "1m"},
 * ISO-8601 {@code "PT2S"}) and may be property placeholders ({@code "${pricing.timeout:2s}"}),
 * which are resolved and validated when the application starts. A duration longer than about 73
 * years ({@code Long.MAX_VALUE / 4} nanoseconds) means "forever" and is treated as 73 years, so that
 * any duration the compiler accepts works at run time. Counts are bounded only where memory would
 * follow them ({@link dev.sturdy.annotation.CircuitBreaker#window()}); elsewhere what a call costs
 * follows what happens, not what is configured.
 */
package dev.sturdy.annotation;
