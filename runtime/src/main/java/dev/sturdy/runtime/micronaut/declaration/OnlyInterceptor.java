package dev.sturdy.runtime.micronaut.declaration;

import io.micronaut.aop.Interceptor;
import io.micronaut.aop.InterceptorBinding;
import io.micronaut.context.BeanContext;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.inject.ExecutableMethod;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Tells whether Sturdy's interceptor is the only one around a method, from the method's interceptor
 * bindings: when every binding is Sturdy's (its interceptor's own and its annotations'), proceeding
 * from Sturdy's interceptor may call the method itself rather than walk Micronaut's chain again on
 * every attempt (see {@link MicronautInvoker}). The interceptor beans are looked at once, on the
 * first question: if any other is bound to a Sturdy annotation, the answer is always no.
 * Thread-safe.
 */
final class OnlyInterceptor {

    private final BeanContext beanContext;
    private final Collection<Class<? extends Annotation>> annotations;
    private volatile Predicate<AnnotationMetadata> bindsOnlySturdys;

    /**
     * @param beanContext where the interceptor beans are found
     * @param annotations Sturdy's annotations
     */
    OnlyInterceptor(BeanContext beanContext, Collection<Class<? extends Annotation>> annotations) {
        this.beanContext = beanContext;
        this.annotations = annotations;
    }

    /**
     * @param method a method that Sturdy's interceptor applies to
     * @param sturdys Sturdy's interceptor
     * @return whether no other interceptor applies to it, and it has a body to call
     */
    boolean aroundOnly(ExecutableMethod<?, ?> method, Interceptor<?, ?> sturdys) {
        Predicate<AnnotationMetadata> onlySturdys = bindsOnlySturdys;
        if (onlySturdys == null) {
            onlySturdys = bindsOnlySturdys(sturdys);
            bindsOnlySturdys = onlySturdys;
        }
        return !method.isAbstract() && onlySturdys.test(method.getAnnotationMetadata());
    }

    private Predicate<AnnotationMetadata> bindsOnlySturdys(Interceptor<?, ?> sturdys) {
        Set<String> names = new HashSet<>();
        annotations.forEach(annotation -> names.add(annotation.getName()));
        beanContext.findBeanDefinition(sturdys.getClass()).ifPresent(definition -> names.addAll(bindings(definition
                .getAnnotationMetadata())));
        boolean othersBindSturdys = beanContext.getBeanDefinitions(Interceptor.class).stream()
                .filter(definition -> definition.getBeanType() != sturdys.getClass())
                .anyMatch(definition -> bindings(definition.getAnnotationMetadata()).stream().anyMatch(names::contains));
        return othersBindSturdys ? metadata -> false : metadata -> names.containsAll(bindings(metadata));
    }

    /** @return the names of the annotations that the metadata's interceptor bindings bind to */
    private static Set<String> bindings(AnnotationMetadata metadata) {
        return metadata.getAnnotationValuesByType(InterceptorBinding.class).stream()
                .map(binding -> binding.stringValue().orElse(""))
                .collect(Collectors.toSet());
    }
}
