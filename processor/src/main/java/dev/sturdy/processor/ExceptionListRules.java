package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.Diagnostics.ExceptionLists;

import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a pair of exception lists where one wins ({@code retryOn}/{@code abortOn},
 * {@code failOn}/{@code skipOn}, {@code applyOn}/{@code skipOn}): no entry of the losing list may
 * be dead (the same as, or a subclass of, an entry of the winning one), and the losing list may
 * not be written empty, or the policy never acts.
 */
final class ExceptionListRules {

    private ExceptionListRules() {
    }

    static List<Finding> check(Use use, ExceptionLists lists, String consequenceOfEmpty) {
        List<Finding> findings = new ArrayList<>();
        List<TypeMirror> losing = use.classes(lists.loser());
        if (losing.isEmpty() && use.written(lists.loser()).isPresent()) {
            findings.add(Finding.error(Diagnostics.neverApplies(lists.annotation(), lists.loser(), use.location(),
                    consequenceOfEmpty),
                    use, use.written(lists.loser()).get()));
        }
        String dead = lists.deadEntry(losing, use.classes(lists.winner()),
                (lost, wins) -> use.env().getTypeUtils().isSubtype(lost, wins),
                type -> ((DeclaredType) type).asElement().getSimpleName().toString(), use.location());
        if (dead != null) {
            findings.add(Finding.error(dead, use, use.written(lists.loser()).orElse(use.written(lists.winner()).orElse(null))));
        }
        return findings;
    }
}
