package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics.ExceptionLists;

import java.util.ArrayList;
import java.util.List;

/** {@code @CircuitBreaker}: ranges, and its exception lists. */
final class CircuitBreakerValidator implements Validator {

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>(Attributes.check(use));
        findings.addAll(ExceptionListRules.check(use, ExceptionLists.CIRCUIT_BREAKER,
                "no failure ever counts, so the breaker never opens"));
        return findings;
    }
}
