/**
 * Sturdy's Micrometer meters; present only when the application has a {@code MeterRegistry}.
 */
@Internal
package dev.sturdy.runtime.micronaut.metrics;

import io.micronaut.core.annotation.Internal;
