/**
 * The adapter between Micronaut and Sturdy's policies: the interceptor and the start-up step that
 * builds every protected method's chain. It and its sub-packages are the only part of the runtime
 * that imports Micronaut: {@code declaration} reads methods and builds chains, {@code config}
 * reads {@code sturdy.*}, {@code beans} holds shared state, {@code observe} reports what the
 * policies do, and the optional {@code management} and {@code metrics} need their libraries.
 */
@Internal
package dev.sturdy.runtime.micronaut;

import io.micronaut.core.annotation.Internal;
