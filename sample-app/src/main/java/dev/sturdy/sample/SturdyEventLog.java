package dev.sturdy.sample;

import dev.sturdy.runtime.event.SturdyEvent;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs what Sturdy does: retries, timeouts, rejections, fallbacks, circuit state changes. */
@Singleton
public class SturdyEventLog implements ApplicationEventListener<SturdyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SturdyEventLog.class);

    @Override
    public void onApplicationEvent(SturdyEvent event) {
        LOG.info("sturdy: {}", event);
    }
}
