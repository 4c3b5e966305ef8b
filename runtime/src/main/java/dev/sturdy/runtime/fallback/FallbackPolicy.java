package dev.sturdy.runtime.fallback;

import dev.sturdy.runtime.core.ExceptionMatcher;

/**
 * What a {@link dev.sturdy.annotation.Fallback} asks for. Immutable and thread-safe.
 *
 * @param method the method as {@code SimpleClass#method}, for messages
 * @param applyOn which failures the fallback answers ({@code skipOn} as its exclusions)
 * @see FallbackStrategy
 */
public record FallbackPolicy(String method, ExceptionMatcher applyOn) {
}
