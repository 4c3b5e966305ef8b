/**
 * Sturdy's configuration under {@code sturdy.*}: per-method and named overrides, switches, and
 * the keys that matched nothing.
 */
@Internal
package dev.sturdy.runtime.micronaut.config;

import io.micronaut.core.annotation.Internal;
