package dev.sturdy.runtime.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sturdy.exception.CircuitOpenException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sturdy's configuration: overrides, switches, start-up validation naming the key, and warnings for typos. */
class ConfigurationIntegrationTest {

    private static final String RETRIED = "sturdy.methods.dev.sturdy.runtime.it.ClassLevelService#inheritsTheClassRetry.retry.";
    private static final String QUOTED_RETRIED =
            "sturdy.methods.\"dev.sturdy.runtime.it.ClassLevelService#inheritsTheClassRetry\".retry.";

    private static ApplicationContext run(String... keysAndValues) {
        Map<String, Object> properties = new HashMap<>(Map.of("sturdy.clock", "manual"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ApplicationContext.run(properties);
    }

    /** ClassLevelService's class-level @Retry says 2 attempts; the configuration under test says 4. */
    private static void assertFourAttempts(ApplicationContext context) {
        ClassLevelService service = context.getBean(ClassLevelService.class);

        assertThatThrownBy(service::inheritsTheClassRetry).isInstanceOf(IOException.class);

        assertThat(service.inherited.get()).as("4 attempts, not the annotation's 2").isEqualTo(4);
    }

    @Test
    void aMethodsOwnSettingOverridesItsAnnotation() {
        try (ApplicationContext context = run(RETRIED + "max-attempts", "4")) {
            assertFourAttempts(context);
        }
    }

    /** The key as Sturdy's messages and the README print it, with YAML's quotes, works outside YAML too. */
    @Test
    void aMethodsOwnSettingWorksWithTheQuotesAsWritten() {
        try (ApplicationContext context = run(QUOTED_RETRIED + "max-attempts", "4")) {
            assertFourAttempts(context);
        }
    }

    @Test
    void theQuotedKeyWorksInAPropertiesFile() {
        try (ApplicationContext context = ApplicationContext.builder().environments("quotedkeys")
                .properties(Map.of("sturdy.clock", "manual")).start()) {
            assertFourAttempts(context);
        }
    }

    @Test
    void anInvalidValueUnderTheQuotedKeyFailsStartUp() {
        assertThatThrownBy(() -> run(QUOTED_RETRIED + "max-attempts", "0"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Sturdy cannot start: [sturdy:retry-max-attempts]"
                        + " sturdy.methods.\"dev.sturdy.runtime.it.ClassLevelService"
                        + "#inheritsTheClassRetry\".retry.max-attempts on ClassLevelService.inheritsTheClassRetry(): must be"
                        + " >= 1, but was 0");
    }

    @Test
    void aNamedPolicysSettingOverridesTheAnnotationsOfEveryMethodUsingIt() {
        try (ApplicationContext context = run("sturdy.circuit-breakers.stock.window", "3")) {
            ScriptedDependency dependency = context.getBean(ScriptedDependency.class);
            dependency.script(request -> {
                throw new IOException("down");
            });
            StatefulServices.Inventory inventory = context.getBean(StatefulServices.Inventory.class);

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> inventory.stock("bolt")).as("call %d", i).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> inventory.stock("bolt")).isInstanceOf(CircuitOpenException.class);
        }
    }

    @Test
    void theFirstLineAUserSeesOfAStartUpFailureIsSturdysMessage() {
        assertThatThrownBy(() -> run(RETRIED + "max-attempts", "0"))
                .hasNoCause()
                .satisfies(failure -> assertThat(failure.toString().lines().findFirst()).hasValueSatisfying(first ->
                        assertThat(first).startsWith("io.micronaut.context.exceptions.ConfigurationException: Sturdy cannot"
                                + " start: [sturdy:retry-max-attempts] sturdy.methods.")));
    }

    @Test
    void anInvalidValueFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> run(RETRIED + "max-attempts", "0"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Sturdy cannot start: [sturdy:retry-max-attempts]"
                        + " sturdy.methods.\"dev.sturdy.runtime.it.ClassLevelService"
                        + "#inheritsTheClassRetry\".retry.max-attempts on ClassLevelService.inheritsTheClassRetry(): must be"
                                + " >= 1, but was 0");
    }

