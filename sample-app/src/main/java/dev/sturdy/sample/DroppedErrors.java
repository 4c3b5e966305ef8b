package dev.sturdy.sample;

import dev.sturdy.sample.upstream.Upstream;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * A call cancelled on purpose (an attempt cut by its timeout, the other chunks of a fan-out that
 * failed fast, a stream whose client went away) may still have its HTTP response arrive, as an
 * error, after its subscriber left. Reactor reports such an error as "dropped", at ERROR, with a
 * stack trace; in this application it is expected, so it is logged at DEBUG. Reactor's hook is
 * global: an application sets it, a library would not.
 */
@Context
@Requires(notEnv = Upstream.ENVIRONMENT)
class DroppedErrors {

    private static final Logger LOG = LoggerFactory.getLogger(DroppedErrors.class);

    DroppedErrors() {
        Hooks.onErrorDropped(late -> LOG.debug("an error after its call was cancelled: {}", late.toString()));
    }

    @PreDestroy
    void reset() {
        Hooks.resetOnErrorDropped();
    }
}
