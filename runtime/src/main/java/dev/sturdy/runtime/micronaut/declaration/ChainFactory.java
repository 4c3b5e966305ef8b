package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.micronaut.beans.ChaosSwitches;
import dev.sturdy.runtime.micronaut.beans.FanoutExecutor;
import dev.sturdy.runtime.micronaut.beans.PolicyKey;
import dev.sturdy.runtime.micronaut.beans.PolicyStore;
import dev.sturdy.runtime.micronaut.beans.PolicyStates;
import dev.sturdy.runtime.micronaut.beans.SturdyBeans;
import dev.sturdy.runtime.micronaut.config.SturdySettings;
import dev.sturdy.runtime.micronaut.observe.AllObservers;
import dev.sturdy.runtime.micronaut.observe.PolicyObserver;
import dev.sturdy.runtime.micronaut.chain.MethodChain;
import dev.sturdy.runtime.micronaut.chain.ReactiveType;
import dev.sturdy.runtime.micronaut.chain.SingleChain;
import dev.sturdy.runtime.micronaut.chain.SingleInvoker;
import dev.sturdy.runtime.micronaut.chain.StreamChain;
import dev.sturdy.runtime.micronaut.chain.StageChain;
import dev.sturdy.runtime.micronaut.chain.StreamInvoker;
import dev.sturdy.runtime.micronaut.chain.FanoutStreamInvoker;
import dev.sturdy.runtime.micronaut.chain.SuspendChain;
import dev.sturdy.runtime.micronaut.chain.SuspendInvoker;
import dev.sturdy.runtime.micronaut.chain.SyncChain;

