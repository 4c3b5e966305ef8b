package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Fanout;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/** Carries an annotation this version cannot apply yet. */
@Singleton
@Requires(property = "sturdy-test.not-yet-supported", value = "true")
public class NotYetSupportedService {

    @Fanout
    public List<String> call(List<String> items) {
        return items;
    }
}
