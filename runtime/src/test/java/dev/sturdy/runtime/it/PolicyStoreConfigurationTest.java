package dev.sturdy.runtime.it;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.RateLimit;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sturdy.rate-limits.<name>.store}: local by default; a store the application lacks fails start-up saying what to add. */
class PolicyStoreConfigurationTest {

    @Test
    void storeRedisWithoutTheModuleFailsStartUpNamingTheDependency() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.store", "true",
                "sturdy.rate-limits.quota.store", "redis")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:store] sturdy.rate-limits.quota.store on Quota.call(): \"redis\" needs the"
                        + " sturdy-redis module: add the dependency dev.sturdy:sturdy-redis");
    }

    @Test
    void anUnknownStoreFailsStartUpListingTheKnownOnes() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.store", "true",
                "sturdy.rate-limits.quota.store", "memcached")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sturdy.rate-limits.quota.store on Quota.call(): must be one of [local, redis], but was"
                        + " \"memcached\"");
    }

    @Test
    void aSharedBreakerWithoutTheModuleFailsStartUpNamingTheDependency() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.store", "true",
                "sturdy.circuit-breakers.partner.store", "redis")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:store] sturdy.circuit-breakers.partner.store on Quota.guarded(): \"redis\""
                        + " needs the sturdy-redis module");
    }

    @Test
    void localIsTheDefaultAndMayBeSaid() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.store", "true",
                "sturdy.rate-limits.quota.store", "local"))) {
            assertThat(context.getBean(Quota.class).call()).isEqualTo("ok");
        }
    }

    /** A quota shared by name. */
    @Singleton
    @Requires(property = "sturdy-test.store", value = "true")
    public static class Quota {

        @RateLimit(name = "quota", permits = 5)
        public String call() {
            return "ok";
        }

        @CircuitBreaker(name = "partner")
        public String guarded() {
            return "ok";
        }
    }
}
