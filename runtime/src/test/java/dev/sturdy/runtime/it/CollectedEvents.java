package dev.sturdy.runtime.it;

import dev.sturdy.runtime.event.SturdyEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every Sturdy event published, in order. */
@Singleton
@Requires(property = "sturdy-test.events", value = "true")
public class CollectedEvents implements ApplicationEventListener<SturdyEvent> {

    final List<SturdyEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(SturdyEvent event) {
        events.add(event);
    }
}
