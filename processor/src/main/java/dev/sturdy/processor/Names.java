package dev.sturdy.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import java.util.stream.Collectors;

/**
 * How messages name methods and types: simple names, as the runtime names them too.
 */
final class Names {

    private Names() {
    }

    /** @return {@code PriceService.quote(String)} */
    static String of(ExecutableElement method, ProcessingEnvironment env) {
        String parameters = method.getParameters().stream()
                .map(parameter -> simple(env.getTypeUtils().erasure(parameter.asType())))
                .collect(Collectors.joining(", "));
        return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "(" + parameters + ")";
    }

    /** @return {@code String} for {@code java.lang.String}; type arguments kept, simple too */
    static String simple(TypeMirror type) {
        if (type instanceof DeclaredType declared) {
            String name = declared.asElement().getSimpleName().toString();
            if (declared.getTypeArguments().isEmpty()) {
                return name;
            }
            return name + declared.getTypeArguments().stream().map(Names::simple).collect(Collectors.joining(", ", "<", ">"));
        }
        return type.toString();
    }

    /** @return {@code String cached(int)} */
    static String signature(ExecutableElement method) {
        return simple(method.getReturnType()) + " " + method.getSimpleName()
                + method.getParameters().stream().map(p -> simple(p.asType())).collect(Collectors.joining(", ", "(", ")"));
    }
}
