package dev.sturdy.sample;

import io.micronaut.runtime.Micronaut;

/** Starts the sample's HTTP server on port 8080 (set {@code MICRONAUT_SERVER_PORT} for another). */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