    @Test
    void aValueThatIsNotANumberFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> run("sturdy.circuit-breakers.stock.window", "many"))
                .hasMessageContaining("[sturdy:circuit-breaker-window] sturdy.circuit-breakers.stock.window on ")
                .hasMessageContaining(": must be a whole number, but was \"many\"");
    }

    @Test
    void anInvalidValueReachedThroughAPlaceholderFailsStartUp() {
        assertThatThrownBy(() -> run("sturdy.circuit-breakers.stock.delay", "${stock.delay}", "stock.delay", "never"))
                .hasMessageContaining("[sturdy:circuit-breaker-delay] sturdy.circuit-breakers.stock.delay on ")
                .hasMessageContaining("must be a duration such as \"250ms\", \"2s\", \"1m\" or \"PT2S\" that is >= 0, but was"
                        + " \"never\"");
    }

    @Test
    void keysThatMatchNothingAreReportedAsWarnings() {
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger("dev.sturdy");
        warnings.start();
        logger.addAppender(warnings);
        try (ApplicationContext context = run(
                "sturdy.methods.dev.sturdy.runtime.it.ClassLevelService#inheritsTheClasRetry.retry.max-attempts", "4",
                RETRIED + "max-atempts", "4",
                "sturdy.circuit-breakers.stok.window", "5")) {
            assertThat(context.isRunning()).isTrue();
            assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("[sturdy:unknown-key] sturdy.methods.\"dev.sturdy.runtime.it.ClassLevelService"
                            + "#inheritsTheClasRetry\".retry.max-attempts matches no method, policy or attribute that Sturdy"
                                    + " protects"))
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("[sturdy:unknown-key] sturdy.methods.\"dev.sturdy.runtime.it.ClassLevelService"
                            + "#inheritsTheClassRetry\".retry.max-atempts matches no"))
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("[sturdy:unknown-key] sturdy.circuit-breakers.stok.window matches no"));
        } finally {
            logger.detachAppender(warnings);
        }
    }

    @Test
    void aNamedPolicyCanBeSwitchedOffForEveryMethodUsingIt() throws Exception {
        try (ApplicationContext context = run("sturdy.circuit-breakers.stock.enabled", "false")) {
            context.getBean(ScriptedDependency.class).script(request -> {
                throw new IOException("down");
            });
            StatefulServices.Inventory inventory = context.getBean(StatefulServices.Inventory.class);

            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> inventory.stock("bolt")).as("call %d reaches the method", i)
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void settingsOfASwitchedOffPolicyAreNotMistakenForTypos() {
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger("dev.sturdy");
        warnings.start();
        logger.addAppender(warnings);
        try (ApplicationContext context = run("sturdy.retry.enabled", "false", RETRIED + "max-attempts", "4",
                RETRIED.replace("retry.", "") + "circuit-breaker.window", "3")) {
            assertThat(context.isRunning()).isTrue();
            assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneSatisfy(line -> assertThat(line).contains("retry.max-attempts"))
                    .anySatisfy(line -> assertThat(line).as("but a policy the method does not have is reported")
                            .contains("inheritsTheClassRetry\".circuit-breaker.window matches no"));
        } finally {
            logger.detachAppender(warnings);
        }
    }

    @Test
    void sturdyCanBeSwitchedOffAltogetherPerPolicyOrPerMethod() {
        for (String[] off : new String[][] {{"sturdy.enabled", "false"}, {"sturdy.retry.enabled", "false"}, {RETRIED
                + "enabled", "false"}}) {
            try (ApplicationContext context = run(off)) {
                ClassLevelService service = context.getBean(ClassLevelService.class);

                assertThatThrownBy(service::inheritsTheClassRetry).isInstanceOf(IOException.class);

                assertThat(service.inherited.get()).as("with %s=%s", off[0], off[1]).isEqualTo(1);
            }
        }
    }
}
