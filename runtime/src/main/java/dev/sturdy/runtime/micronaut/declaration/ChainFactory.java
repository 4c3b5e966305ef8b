package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.micronaut.beans.FanoutExecutor;
import dev.sturdy.runtime.micronaut.beans.PolicyKey;
import dev.sturdy.runtime.micronaut.beans.PolicyStates;
import dev.sturdy.runtime.micronaut.beans.SturdyBeans;
import dev.sturdy.runtime.micronaut.config.SturdySettings;
import dev.sturdy.runtime.micronaut.observe.AllObservers;
import dev.sturdy.runtime.micronaut.observe.PolicyObserver;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.ReturnTypes;
import dev.sturdy.runtime.bulkhead.BulkheadStrategy;
import dev.sturdy.runtime.circuit.CircuitBreakerStrategy;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.ObservedStrategy;
import dev.sturdy.runtime.core.Sentinel;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.fallback.FallbackStrategy;
import dev.sturdy.runtime.fanout.FanoutStrategy;
import dev.sturdy.runtime.ratelimit.RateLimitStrategy;
import dev.sturdy.runtime.retry.RetryStrategy;
import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.timeout.TimeoutStrategy;
import dev.sturdy.runtime.timeout.Watchdog;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.BeanContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.inject.annotation.AnnotationMetadataHierarchy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a method's chain from its annotations, once per method: reads and checks every attribute,
 * resolves placeholders, finds the fallback method, and nests the strategies in the one order
 * Sturdy applies them (see {@link #build}). Thread-safe.
 */
@Singleton
public final class ChainFactory {

    private static final List<Class<? extends Annotation>> ALL =
            List.of(Fallback.class, Fanout.class, Retry.class, CircuitBreaker.class, RateLimit.class, Timeout.class,
                    Bulkhead.class);

    private final SturdyClock clock;
    private final Watchdog watchdog;
    private final ExecutorService executor;
    private final Environment environment;
    private final PolicyStates shared;
    private final InFlight inFlight;
    private final FanoutExecutor fanoutExecutor;
    private final SturdySettings settings;
    private final PolicyObserver observer;
    private final BeanContext beanContext;
    private final AtomicLong chainsBuilt = new AtomicLong();

    ChainFactory(SturdyClock clock, Watchdog watchdog, @Named(SturdyBeans.EXECUTOR) ExecutorService executor,
            Environment environment,
                 PolicyStates shared, InFlight inFlight, FanoutExecutor fanoutExecutor, SturdySettings settings,
                         AllObservers observers,
                 BeanContext beanContext) {
        this.beanContext = beanContext;
        this.clock = clock;
        this.watchdog = watchdog;
        this.executor = executor;
        this.environment = environment;
        this.shared = shared;
        this.inFlight = inFlight;
        this.fanoutExecutor = fanoutExecutor;
        this.settings = settings;
        this.observer = observers.asOne();
    }

    /** @return how many chains with a policy this factory has built: one per protected method, at start-up */
    public long chainsBuilt() {
        return chainsBuilt.get();
    }

    /**
     * Nests the strategies, outermost first:
     * {@code Fallback → Fanout → Retry → CircuitBreaker → RateLimit → Timeout → Bulkhead → method}.
     *
     * @throws ConfigurationException naming annotation, attribute, method and value when a use is invalid
     */
    public MethodChain build(ExecutableMethod<Object, Object> method, MethodInterceptor<Object, Object> interceptor) {
        MethodChain chain = buildIfProtected(method, interceptor);
        return chain != null ? chain : new MethodChain(new Sentinel<>(new MicronautInvoker(interceptor, beanContext),
                MethodName.of(method).display()), false);
    }

    /**
     * Like {@link #build}, for a method that may carry no Sturdy annotation.
     *
     * @return the chain, or {@code null} when no Sturdy annotation applies to the method (or Sturdy is off)
     * @throws ConfigurationException naming annotation, attribute, method and value when a use is invalid
     */
    public MethodChain buildIfProtected(ExecutableMethod<Object, Object> method, MethodInterceptor<Object, Object> interceptor) {
        if (!settings.enabled()) {
            return null;
        }
        MethodName name = MethodName.of(method);
        Annotations annotations = new Annotations(method.getAnnotationMetadata(), method, name);
        String first = annotations.first();
        if (first == null) {
            return null;
        }
        Invoker<MethodInvocationContext<Object, Object>> invoker = new MicronautInvoker(interceptor, beanContext);
        Facilities<MethodInvocationContext<Object, Object>> facilities = new Facilities<>(invoker, clock, inFlight, executor);
        Strategy<MethodInvocationContext<Object, Object>> chain = new Sentinel<>(invoker, name.display());
        chainsBuilt.incrementAndGet();
        boolean async = isAsync(method, name, first);
        Optional<AnnotationAttributes> bulkhead = annotations.find(Bulkhead.class);
        if (bulkhead.isPresent()) {
            PolicyKey key = bulkhead.get().key();
            chain = new BulkheadStrategy<>(shared.bulkhead(key, PolicyReader.bulkhead(bulkhead.get(), key)), chain, facilities,
                    observer);
        }
        Optional<AnnotationAttributes> timeout = annotations.find(Timeout.class);
        if (timeout.isPresent()) {
            chain = new TimeoutStrategy<>(PolicyReader.timeout(timeout.get()), chain, facilities, watchdog, observer);
        }
        Optional<AnnotationAttributes> rateLimit = annotations.find(RateLimit.class);
        if (rateLimit.isPresent()) {
            PolicyKey key = rateLimit.get().key();
            chain = new RateLimitStrategy<>(shared.rateLimiter(key, PolicyReader.rateLimit(rateLimit.get(), key)), chain,
                    facilities, observer);
        }
        Optional<AnnotationAttributes> breaker = annotations.find(CircuitBreaker.class);
        if (breaker.isPresent()) {
            PolicyKey key = breaker.get().key();
            chain = new CircuitBreakerStrategy<>(shared.breaker(key, PolicyReader.circuitBreaker(breaker.get(), key)), chain);
        }
        Optional<AnnotationAttributes> retry = annotations.find(Retry.class);
        if (retry.isPresent()) {
            chain = new RetryStrategy<>(PolicyReader.retry(retry.get()), chain, facilities, observer);
        }
        Optional<AnnotationAttributes> fanout = annotations.find(Fanout.class);
        if (fanout.isPresent()) {
            chain = new FanoutStrategy<>(PolicyReader.fanout(fanout.get()), FanoutShapes.of(method, name, async), chain,
                    facilities,
                    fanoutExecutor.get(), observer);
        }
        Optional<AnnotationAttributes> fallback = annotations.find(Fallback.class);
        if (fallback.isPresent()) {
            chain = new FallbackStrategy<>(PolicyReader.fallback(fallback.get()), chain,
                    FallbackMethods.find(method, fallback.get(), async), observer);
        }
        if (observer.observesCalls()) {
            chain = new ObservedStrategy<>(name.display(), chain, observer, clock);
        }
        return new MethodChain(chain, async);
    }

    private static boolean isAsync(ExecutableMethod<?, ?> method, MethodName name, String firstAnnotation) {
        Class<?> type = method.getReturnType().getType();
        if (ReturnTypes.STAGES.contains(type.getCanonicalName())) {
            return true;
        }
        if (method.isSuspend()) {
            throw new ConfigurationException(Diagnostics.suspendFunction(firstAnnotation, name.location()));
        }
        if (isRefused(type)) {
            throw new ConfigurationException(Diagnostics.unsupportedReturnType(firstAnnotation, name.location(),
                    type.getSimpleName()));
        }
        return false;
    }

    /** Refused types are recognised by name: Sturdy depends on no reactive library. */
    private static boolean isRefused(Class<?> type) {
        String name = type.getCanonicalName();
        if (name != null && (ReturnTypes.REFUSED_SUPERTYPES.contains(name) || ReturnTypes.inRefusedPackage(name))) {
            return true;
        }
        return type.getSuperclass() != null && isRefused(type.getSuperclass())
                || Arrays.stream(type.getInterfaces()).anyMatch(ChainFactory::isRefused);
    }

    /** The Sturdy annotations that apply to one method: its own, else its class's when it is public. */
    private final class Annotations {

        private final AnnotationMetadata metadata;
        private final boolean classLevelApplies;
        private final MethodName name;
        private final ExecutableMethod<?, ?> method;

        Annotations(AnnotationMetadata metadata, ExecutableMethod<?, ?> method, MethodName name) {
            this.metadata = metadata;
            this.method = method;
            this.classLevelApplies = Modifier.isPublic(method.getTargetMethod().getModifiers());
            this.name = name;
        }

        /** @return the simple name of the first Sturdy annotation that applies, or {@code null} */
        String first() {
            return ALL.stream().filter(type -> declared(type).isPresent()).map(Class::getSimpleName).findFirst().orElse(null);
        }

        /** @return the annotation's attributes, unless it is absent or switched off by configuration */
        Optional<AnnotationAttributes> find(Class<? extends Annotation> type) {
            return declared(type).filter(AnnotationAttributes::enabled);
        }

        /**
         * The method's own annotation. A method with annotations of its own has a hierarchy (class,
         * method); one without has its class's metadata, whose declared part Micronaut 5 reports as
         * the class's annotations (4.10 reported none), so only the method itself can tell.
         */
        private Optional<? extends AnnotationValue<? extends Annotation>> own(Class<? extends Annotation> type) {
            if (metadata instanceof AnnotationMetadataHierarchy) {
                return metadata.getDeclaredMetadata().findAnnotation(type);
            }
            return method.getTargetMethod().isAnnotationPresent(type) ? metadata.findAnnotation(type) : Optional.empty();
        }

        private Optional<AnnotationAttributes> declared(Class<? extends Annotation> type) {
            Optional<? extends AnnotationValue<? extends Annotation>> own = own(type);
            Optional<? extends AnnotationValue<? extends Annotation>> found = own.isPresent() || !classLevelApplies
                    ? own : metadata.findAnnotation(type);
            return found.map(value -> new AnnotationAttributes(type, value, name, environment.getPlaceholderResolver(),
                    settings));
        }
    }
}
