package dev.sturdy.processor;

import com.google.auto.service.AutoService;
import io.micronaut.aop.InterceptorBinding;
import io.micronaut.aop.InterceptorKind;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.annotation.AnnotationRemapper;
import io.micronaut.inject.visitor.VisitorContext;

import java.util.List;

/**
 * Gives every annotation of {@code dev.sturdy.annotation} one and the same around-advice binding,
 * so that a method carrying any number of Sturdy annotations is proxied and enters Sturdy's
 * interceptor exactly once per call. Binding all of them to one marker matters: Micronaut's
 * {@code @InterceptorBean(A, B)} would require both A and B.
 */
@AutoService(AnnotationRemapper.class)
public final class InterceptorBindingRemapper implements AnnotationRemapper {

    /** The marker the interceptor is bound to; it lives in {@code sturdy-runtime}. */
    static final String BINDING_MARKER = "dev.sturdy.runtime.micronaut.SturdyBinding";

    private static final AnnotationValue<InterceptorBinding> BINDING = AnnotationValue.builder(InterceptorBinding.class)
            .value(BINDING_MARKER)
            .member("kind", InterceptorKind.AROUND)
            .build();

    @Override
    public String getPackageName() {
        return "dev.sturdy.annotation";
    }

    @Override
    public List<AnnotationValue<?>> remap(AnnotationValue<?> annotation, VisitorContext visitorContext) {
        return List.of(AnnotationValue.builder(annotation).stereotype(BINDING).build());
    }
}
