package dev.sturdy.runtime.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sturdy.runtime.core.PolicyValues;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The runtime's structure, as STYLE.md draws it: the policies and their core know nothing of
 * Micronaut (the adapter in {@code runtime.micronaut} translates), the core knows no policy, and
 * no packages depend on each other in a circle.
 */
class ArchitectureTest {

    private static final String[] POLICY_PACKAGES = {"..runtime.core..", "..runtime.time..", "..runtime.retry..",
        "..runtime.timeout..", "..runtime.bulkhead..", "..runtime.circuit..", "..runtime.ratelimit..", "..runtime.fanout..",
        "..runtime.fallback..", "..runtime.event..", "..runtime.limit..", "..runtime.hedge..", "..runtime.chaos.."};

    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sturdy.runtime");

    @Test
    void policiesImportNoMicronautType() {
        noClasses().that().resideInAnyPackage(POLICY_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..")
                .check(RUNTIME);
    }

    @Test
    void coreKnowsNoPolicy() {
        noClasses().that().resideInAPackage("..runtime.core..")
                .should().dependOnClassesThat().resideInAnyPackage("..runtime.retry..", "..runtime.timeout..",
                        "..runtime.bulkhead..",
                        "..runtime.circuit..", "..runtime.ratelimit..", "..runtime.fanout..", "..runtime.fallback..",
                        "..runtime.limit..", "..runtime.hedge..", "..runtime.chaos..",
                                "..runtime.micronaut..")
                .check(RUNTIME);
    }

    /**
     * A configured duration may be far longer than a {@code long} of nanoseconds holds ("100000000d"
     * passes every check): it is turned into a number in one place, which saturates.
     */
    @Test
    void configuredDurationsBecomeNanosecondsOnlyThroughPolicyValues() {
        noClasses().that().doNotHaveFullyQualifiedName(PolicyValues.class.getName())
                .and().resideOutsideOfPackage("..runtime.time..")
                .should().callMethod(Duration.class, "toNanos")
                .orShould().callMethod(Duration.class, "toMillis")
                .orShould().callMethod(Duration.class, "toSeconds")
                .orShould().callMethod(Duration.class, "getSeconds")
                .orShould().callMethod(Duration.class, "multipliedBy", long.class)
                .orShould().callMethod(Duration.class, "plus", Duration.class)
                .because("Duration.toNanos() throws ArithmeticException beyond about 292 years; use PolicyValues.saturatedNanos")
                .check(RUNTIME);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.sturdy.runtime.(*)..").should().beFreeOfCycles().check(RUNTIME);
        slices().matching("dev.sturdy.runtime.micronaut.(*)..").should().beFreeOfCycles().check(RUNTIME);
    }
}
