package dev.sturdy.processor;

import com.google.auto.service.AutoService;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collection;

/**
 * Checks every use of Sturdy's annotations at compile time and reports misuse as errors on the
 * exact annotation value, worded as the runtime words it, plus the anti-pattern lint. Only loops
 * and prints: the rules are in one validator per annotation, {@link CombinationValidator} and
 * {@link Lint}. No exception escapes: an internal failure becomes an error that says so. Never
 * claims the annotations, which Micronaut's processor needs too.
 */
@AutoService(Processor.class)
@SupportedOptions({SturdyProcessor.LINT_OPTION, SturdyProcessor.VALIDATION_OPTION})
public final class SturdyProcessor extends AbstractProcessor {

    /** {@code -Asturdy.lint=error} makes lint findings errors; {@code off} turns the lint off. */
    static final String LINT_OPTION = "sturdy.lint";

    /**
     * {@code -Asturdy.validation=warning} reports misuse as warnings: for code that deliberately
     * exercises the runtime's own checks, such as Sturdy's tests.
     */
    static final String VALIDATION_OPTION = "sturdy.validation";

    private static final String PACKAGE = "dev.sturdy.annotation";

    private final Map<String, Validator> validators = Map.of(
            "Retry", new RetryValidator(),
            "Timeout", Attributes::check,
            "Bulkhead", Attributes::check,
            "CircuitBreaker", new CircuitBreakerValidator(),
            "RateLimit", Attributes::check,
            "Fallback", new FallbackValidator(),
            "Fanout", new FanoutValidator(),
            "AdaptiveLimit", new AdaptiveLimitValidator(),
            "Hedge", new HedgeValidator());
    private final PlacementValidator placement = new PlacementValidator();
    private final SharedNameValidator sharedNames = new SharedNameValidator();
    private final ReturnTypeValidator returnTypes = new ReturnTypeValidator();
    private Lint lint;
    private boolean validationAsWarnings;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        String level = processingEnv.getOptions().getOrDefault(LINT_OPTION, "warning");
        lint = level.equals("off") ? null : new Lint(processingEnv, level.equals("error") ? Diagnostic.Kind.ERROR
                : Diagnostic.Kind.WARNING);
        validationAsWarnings = "warning".equals(processingEnv.getOptions().get(VALIDATION_OPTION));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(PACKAGE + ".*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            List<Use> uses = uses(annotations, round);
            Map<ExecutableElement, List<Use>> methods = protectedMethods(uses);
            List<Finding> misuses = new ArrayList<>();
            for (Use use : uses) {
                misuses.addAll(validators.get(use.annotation()).validate(use));
                misuses.addAll(placement.validate(use));
            }
            misuses.addAll(sharedNames.check(uses));
            methods.forEach((method, onIt) -> misuses.addAll(returnTypes.check(method, onIt.get(0))));
            Set<Finding> findings = new LinkedHashSet<>(validationAsWarnings ? asWarnings(misuses) : misuses);
            if (lint != null) {
                methods.forEach((method, onIt) -> findings.addAll(lint.check(method, onIt)));
            }
            findings.forEach(this::print);
        } catch (RuntimeException | LinkageError | AssertionError internal) {
            StringWriter trace = new StringWriter();
            internal.printStackTrace(new PrintWriter(trace));
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[sturdy:internal-error] sturdy-processor failed: "
                    + internal
                    + "; please report it with this trace:\n" + trace);
        }
        return false;
    }

    private List<Use> uses(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        List<Use> uses = new ArrayList<>();
        for (TypeElement annotation : annotations) {
            if (!processingEnv.getElementUtils().getPackageOf(annotation).getQualifiedName().contentEquals(PACKAGE)) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
                    if (mirror.getAnnotationType().asElement().equals(annotation)) {
                        uses.add(new Use(element, mirror, processingEnv));
                    }
                }
            }
        }
        return uses;
    }

    /** @return every method a use applies to: its own, and the public instance methods of an annotated type */
    private Map<ExecutableElement, List<Use>> protectedMethods(List<Use> uses) {
        Map<ExecutableElement, List<Use>> methods = new LinkedHashMap<>();
        for (Use use : uses) {
            if (use.onMethod()) {
                methods.computeIfAbsent(use.method(), m -> new ArrayList<>()).add(use);
            } else {
                for (ExecutableElement method : ElementFilter.methodsIn(use.type().getEnclosedElements())) {
                    if (method.getModifiers().contains(Modifier.PUBLIC) && !method.getModifiers().contains(Modifier.STATIC)
                            && method.getKind() == ElementKind.METHOD) {
                        methods.computeIfAbsent(method, m -> new ArrayList<>()).add(use);
                    }
                }
            }
        }
        return methods;
    }

    private static Set<Finding> asWarnings(Collection<Finding> findings) {
        Set<Finding> warnings = new LinkedHashSet<>();
        findings.forEach(f -> warnings.add(new Finding(Diagnostic.Kind.WARNING, f.message(), f.element(), f.mirror(),
                f.value())));
        return warnings;
    }

    private void print(Finding finding) {
        if (finding.mirror() != null && finding.value() != null) {
            processingEnv.getMessager().printMessage(finding.kind(), finding.message(), finding.element(), finding.mirror(),
                    finding.value());
        } else if (finding.mirror() != null) {
            processingEnv.getMessager().printMessage(finding.kind(), finding.message(), finding.element(), finding.mirror());
        } else {
            processingEnv.getMessager().printMessage(finding.kind(), finding.message(), finding.element());
        }
    }
}
