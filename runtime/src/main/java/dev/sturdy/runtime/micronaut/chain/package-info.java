/**
 * Runs a protected method's chain of strategies for each call, the way the method delivers its
 * result: on the caller's thread, through a {@code CompletionStage}, or through a reactive type
 * (Reactor's, RxJava 3's, any reactive-streams {@code Publisher}), where each subscription is one
 * call, converted to and from the method's type by Micronaut's {@code ConversionService}. The
 * reactive chains need {@code reactor-core}, which Sturdy's runtime declares optional: their classes
 * load only when a protected method returns a reactive type.
 */
@Internal
package dev.sturdy.runtime.micronaut.chain;

import io.micronaut.core.annotation.Internal;
