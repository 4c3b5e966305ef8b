package dev.sturdy.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Sturdy annotation where it is written: on a method, or on a type (then it applies to the
 * type's public methods). Gives its attribute values, with defaults, and names the place the way
 * messages do ({@code PriceService.quote(String)}).
 *
 * @param element the annotated method or type
 * @param mirror the annotation
 * @param env the processing environment
 */
record Use(Element element, AnnotationMirror mirror, ProcessingEnvironment env) {

    /** @return the annotation's simple name, e.g. {@code Retry} */
    String annotation() {
        return mirror.getAnnotationType().asElement().getSimpleName().toString();
    }

    boolean onMethod() {
        return element.getKind() == ElementKind.METHOD;
    }

    ExecutableElement method() {
        return (ExecutableElement) element;
    }

    TypeElement type() {
        return onMethod() ? (TypeElement) element.getEnclosingElement() : (TypeElement) element;
    }

    /** @return where the annotation is, as messages name it */
    String location() {
        return onMethod() ? Names.of(method(), env) : type().getSimpleName().toString();
    }

    /** @return the value written in the source, if the attribute was written */
    Optional<AnnotationValue> written(String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** @return the value written, or the attribute's default */
    AnnotationValue value(String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : env.getElementUtils().getElementValuesWithDefaults(mirror).entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return entry.getValue();
            }
        }
        throw new IllegalStateException("@" + annotation() + " has no attribute " + attribute);
    }

    /** @return the classes of an exception-list attribute, written or default */
    List<TypeMirror> classes(String attribute) {
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) value(attribute).getValue();
        return values.stream().map(value -> (TypeMirror) value.getValue()).toList();
    }

    /** @return the attributes with their values, defaults included, as written in source */
    Map<String, String> allValues() {
        Map<String, String> values = new TreeMap<>();
        env.getElementUtils().getElementValuesWithDefaults(mirror)
                .forEach((attribute, value) -> values.put(attribute.getSimpleName().toString(), value.toString()));
        return values;
    }
}
