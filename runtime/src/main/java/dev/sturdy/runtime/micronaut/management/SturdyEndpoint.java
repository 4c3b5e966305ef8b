package dev.sturdy.runtime.micronaut.management;

import dev.sturdy.runtime.micronaut.beans.PolicyStates;

import dev.sturdy.runtime.bulkhead.Bulkhead;
import dev.sturdy.runtime.limit.AdaptiveLimiter;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.HttpStatus;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.management.endpoint.annotation.Selector;
import io.micronaut.management.endpoint.annotation.Write;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /sturdy} management endpoint, sensitive by default. {@code GET /sturdy} lists every
 * circuit breaker, bulkhead and rate limit with its state and counters; {@code POST /sturdy/{breaker}}
 * with {@code {"action": "open" | "close" | "reset"}} lets an operator force a breaker open, force it
 * closed, or put it back to normal.
 */
@Endpoint(id = "sturdy", defaultSensitive = true)
@Requires(classes = Endpoint.class)
final class SturdyEndpoint {

    private final PolicyStates shared;

    SturdyEndpoint(PolicyStates shared) {
        this.shared = shared;
    }

    @Read
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("circuitBreakers", shared.breakers().stream().map(SturdyEndpoint::describe).toList());
        status.put("bulkheads", shared.bulkheads().stream().map(SturdyEndpoint::describe).toList());
        status.put("rateLimits", shared.rateLimiters().stream().map(SturdyEndpoint::describe).toList());
        status.put("adaptiveLimits", shared.adaptiveLimits().stream().map(SturdyEndpoint::describe).toList());
        return status;
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
        return describe(breaker);
    }

    private static Map<String, Object> describe(CircuitBreaker breaker) {
        Map<String, Object> description = new LinkedHashMap<>();
        int[] window = breaker.window();
        description.put("name", breaker.policy().name());
        description.put("state", breaker.state().name());
        description.put("forced", breaker.forced());
        description.put("window", breaker.policy().window());
        description.put("failureRatio", breaker.policy().failureRatio());
        description.put("delay", PolicyValues.format(breaker.policy().delay()));
        description.put("callsInWindow", window[0]);
        description.put("failuresInWindow", window[1]);
        return description;
    }

    private static Map<String, Object> describe(AdaptiveLimiter limit) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", limit.policy().name());
        description.put("limit", limit.limit());
        description.put("inFlight", limit.inFlight());
        description.put("min", limit.policy().min());
        description.put("max", limit.policy().max());
        return description;
    }

    private static Map<String, Object> describe(Bulkhead bulkhead) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", bulkhead.policy().name());
        description.put("maxConcurrent", bulkhead.policy().maxConcurrent());
        description.put("maxWaiting", bulkhead.policy().maxWaiting());
        description.put("running", bulkhead.running());
        description.put("waiting", bulkhead.waiting());
        return description;
    }

    private static Map<String, Object> describe(RateLimiter limiter) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", limiter.policy().name());
        description.put("permits", limiter.policy().permits());
        description.put("period", PolicyValues.format(limiter.policy().period()));
        description.put("available", limiter.available());
        return description;
    }
}
