package dev.sturdy.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Which annotations apply to a method, as Sturdy applies them. */
final class Annotations {

    private Annotations() {
    }

    /**
     * @param method a method
     * @param annotation an annotation's qualified name
     * @return whether the annotation is on the method, or on its class (which covers public methods)
     */
    static boolean applyTo(ExecutableElement method, String annotation) {
        boolean onClass = method.getModifiers().contains(Modifier.PUBLIC) && carries(method.getEnclosingElement(), annotation);
        return carries(method, annotation) || onClass;
    }

    /** @return whether the element itself carries the annotation */
    static boolean carries(Element element, String annotation) {
        return element.getAnnotationMirrors().stream().anyMatch(mirror -> named(mirror, annotation));
    }

    private static boolean named(AnnotationMirror mirror, String annotation) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation);
    }
}
