/**
 * The adapter between Micronaut and Sturdy's policies: the interceptor, the factory that reads a
 * method's annotations once and builds its chain, and the beans they need. The only package of
 * the runtime that imports Micronaut.
 */
@Internal
package dev.sturdy.runtime.micronaut;

import io.micronaut.core.annotation.Internal;
