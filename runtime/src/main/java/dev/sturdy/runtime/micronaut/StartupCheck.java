package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.micronaut.beans.ChaosSwitches;
import dev.sturdy.runtime.micronaut.config.SturdySettings;
import dev.sturdy.runtime.micronaut.config.YamlCheck;
import dev.sturdy.runtime.micronaut.declaration.ChainFactory;
import dev.sturdy.runtime.micronaut.chain.MethodChain;
import io.micronaut.aop.Intercepted;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanContext;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds every protected method's chain when the application starts and hands them all to the
 * interceptor at once, so that no chain is built twice and no first call pays for one; an
 * invalid configured value, or one reached through a placeholder, fails start-up instead of a
 * call later, with every problem listed at once. Then warns about configuration keys that
 * matched nothing (typos must not be silent). It runs when the context has started (a call made
 * before that, from another bean's start-up, builds its chain on its first call), so that a
 * problem reaches the caller of {@code ApplicationContext.run()} as Sturdy's own
 * {@link ConfigurationException}, its message the first line the user sees, not three causes
 * down in a {@code BeanInstantiationException}.
 */
@Singleton
final class StartupCheck implements ApplicationEventListener<StartupEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger("dev.sturdy");

    private final BeanContext beans;
    private final ChainFactory factory;
    private final SturdyInterceptor interceptor;
    private final SturdySettings settings;
    private final ChaosSwitches chaos;

    StartupCheck(BeanContext beans, ChainFactory factory, SturdyInterceptor interceptor, SturdySettings settings,
            ChaosSwitches chaos) {
        this.chaos = chaos;
        this.beans = beans;
        this.factory = factory;
        this.interceptor = interceptor;
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        check();
    }

    /** @return first among start-up listeners: the others (the metrics' gauges) see every chain built */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Fault injection is never silent: where it is allowed, and where it is configured but not allowed. */
    private void reportChaos() {
        if (!chaos.enabled()) {
            List<String> ignored = settings.acknowledgeChaos();
            if (!ignored.isEmpty()) {
                LOG.info("[sturdy:chaos-off] fault injection is configured for {} but sturdy.chaos.enabled is not true, so "
                        + "nothing is injected", ignored);
            }
            return;
        }
        List<String> injecting = chaos.all().entrySet().stream().filter(entry -> entry.getValue().injecting())
                .map(Map.Entry::getKey).toList();
        LOG.warn("[sturdy:chaos-on] fault injection is enabled (sturdy.chaos.enabled: true); injecting now into {}; the "
                + "/sturdy endpoint can change it", injecting.isEmpty() ? "no method" : injecting);
    }

    @SuppressWarnings("unchecked")
    void check() {
        if (!settings.enabled()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        Map<SturdyInterceptor.ChainKey, MethodChain> chains = new HashMap<>();
        for (BeanDefinition<?> definition : beans.getAllBeanDefinitions()) {
            if (!Intercepted.class.isAssignableFrom(definition.getBeanType())) {
                continue;
            }
            for (ExecutableMethod<?, ?> method : definition.getExecutableMethods()) {
                try {
                    MethodChain chain = factory.buildIfProtected((ExecutableMethod<Object, Object>) method, interceptor);
                    if (chain != null) { // null: only other interceptors bind it, it never reaches Sturdy's
                        chains.put(new SturdyInterceptor.ChainKey(definition.getBeanType(), method), chain);
                    }
                } catch (ConfigurationException invalid) {
                    problems.add(invalid.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Sturdy cannot start: " + (problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems:\n" + String.join("\n", problems)));
        }
        interceptor.install(chains);
        Set<String> environments = beans instanceof ApplicationContext application
                ? application.getEnvironment().getActiveNames() : Set.of();
        YamlCheck.ignoredYaml(StartupCheck.class.getClassLoader(), environments).ifPresent(LOG::warn);
        reportChaos();
        for (String key : settings.unread()) {
            LOG.warn("[sturdy:unknown-key] {} matches no method, policy or attribute that Sturdy protects, so it has no effect; "
                    + "check its spelling (sturdy.methods.\"<class>#<method>\".<policy>.<attribute>, or "
                    + "sturdy.circuit-breakers|bulkheads|rate-limits|adaptive-limits|retry-budgets.<name>.<attribute>, or "
                    + "sturdy.chaos.methods.\"<class>#<method>\".fault-rate|exception|latency|latency-rate)", key);
        }
    }
}
