package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.annotation.rules.Diagnostics;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The states of one kind of policy by key, created on first use. Methods that share a name must
 * declare the same policy: a second, different declaration is a {@link ConfigurationException}.
 * Thread-safe.
 *
 * @param <P> the policy record
 * @param <S> the shared state built from it
 */
final class StateRegistry<P, S> {

    private final String annotation;
    private final Map<String, Registered<P, S>> byKey = new ConcurrentHashMap<>();

    StateRegistry(String annotation) {
        this.annotation = annotation;
    }

    S get(PolicyKey key, P policy, Function<P, S> create) {
        Registered<P, S> registered = byKey.computeIfAbsent(key.key(), k -> new Registered<>(policy, create.apply(policy),
                key.location()));
        if (!registered.policy().equals(policy)) {
            throw new ConfigurationException(Diagnostics.nameConflict(annotation, key.location(), key.display(),
                    registered.location(), registered.policy() + " there, " + policy + " here"));
        }
        return registered.state();
    }

    Collection<S> all() {
        return byKey.values().stream().map(Registered::state).toList();
    }

    private record Registered<P, S>(P policy, S state, String location) {
    }
}
