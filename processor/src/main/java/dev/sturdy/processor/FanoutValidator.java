package dev.sturdy.processor;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.ReturnTypes;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code @Fanout}: ranges, exactly one {@code List}, {@code Set}, {@code Collection}, {@code Iterable},
 * {@code Iterator} or {@code Stream} parameter,
 * and a result type that merges ({@code List}, {@code Collection}, {@code Map}, {@code void}, or a
 * {@code CompletionStage}/{@code CompletableFuture} of one of them); or a {@code Publisher} or
 * {@code Flux} of the chunks' elements, which may also take its items as a {@code Publisher} or {@code Flux}.
 */
final class FanoutValidator implements Validator {

    private static final Set<String> ITEMS = Set.of("java.util.List", "java.util.Set", "java.util.Collection",
            "java.lang.Iterable", "java.util.Iterator", "java.util.stream.Stream");
    private static final Set<String> ONE_SHOT = Set.of("java.util.Iterator", "java.util.stream.Stream");
    private static final List<String> SOURCES = List.of("java.lang.Iterable", "java.util.Iterator",
            "java.util.stream.BaseStream", "org.reactivestreams.Publisher");
    /** What a fan-out may return its chunks' elements as, and then also take its items as. */
    private static final Set<String> PUBLISHERS = Set.of("org.reactivestreams.Publisher", "reactor.core.publisher.Flux");
    private static final Set<String> RESULTS = Set.of("java.util.List", "java.util.Collection", "java.util.Map");

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>(Attributes.check(use));
        Types types = use.env().getTypeUtils();
        List<TypeMirror> sources = SOURCES.stream().map(name -> use.env().getElementUtils().getTypeElement(name))
                .filter(type -> type != null).map(type -> types.erasure(type.asType())).toList();
        boolean elements = PUBLISHERS.contains(erasedName(use.method().getReturnType(), types));
        List<? extends VariableElement> parameters = use.method().getParameters();
        List<VariableElement> collections = parameters.stream()
                .filter(parameter -> sources.stream().anyMatch(source -> types.isAssignable(types.erasure(parameter.asType()),
                        source)))
                .collect(Collectors.toList());
        if (collections.size() != 1 || !ITEMS.contains(erasedName(collections.get(0).asType(), types))
                && !(elements && PUBLISHERS.contains(erasedName(collections.get(0).asType(), types)))) {
            String written = parameters.stream().map(parameter -> Names.simple(types.erasure(parameter.asType())))
                    .collect(Collectors.joining(", "));
            findings.add(Finding.error(Diagnostics.fanoutParameters(use.location(), written), use, null));
        }
        if (collections.size() == 1 && ONE_SHOT.contains(erasedName(collections.get(0).asType(), types))) {
            for (String rereading : List.of("Retry", "Fallback")) {
                if (Annotations.applyTo(use.method(), "dev.sturdy.annotation." + rereading)) {
                    findings.add(Finding.error(Diagnostics.fanoutOneShotSource(use.location(),
                            Names.simple(types.erasure(collections.get(0).asType())), rereading), use, null));
                    break;
                }
            }
        }
        if (!elements && !merges(use.method().getReturnType(), types)) {
            findings.add(Finding.error(Diagnostics.fanoutReturnType(use.location(), Names.simple(use.method()
                    .getReturnType())), use, null));
        }
        return findings;
    }

    private static boolean merges(TypeMirror returned, Types types) {
        if (returned.getKind() == TypeKind.VOID) {
            return true;
        }
        String name = erasedName(returned, types);
        if (ReturnTypes.STAGES.contains(name)) {
            List<? extends TypeMirror> arguments = ((DeclaredType) returned).getTypeArguments();
            return !arguments.isEmpty() && (RESULTS.contains(erasedName(arguments.get(0), types))
                    || erasedName(arguments.get(0), types).equals("java.lang.Void"));
        }
        return RESULTS.contains(name);
    }

    private static String erasedName(TypeMirror type, Types types) {
        return types.erasure(type).toString();
    }
}
