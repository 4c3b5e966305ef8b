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

    /**
     * @param group where a named policy is configured, e.g. {@code circuit-breakers}; the
     *              attributes then read {@code sturdy.<group>.<name>.*} too
     */
    static PolicyKey of(AnnotationAttributes attributes, String fullMethodName, String group) {
        String name = attributes.text("name");
        MethodName method = attributes.method();
        if (name.isBlank()) {
            return new PolicyKey(fullMethodName, method.display(), false, method.location());
        }
        attributes.named(group, name);
        return new PolicyKey(name, name, true, method.location());
    }
}
