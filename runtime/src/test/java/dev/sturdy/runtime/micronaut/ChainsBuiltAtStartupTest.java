package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.it.ClassLevelService;
import dev.sturdy.runtime.micronaut.declaration.ChainFactory;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every protected method's chain is built once, at start-up, and a method's first call finds it:
 * before, every chain was built twice, and each first call copied the interceptor's whole cache,
 * so the first calls of an application cost time growing with the square of its methods.
 */
class ChainsBuiltAtStartupTest {

    private final ApplicationContext context = ApplicationContext.run(Map.of("sturdy.clock", "manual",
            "sturdy-test.configured", "true"));

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void firstCallsFindTheChainsBuiltAtStartup() {
        ChainFactory factory = context.getBean(ChainFactory.class);
        long builtAtStartup = factory.chainsBuilt();
        ClassLevelService service = context.getBean(ClassLevelService.class);

        assertThatThrownBy(service::inheritsTheClassRetry).isInstanceOf(IOException.class);
        assertThatThrownBy(service::hasItsOwnRetry).isInstanceOf(IOException.class);
        assertThatThrownBy(service::hasItsOwnRetry).isInstanceOf(IOException.class);

        assertThat(builtAtStartup).as("one chain per protected method of the test sources").isGreaterThan(10);
        assertThat(factory.chainsBuilt()).as("no chain built by a call").isEqualTo(builtAtStartup);
        assertThat(context.getBean(SturdyInterceptor.class).cachedChains()).isEqualTo(2);
    }
}
