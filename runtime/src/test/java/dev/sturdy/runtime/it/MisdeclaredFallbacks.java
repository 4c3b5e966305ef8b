package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Fallback;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Fallbacks the processor reports at compile time (here only as warnings); the runtime must refuse them too. */
@Singleton
@Requires(property = "sturdy-test.fallbacks", value = "true")
public class MisdeclaredFallbacks {

    @Fallback(method = "cachd")
    public String missing(String key) {
        return key;
    }

    @Fallback(method = "byNumber")
    public String wrongParameters(String key) {
        return key;
    }

    String byNumber(int key) {
        return "";
    }

    @Fallback(method = "asNumber")
    public String wrongReturnType(String key) {
        return key;
    }

    Integer asNumber(String key) {
        return 0;
    }
}
