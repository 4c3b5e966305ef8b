/**
 * Sturdy's runtime. The policies and their strategies live in one package each ({@code retry},
 * {@code timeout}, {@code fallback}, ...) on top of {@code core} (the chain) and {@code time}
 * (the clock); none of them imports Micronaut. The {@code micronaut} package is the one adapter:
 * the interceptor, the chain builder that reads annotation metadata, and the beans.
 */
package dev.sturdy.runtime;