import dev.sturdy.annotation.AdaptiveLimit;
import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.Hedge;
import dev.sturdy.annotation.RateLimit;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.bulkhead.BulkheadStrategy;
import dev.sturdy.runtime.chaos.ChaosStrategy;
import dev.sturdy.runtime.chaos.ChaosSwitch;
import dev.sturdy.runtime.circuit.CircuitBreakerStrategy;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.ObservedStrategy;
import dev.sturdy.runtime.core.Sentinel;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.fallback.FallbackCall;
import dev.sturdy.runtime.fallback.FallbackStrategy;
import dev.sturdy.runtime.fanout.FanoutShape;
import dev.sturdy.runtime.fanout.FanoutStrategy;
import dev.sturdy.runtime.fanout.StreamFanout;
import dev.sturdy.runtime.hedge.HedgeStrategy;
import dev.sturdy.runtime.retry.RetryBudget;
import dev.sturdy.runtime.limit.AdaptiveLimitStrategy;
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
import io.micronaut.core.convert.ConversionService;
import io.micronaut.inject.ExecutableMethod;
import org.reactivestreams.Publisher;
import io.micronaut.inject.annotation.AnnotationMetadataHierarchy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
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
            List.of(Fallback.class, Fanout.class, Retry.class, Hedge.class, CircuitBreaker.class, RateLimit.class,
                    Timeout.class, AdaptiveLimit.class, Bulkhead.class);

    private final SturdyClock clock;
    private final Watchdog watchdog;
    private final ExecutorService executor;
    private final Environment environment;
    private final PolicyStates shared;
    private final InFlight inFlight;
    private final FanoutExecutor fanoutExecutor;
    private final SturdySettings settings;
    private final RetryBudgets retryBudgets;
    private final PolicyObserver observer;
    private final BeanContext beanContext;
    private final ConversionService conversions;
    private final ChaosSwitches chaos;
    private final PolicyStores stores;
    private final OnlyInterceptor onlyInterceptor;
    private final AtomicLong chainsBuilt = new AtomicLong();

    ChainFactory(SturdyClock clock, Watchdog watchdog, @Named(SturdyBeans.EXECUTOR) ExecutorService executor,
            Environment environment,
                 PolicyStates shared, InFlight inFlight, FanoutExecutor fanoutExecutor, SturdySettings settings,
                         AllObservers observers,
                 BeanContext beanContext, ConversionService conversions, ChaosSwitches chaos, List<PolicyStore> stores) {
        this.beanContext = beanContext;
        this.onlyInterceptor = new OnlyInterceptor(beanContext, ALL);
        this.chaos = chaos;
        this.stores = new PolicyStores(settings, stores);
        this.conversions = conversions;
        this.clock = clock;
        this.watchdog = watchdog;
        this.executor = executor;
        this.environment = environment;
        this.shared = shared;
        this.inFlight = inFlight;
        this.fanoutExecutor = fanoutExecutor;
        this.settings = settings;
        this.retryBudgets = new RetryBudgets(settings, clock);
        this.observer = observers.asOne();
    }

    /** @return how many chains with a policy this factory has built: one per protected method, at start-up */
    public long chainsBuilt() {
        return chainsBuilt.get();
    }

    /**
     * Nests the strategies, outermost first:
     * {@code Fallback → Fanout → Retry → Hedge → CircuitBreaker → RateLimit → Timeout → AdaptiveLimit/Bulkhead → method}.
     *
     * @throws ConfigurationException naming annotation, attribute, method and value when a use is invalid
     */
    public MethodChain build(ExecutableMethod<Object, Object> method, MethodInterceptor<Object, Object> interceptor) {
        MethodChain chain = buildIfProtected(method, interceptor);
        return chain != null ? chain : new SyncChain(new Sentinel<>(invoker(method, interceptor),
                MethodName.of(method).display()));
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
        ResultShape shape = ResultShape.of(method, name, first);
        MicronautInvoker invoker = invoker(method, interceptor);
        chainsBuilt.incrementAndGet();
        return switch (shape) {
            case SYNC -> new SyncChain(nest(annotations, invoker, shape, call -> call));
            case STAGE -> new StageChain(nest(annotations, invoker, shape, call -> call));
            case SINGLE -> {
                ReactiveType type = reactiveType(method, name, first, true);
                SingleInvoker single = new SingleInvoker(invoker, type);
                yield new SingleChain(nest(annotations, single, shape, single::subscribing), invoker, type);
            }
            case SUSPEND -> new SuspendChain(nest(annotations, new SuspendInvoker(invoker, interceptor, conversions), shape,
                    call -> call), conversions);
            case STREAM -> {
                ReactiveType type = reactiveType(method, name, first, false);
                StreamInvoker stream = new StreamInvoker(invoker, type);
                Optional<AnnotationAttributes> fanout = annotations.find(Fanout.class);
                if (fanout.isEmpty()) {
                    yield new StreamChain(nest(annotations, stream, shape, stream::subscribing), invoker, type);
                }
                yield streamFanout(annotations, fanout.get(), invoker, stream, type);
            }
        };
    }

    private MicronautInvoker invoker(ExecutableMethod<Object, Object> method, MethodInterceptor<Object, Object> interceptor) {
        return new MicronautInvoker(interceptor, beanContext, onlyInterceptor.aroundOnly(method, interceptor));
    }

    /**
     * A fan-out that returns a publisher: each chunk is a call through the policies inside
     * {@code @Fanout}, the fan-out as a whole is the call that {@code @Fallback} (and observation) see.
     */
    private MethodChain streamFanout(Annotations annotations, AnnotationAttributes fanout, MicronautInvoker invoker,
            StreamInvoker stream, ReactiveType type) {
        Annotations inside = annotations.without(Fallback.class, Fanout.class);
        StreamChain chunks = new StreamChain(nest(inside, stream, ResultShape.STREAM, stream::subscribing, Part.CHUNKS),
                invoker, type);
        StreamFanout<MethodInvocationContext<Object, Object>> fan = new StreamFanout<>(PolicyReader.fanout(fanout),
                fanoutShape(annotations, ResultShape.STREAM), invoker, chunk -> (Publisher<?>) chunks.run(chunk), observer,
                clock);
        StreamInvoker whole = new StreamInvoker(new FanoutStreamInvoker(invoker, fan), type);
        Annotations outside = annotations.without(Fanout.class, Retry.class, Hedge.class, CircuitBreaker.class,
                RateLimit.class, Timeout.class, Bulkhead.class, AdaptiveLimit.class);
        return new StreamChain(nest(outside, whole, ResultShape.STREAM, whole::subscribing, Part.AROUND_CHUNKS), invoker,
                type);
    }

    /** @throws ConfigurationException when the signature does not fan out, or a one-shot source would be read again */
    private static FanoutShape fanoutShape(Annotations annotations, ResultShape shape) {
        FanoutShape fanoutShape = FanoutShapes.of(annotations.method, annotations.name, shape);
        List<String> rereading = Stream.of(Retry.class, Fallback.class).filter(type -> annotations.find(type).isPresent())
                .map(Class::getSimpleName).toList();
        if (!fanoutShape.items().reusable() && !rereading.isEmpty()) {
            throw new ConfigurationException(Diagnostics.fanoutOneShotSource(annotations.name.location(),
                    annotations.method.getArgumentTypes()[fanoutShape.itemsIndex()].getSimpleName(), rereading.get(0)));
        }
        return fanoutShape;
    }

    private <I> Strategy<I> nest(Annotations annotations, Invoker<I> invoker, ResultShape shape,
            Function<FallbackCall<MethodInvocationContext<Object, Object>>, FallbackCall<I>> fallbackCall) {
        return nest(annotations, invoker, shape, fallbackCall, Part.WHOLE);
    }

    /** Which part of a method's call a chain is for. */
    private enum Part {
        /** The whole call. */
        WHOLE,
        /** Each chunk of a fan-out that returns a publisher: the method's own calls, but parts of one call. */
        CHUNKS,
        /** Such a fan-out as a whole, around its chunks' calls: it does not call the method itself. */
        AROUND_CHUNKS
    }

    /**
     * Nests the strategies that apply, in the one order Sturdy applies them (see {@link #build}).
     *
     * @param invoker proceeds with the method: directly, or subscribing to what it returns
     * @param fallbackCall adapts a call of the fallback method to the invoker's kind of call
     * @param part which part of the call: calls are observed as a whole, and faults injected where the method is called
     * @param <I> the invoker's kind of call
     */
    private <I> Strategy<I> nest(Annotations annotations, Invoker<I> invoker, ResultShape shape,
            Function<FallbackCall<MethodInvocationContext<Object, Object>>, FallbackCall<I>> fallbackCall, Part part) {
        ExecutableMethod<Object, Object> method = annotations.method;
        MethodName name = annotations.name;
        Facilities<I> facilities = new Facilities<>(invoker, clock, inFlight, executor);
        Strategy<I> chain = new Sentinel<>(invoker, name.display());
        if (chaos.enabled() && part != Part.AROUND_CHUNKS) {
            chain = new ChaosStrategy<>(chaos.of(name.fullName(), () -> chaosSwitch(name)), chain, facilities, observer);
        }
        Optional<AnnotationAttributes> bulkhead = annotations.find(Bulkhead.class);
        Optional<AnnotationAttributes> adaptiveLimit = annotations.find(AdaptiveLimit.class);
        if (bulkhead.isPresent() && adaptiveLimit.isPresent()) {
            throw new ConfigurationException(Diagnostics.bulkheadAndAdaptiveLimit(name.location()));
        }
        if (adaptiveLimit.isPresent()) {
            PolicyKey key = adaptiveLimit.get().key();
            chain = new AdaptiveLimitStrategy<>(shared.adaptiveLimit(key, PolicyReader.adaptiveLimit(adaptiveLimit.get(), key)),
                    chain, clock, observer);
        }
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
            chain = new RateLimitStrategy<>(stores.rateLimit(rateLimit.get(), shared.rateLimiter(key,
                    PolicyReader.rateLimit(rateLimit.get(), key))), chain, facilities, observer);
        }
        Optional<AnnotationAttributes> breaker = annotations.find(CircuitBreaker.class);
        if (breaker.isPresent()) {
            PolicyKey key = breaker.get().key();
            var state = shared.breaker(key, PolicyReader.circuitBreaker(breaker.get(), key));
            stores.circuitBreaker(breaker.get(), state);
            chain = new CircuitBreakerStrategy<>(state, chain);
        }
        Optional<AnnotationAttributes> retry = annotations.find(Retry.class);
        RetryBudget retryBudget = retry.map(retryBudgets::of).orElse(null);
        RetryBudget hedgeBudget = null;
        Optional<AnnotationAttributes> hedge = annotations.find(Hedge.class);
        if (hedge.isPresent()) {
            if (shape == ResultShape.STREAM || shape == ResultShape.SUSPEND) {
                throw new ConfigurationException(Diagnostics.hedgeReturnType(name.location(), shape == ResultShape.SUSPEND
                        ? "suspend" : method.getReturnType().getType().getSimpleName()));
            }
            hedgeBudget = retryBudgets.of(hedge.get());
            // under a retry, each call funds the hedges' budget once, not once per attempt
            chain = new HedgeStrategy<>(PolicyReader.hedge(hedge.get()), hedgeBudget, retry.isEmpty(), chain, facilities,
                    observer);
        }
        if (retry.isPresent()) {
            chain = new RetryStrategy<>(PolicyReader.retry(retry.get()), retryBudget, hedgeBudget, chain, facilities,
                    observer);
        }
        Optional<AnnotationAttributes> fanout = annotations.find(Fanout.class);
        if (fanout.isPresent()) {
            chain = new FanoutStrategy<>(PolicyReader.fanout(fanout.get()), fanoutShape(annotations, shape), chain, facilities,
                    fanoutExecutor.get(), observer);
        }
        Optional<AnnotationAttributes> fallback = annotations.find(Fallback.class);
        if (fallback.isPresent()) {
            chain = new FallbackStrategy<>(PolicyReader.fallback(fallback.get()), chain,
                    fallbackCall.apply(FallbackMethods.find(method, fallback.get(), shape)), observer);
        }
        if (part != Part.CHUNKS && observer.observesCalls()) {
            chain = new ObservedStrategy<>(name.display(), chain, observer, clock);
        }
        return chain;
    }

    /** @throws ConfigurationException naming the key when a configured value is not allowed */
    private ChaosSwitch chaosSwitch(MethodName name) {
        try {
            return new ChaosSwitch(name.display(), ChaosReader.configured(settings, name.fullName(), name.display()));
        } catch (IllegalArgumentException invalid) {
            throw new ConfigurationException(invalid.getMessage());
        }
    }

    /**
     * @param single whether the method's publisher emits at most one element
     * @throws ConfigurationException when Micronaut cannot convert Sturdy's publisher to the method's return type
     */
    private ReactiveType reactiveType(ExecutableMethod<Object, Object> method, MethodName name, String first,
            boolean single) {
        ReactiveType type = new ReactiveType(method.getReturnType().asArgument(), conversions, name.display());
        if (!type.convertible(single)) {
            throw new ConfigurationException(Diagnostics.unconvertibleReturnType(first, name.location(),
                    method.getReturnType().getType().getSimpleName()));
        }
        return type;
    }

    /** The Sturdy annotations that apply to one method: its own, else its class's when it is public. */
    private final class Annotations {

        private final AnnotationMetadata metadata;
        private final boolean classLevelApplies;
        private final MethodName name;
        private final ExecutableMethod<Object, Object> method;
        private final Set<Class<? extends Annotation>> leftOut;

        Annotations(AnnotationMetadata metadata, ExecutableMethod<Object, Object> method, MethodName name) {
            this(metadata, method, name, Set.of());
        }

        private Annotations(AnnotationMetadata metadata, ExecutableMethod<Object, Object> method, MethodName name,
                Set<Class<? extends Annotation>> leftOut) {
            this.metadata = metadata;
            this.method = method;
            this.classLevelApplies = Modifier.isPublic(method.getTargetMethod().getModifiers());
            this.name = name;
            this.leftOut = leftOut;
        }

        /** @return the same annotations, but for these, which {@link #find} then reports absent */
        @SafeVarargs
        final Annotations without(Class<? extends Annotation>... types) {
            return new Annotations(metadata, method, name, Set.of(types));
        }

        /** @return the simple name of the first Sturdy annotation that applies, or {@code null} */
        String first() {
            return ALL.stream().filter(type -> declared(type).isPresent()).map(Class::getSimpleName).findFirst().orElse(null);
        }

        /** @return the annotation's attributes, unless it is absent or switched off by configuration */
        Optional<AnnotationAttributes> find(Class<? extends Annotation> type) {
            return leftOut.contains(type) ? Optional.empty() : declared(type).filter(AnnotationAttributes::enabled);
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
