/**
 * Reads a protected method's declaration once (annotations, configuration overrides, fallback method,
 * fan-out shape) and builds its chain of strategies, with the invoker that proceeds through Micronaut.
 */
@Internal
package dev.sturdy.runtime.micronaut.declaration;

import io.micronaut.core.annotation.Internal;
