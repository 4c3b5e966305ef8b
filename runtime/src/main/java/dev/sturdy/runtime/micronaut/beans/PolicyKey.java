package dev.sturdy.runtime.micronaut.beans;

/**
 * Which shared state a method's policy uses, and how to name it.
 *
 * @param key the registry key: the policy's {@code name}, or the method's full signature
 * @param display how messages and events name it: the {@code name}, or {@code SimpleClass#method}
 * @param named whether the user gave a name (and so may share it)
 * @param location the declaring method, for conflict messages
 */
public record PolicyKey(String key, String display, boolean named, String location) {
}
