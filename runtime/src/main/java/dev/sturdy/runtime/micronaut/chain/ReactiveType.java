package dev.sturdy.runtime.micronaut.chain;

import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.type.Argument;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A protected method's reactive return type, converted to and from a {@link Publisher} by
 * Micronaut's {@link ConversionService}: Reactor's types and plain publishers need no conversion;
 * RxJava 3's need {@code micronaut-rxjava3}'s converters. Thread-safe.
 */
public final class ReactiveType {

    private final Argument<Object> type;
    private final ConversionService conversions;
    private final String method;

    /**
     * @param type the method's return type
     * @param conversions converts the method's results to publishers and back
     * @param method the method as {@code SimpleClass#method}, for messages
     */
    public ReactiveType(Argument<Object> type, ConversionService conversions, String method) {
        this.type = type;
        this.conversions = conversions;
        this.method = method;
    }

    /**
     * @param single whether Sturdy gives the caller a {@link Mono} (else a {@link Flux})
     * @return whether Micronaut can convert that to the method's return type
     */
    public boolean convertible(boolean single) {
        Class<?> produced = single ? Mono.class : Flux.class;
        return type.getType().isAssignableFrom(produced) || conversions.canConvert(produced, type.getType());
    }

    /**
     * @param result what the method (or its fallback) returned
     * @return it as a publisher that keeps the rules Sturdy relies on: an element that is
     * {@code null} or beyond the subscriber's demand fails the subscription with a message naming
     * the method, rather than reach the subscriber
     * @throws IllegalStateException when it is {@code null} or cannot be converted
     */
    Flux<Object> toPublisher(Object result) {
        Publisher<Object> publisher = asPublisher(result);
        return Flux.defer(() -> {
            AtomicLong outstanding = new AtomicLong();
            return Flux.from(publisher).handle((element, sink) -> {
                if (element == null) {
                    sink.error(new NullPointerException(method + "'s publisher emitted null, which reactive streams forbid"));
                } else if (outstanding.getAndDecrement() <= 0) {
                    sink.error(new IllegalStateException(method + "'s publisher emitted more elements than were requested"));
                } else {
                    sink.next(element);
                }
            }).doOnRequest(requested -> outstanding.accumulateAndGet(requested, Operators::addCap));
        });
    }

    @SuppressWarnings("unchecked")
    private Publisher<Object> asPublisher(Object result) {
        if (result instanceof Publisher<?> publisher) {
            return (Publisher<Object>) publisher;
        }
        if (result == null) {
            throw new IllegalStateException(method + " returned null instead of a " + type.getType().getSimpleName());
        }
        return conversions.convert(result, Publisher.class).orElseThrow(() -> new IllegalStateException(
                method + " returned a " + result.getClass().getName() + ", which Micronaut cannot convert to a Publisher"));
    }

    /**
     * @param publisher what the caller subscribes to
     * @return it as the method's return type
     */
    Object fromPublisher(Publisher<Object> publisher) {
        if (type.getType().isInstance(publisher)) {
            return publisher;
        }
        return conversions.convert(publisher, type).orElseThrow(() -> new IllegalStateException(
                "Micronaut cannot convert a Publisher to " + type.getType().getName() + " for " + method));
    }
}
