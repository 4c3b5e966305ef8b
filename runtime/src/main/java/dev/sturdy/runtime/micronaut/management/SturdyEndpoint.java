package dev.sturdy.runtime.micronaut.management;

import dev.sturdy.runtime.chaos.ChaosPolicy;
import dev.sturdy.runtime.chaos.ChaosSwitch;
import dev.sturdy.runtime.micronaut.beans.ChaosSwitches;
import dev.sturdy.runtime.micronaut.beans.PolicyStates;
import dev.sturdy.runtime.micronaut.config.SturdySettings;
import dev.sturdy.runtime.micronaut.declaration.ChaosReader;

import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.core.PolicyValues;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.HttpStatus;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.management.endpoint.annotation.Selector;
import io.micronaut.management.endpoint.annotation.Sensitive;
import io.micronaut.management.endpoint.annotation.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /sturdy} management endpoint, sensitive by default. {@code GET /sturdy} lists every
 * circuit breaker, bulkhead and rate limit with its state and counters; {@code POST /sturdy/{breaker}}
 * with {@code {"action": "open" | "close" | "reset"}} lets an operator force a breaker open, force it
 * closed, or put it back to normal. Where configuration sets {@code sturdy.chaos.enabled: true},
 * {@code POST /sturdy/chaos/{method}} with any of {@code faultRate}, {@code exception},
 * {@code latency}, {@code latencyRate} changes what is injected into a method (named
 * {@code com.acme.Prices#quote}, or {@code Prices#quote}; {@code #} is {@code %23} in a path), and
 * {@code {"action": "off"}} stops it; that operation stays sensitive even where the endpoint is
 * opened up, and without that configuration it is refused: a request alone never turns fault
 * injection on.
 */
@Endpoint(id = "sturdy", defaultSensitive = true)
@Requires(classes = Endpoint.class)
final class SturdyEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger("dev.sturdy");
    private static final String CHAOS = "chaos";

    private final PolicyStates shared;
    private final ChaosSwitches chaos;

    SturdyEndpoint(PolicyStates shared, ChaosSwitches chaos) {
        this.shared = shared;
        this.chaos = chaos;
    }

    @Read
    Map<String, Object> status() {
        Map<String, Object> status = shared.describe();
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("enabled", chaos.enabled());
        faults.put("methods", chaos.all().entrySet().stream().filter(entry -> entry.getValue().injecting())
                .map(entry -> describe(entry.getKey(), entry.getValue())).toList());
        status.put(CHAOS, faults);
        return status;
    }

    /**
     * Changes what is injected into one method: the values sent replace those in force, the others
     * stay; {@code action: "off"} stops it.
     */
    @Write
    @Sensitive(true)
    Map<String, Object> chaos(@Selector String operation, @Selector String method, @Nullable String faultRate,
            @Nullable String exception, @Nullable String latency, @Nullable String latencyRate, @Nullable String action) {
        if (!CHAOS.equals(operation)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no operation " + operation + "; fault injection is at "
                    + "/sturdy/chaos/{method}");
        }
        if (!chaos.enabled()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "fault injection is off: only an application whose "
                    + "configuration sets sturdy.chaos.enabled: true lets it be changed at run time");
        }
        Map.Entry<String, ChaosSwitch> target = chaosSwitch(method);
        ChaosSwitch chaosSwitch = target.getValue();
        Map<String, String> sent = new LinkedHashMap<>();
        putIfSent(sent, "fault-rate", "faultRate", faultRate);
        putIfSent(sent, "exception", "exception", exception);
        putIfSent(sent, "latency", "latency", latency);
        putIfSent(sent, "latency-rate", "latencyRate", latencyRate);
        if (action != null && !action.equals("off") || action == null && sent.isEmpty()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "send any of faultRate, exception, latency, latencyRate,"
                    + " or action \"off\"" + (action == null ? "" : ", but action was \"" + action + "\""));
        }
        if (action != null) {
            chaosSwitch.set(null);
        } else {
            try {
                chaosSwitch.set(ChaosReader.read(chaosSwitch.method(), attribute -> Optional.ofNullable(sent.get(attribute))
                        .map(value -> new SturdySettings.Entry(NameUtils.camelCase(attribute), value)),
                        chaosSwitch.current()));
            } catch (IllegalArgumentException invalid) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, invalid.getMessage());
            }
        }
        Map<String, Object> described = describe(target.getKey(), chaosSwitch);
        LOG.warn("[sturdy:chaos-changed] fault injection into {} changed by an operator: {}", target.getKey(), described);
        return described;
    }

    private static void putIfSent(Map<String, String> sent, String attribute, String field, String value) {
        if (value != null) {
            sent.put(attribute, value);
        }
    }

    private Map.Entry<String, ChaosSwitch> chaosSwitch(String method) {
        List<Map.Entry<String, ChaosSwitch>> found = chaos.find(method);
        if (found.isEmpty()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no method " + method + " protected by Sturdy; known: "
                    + chaos.all().keySet());
        }
        if (found.size() > 1) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, method + " names " + found.size() + " methods; name one "
                    + "of them with its package: " + found.stream().map(Map.Entry::getKey).toList());
        }
        return found.get(0);
    }

    private static Map<String, Object> describe(String fullName, ChaosSwitch chaosSwitch) {
        Map<String, Object> description = new LinkedHashMap<>();
        ChaosPolicy policy = chaosSwitch.current();
        description.put("method", fullName);
        description.put("injecting", chaosSwitch.injecting());
        if (policy != null) {
            description.put("faultRate", policy.faultRate());
            description.put("exception", policy.exception().getName());
            description.put("latency", PolicyValues.format(policy.latency()));
            description.put("latencyRate", policy.latencyRate());
        }
        return description;
    }

    @Write
    Map<String, Object> circuitBreaker(@Selector String name, String action) {
        CircuitBreaker breaker = shared.breakers().stream().filter(b -> b.policy().name().equals(name)).findFirst()
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no circuit breaker named " + name + "; known: "
                        + shared.breakers().stream().map(b -> b.policy().name()).toList()));
        switch (action == null ? "" : action) {
            case "open" -> breaker.forceOpen();
            case "close" -> breaker.forceClosed();
            case "reset" -> breaker.reset();
            default -> throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "action must be one of " + List.of("open", "close", "reset") + ", but was \"" + action + "\"");
        }
        return PolicyStates.describe(breaker);
    }
}
