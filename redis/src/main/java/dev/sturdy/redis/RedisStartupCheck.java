package dev.sturdy.redis;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/** Fails start-up on an invalid {@code sturdy.redis.*} value, even where no policy is shared yet. */
@Singleton
final class RedisStartupCheck implements ApplicationEventListener<StartupEvent> {

    private final RedisStore store;

    RedisStartupCheck(RedisStore store) {
        this.store = store;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (store.invalidSettings() != null) {
            throw new ConfigurationException("Sturdy cannot start: " + store.invalidSettings());
        }
    }
}
