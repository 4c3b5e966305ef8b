package dev.sturdy.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * One diagnostic to print: where (the element, and when known the annotation and its value, so
 * that javac points at the exact text), how bad, and what to say.
 *
 * @param kind ERROR, or WARNING for lint
 * @param message starts with {@code [sturdy:<code>]}
 * @param element the method or type
 * @param mirror the annotation at fault, or {@code null}
 * @param value the attribute value at fault, or {@code null}
 */
record Finding(Diagnostic.Kind kind, String message, Element element, AnnotationMirror mirror, AnnotationValue value) {

    static Finding error(String message, Use use, AnnotationValue value) {
        return new Finding(Diagnostic.Kind.ERROR, message, use.element(), use.mirror(), value);
    }
}
