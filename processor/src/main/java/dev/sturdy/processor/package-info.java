/**
 * Sturdy's compile-time side, which sits on the annotation processor path next to
 * {@code micronaut-inject-java}: it binds Sturdy's annotations to Sturdy's interceptor.
 */
package dev.sturdy.processor;
