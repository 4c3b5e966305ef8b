package dev.sturdy.runtime.micronaut;

/**
 * Which shared state a method's policy uses, and how to name it.
 *
 * @param key the registry key: the policy's {@code name}, or the method's full signature
 * @param display how messages and events name it: the {@code name}, or {@code SimpleClass#method}
 * @param named whether the user gave a name (and so may share it)
 * @param location the declaring method, for conflict messages
 */
record PolicyKey(String key, String display, boolean named, String location) {

    static PolicyKey of(AnnotationAttributes attributes) {
        String name = attributes.name();
        MethodName method = attributes.method();
        return name.isBlank()
                ? new PolicyKey(method.uniqueName(), method.display(), false, method.location())
                : new PolicyKey(name, name, true, method.location());
    }
}
