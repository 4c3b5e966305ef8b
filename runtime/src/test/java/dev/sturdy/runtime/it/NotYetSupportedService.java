package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Bulkhead;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Carries an annotation this version cannot apply yet. */
@Singleton
@Requires(property = "sturdy-test.not-yet-supported", value = "true")
public class NotYetSupportedService {

    @Bulkhead
    public String call() {
        return "unprotected";
    }
}
