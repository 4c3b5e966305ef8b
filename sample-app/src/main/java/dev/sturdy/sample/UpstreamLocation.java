package dev.sturdy.sample;

import dev.sturdy.sample.upstream.Upstream;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.discovery.ServiceInstanceList;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link PriceClient} ({@code @Client(id = "upstream")}) finds the pricing upstream:
 * {@code sample.upstream.url} when it is set (an upstream started on its own, or a real one), or
 * else a stand-in started with this app on {@code sample.upstream.port} (8090; {@code -1} for any
 * free port) with this app's {@code sample.flaky.*} knobs, and stopped with it.
 */
@Context
@Requires(notEnv = Upstream.ENVIRONMENT)
class UpstreamLocation implements ServiceInstanceList {

    static final String ID = "upstream";
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamLocation.class);

    private final ApplicationContext started;
    private final List<ServiceInstance> instances;

    UpstreamLocation(@Value("${sample.upstream.url:}") String url, @Value("${sample.upstream.port:8090}") int port,
            Environment environment) {
        if (!url.isEmpty()) {
            started = null;
            instances = List.of(ServiceInstance.of(ID, upstreamUrl(url)));
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", port);
        environment.getProperties("sample.flaky", StringConvention.HYPHENATED)
                .forEach((knob, value) -> properties.put("sample.flaky." + knob, value));
        started = Upstream.start(properties);
        URI uri = started.getBean(EmbeddedServer.class).getURI();
        instances = List.of(ServiceInstance.of(ID, uri));
        LOG.info("the pricing upstream's stand-in runs at {}: GET {}/knobs shows how it behaves, PUT changes it", uri, uri);
    }

    private static URI upstreamUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // said below
        }
        throw new IllegalArgumentException("sample.upstream.url must be a URL such as http://localhost:8090, but was \""
                + url + "\"");
    }

    @Override
    public String getID() {
        return ID;
    }

    @Override
    public List<ServiceInstance> getInstances() {
        return instances;
    }

    @PreDestroy
    void stop() {
        if (started != null) {
            started.close();
        }
    }
}
