/**
 * Observers of every policy ({@link dev.sturdy.runtime.micronaut.observe.PolicyObserver}): the
 * application events, and the one listener that tells them all.
 */
@Internal
package dev.sturdy.runtime.micronaut.observe;

import io.micronaut.core.annotation.Internal;
