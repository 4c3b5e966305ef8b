package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Methods that share a policy {@code name} share one breaker, bulkhead or rate limit, so they must
 * declare it with identical attributes. Pure: the names seen are local to one check.
 */
final class SharedNameValidator {

    private static final Set<String> NAMED = Set.of("CircuitBreaker", "Bulkhead", "RateLimit", "AdaptiveLimit");

    /** @return a conflict for every use that shares a name with an earlier, different declaration */
    List<Finding> check(List<Use> uses) {
        Map<String, Use> firstByName = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Use use : uses) {
            findings.addAll(conflict(use, firstByName));
        }
        return findings;
    }

    private static List<Finding> conflict(Use use, Map<String, Use> firstByName) {
        if (!NAMED.contains(use.annotation())) {
            return List.of();
        }
        String name = (String) use.value("name").getValue();
        if (name.isBlank()) {
            return List.of();
        }
        Use first = firstByName.putIfAbsent(use.annotation() + ":" + name, use);
        if (first == null) {
            return List.of();
        }
        Map<String, String> there = first.allValues();
        Map<String, String> here = use.allValues();
        if (there.equals(here)) {
            return List.of();
        }
        List<String> differences = new ArrayList<>();
        there.forEach((attribute, value) -> {
            if (!Objects.equals(value, here.get(attribute))) {
                differences.add(attribute + " " + value + " there, " + here.get(attribute) + " here");
            }
        });
        return List.of(Finding.error(Diagnostics.nameConflict(use.annotation(), use.location(), name, first.location(),
                String.join(", ", differences)), use, use.written("name").orElse(null)));
    }
}
