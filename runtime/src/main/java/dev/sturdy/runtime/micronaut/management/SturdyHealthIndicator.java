package dev.sturdy.runtime.micronaut.management;

import dev.sturdy.runtime.micronaut.beans.PolicyStates;

import dev.sturdy.runtime.circuit.CircuitState;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.HealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports Sturdy's circuit breakers in {@code /health}: UP with the open (and half-open) breakers
 * named in the details, since an open breaker is the application protecting itself; DOWN while
 * any is open when {@code sturdy.health.down-when-open} is true.
 */
@Singleton
@Requires(classes = HealthIndicator.class)
final class SturdyHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final PolicyStates shared;
    private final boolean downWhenOpen;

    SturdyHealthIndicator(PolicyStates shared, @Value("${sturdy.health.down-when-open:false}") boolean downWhenOpen) {
        this.shared = shared;
        this.downWhenOpen = downWhenOpen;
    }

    @Override
    protected String getName() {
        return "sturdy";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        List<String> open = names(CircuitState.OPEN);
        healthStatus = downWhenOpen && !open.isEmpty() ? HealthStatus.DOWN : HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("openCircuitBreakers", open);
        details.put("halfOpenCircuitBreakers", names(CircuitState.HALF_OPEN));
        return details;
    }

    private List<String> names(CircuitState state) {
        return shared.breakers().stream().filter(breaker -> breaker.state() == state).map(breaker -> breaker.policy().name())
                .toList();
    }

}
