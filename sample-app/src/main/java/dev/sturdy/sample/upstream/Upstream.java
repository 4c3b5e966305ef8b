package dev.sturdy.sample.upstream;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts the pricing upstream: on its own ({@code main}, port 8090), or beside the sample app
 * ({@link #start}).
 */
public final class Upstream {

    /** The environment the upstream's beans require, and no bean of the sample app runs in. */
    public static final String ENVIRONMENT = "upstream";

    private Upstream() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).environments(ENVIRONMENT).properties(Map.of("micronaut.server.port", 8090))
                .mainClass(Upstream.class).start();
    }

    /**
     * @param properties its port ({@code micronaut.server.port}, {@code -1} for any free one) and its
     *                   knobs ({@code sample.flaky.*})
     * @return the running upstream; closing it stops it
     */
    public static ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> upstreamOnly = new HashMap<>(properties);
        // a stand-in for someone else's server: none of the sample's operations runs in it
        upstreamOnly.put("endpoints.sturdy.enabled", false);
        upstreamOnly.put("micronaut.metrics.enabled", false);
        ApplicationContext upstream = ApplicationContext.builder(Upstream.class).environments(ENVIRONMENT)
                .properties(upstreamOnly).start();
        try {
            upstream.getBean(EmbeddedServer.class).start();
            return upstream;
        } catch (RuntimeException notStarted) {
            upstream.close();
            throw new IllegalStateException("the pricing upstream's stand-in cannot listen on port " + properties.get(
                    "micronaut.server.port") + " (" + notStarted.getMessage() + "): set sample.upstream.port to a free port "
                    + "(-1 for any), or sample.upstream.url to an upstream already running", notStarted);
        }
    }
}
