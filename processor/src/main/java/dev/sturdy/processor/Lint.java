package dev.sturdy.processor;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.visitor.VoidVisitorAdapter;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import javax.lang.model.element.Element;

/**
 * The anti-pattern lint: reads the bodies of methods that carry a Sturdy annotation with
 * JavaParser and reports {@code [sturdy:blocking-in-async]}, {@code [sturdy:swallowed-interrupt]}
 * and {@code [sturdy:fire-and-forget]}. Without a symbol solver it knows a value is a future by
 * how the method, its class or a call declares it, so it does not mistake {@code Optional.get()}
 * for {@code Future.get()}. Code in a lambda runs elsewhere and does not block the caller.
 */
final class Lint {

    static final String BLOCKING_IN_ASYNC = "blocking-in-async";
    static final String SWALLOWED_INTERRUPT = "swallowed-interrupt";
    static final String FIRE_AND_FORGET = "fire-and-forget";

    private static final Set<String> FUTURE_TYPES = Set.of("Future", "CompletableFuture", "FutureTask", "ScheduledFuture",
            "RunnableFuture", "ForkJoinTask", "RecursiveTask");
    private static final Set<String> FUTURE_PRODUCERS = Set.of("supplyAsync", "runAsync", "completedFuture", "failedFuture",
            "allOf",
            "anyOf", "thenApply", "thenApplyAsync", "thenAccept", "thenAcceptAsync", "thenRun", "thenRunAsync", "thenCompose",
            "thenComposeAsync", "thenCombine", "thenCombineAsync", "handle", "handleAsync", "whenComplete", "whenCompleteAsync",
            "exceptionally", "exceptionallyCompose", "toCompletableFuture", "orTimeout", "completeOnTimeout", "submit",
                    "schedule", "toFuture");
    /** Reactor's and RxJava's calls that wait for a publisher: their names say so, whatever the receiver's type. */
    private static final Set<String> REACTIVE_WAITS = Set.of("block", "blockFirst", "blockLast", "blockOptional",
            "blockingGet", "blockingFirst", "blockingLast", "blockingSingle", "blockingAwait", "blockingSubscribe",
            "blockingIterable", "blockingStream", "blockingForEach");

    private final ProcessingEnvironment env;
    private final Trees trees;
    private final Diagnostic.Kind kind;
    /** Each source file's method declarations by name, parsed once: a file is never scanned per method. */
    private final Map<CompilationUnitTree, Map<String, List<MethodDeclaration>>> declarations = new HashMap<>();
    /** Each class's field types, read once for all of its methods. */
    private final Map<TypeDeclaration<?>, Map<String, String>> fieldTypes = new HashMap<>();

    /**
     * @param env the processing environment
     * @param kind WARNING, or ERROR with {@code -Asturdy.lint=error}
     */
    Lint(ProcessingEnvironment env, Diagnostic.Kind kind) {
        this.env = env;
        this.kind = kind;
        this.trees = treesOf(env);
    }

    /**
     * @param method a method one or more Sturdy annotations apply to
     * @param onIt the uses that apply to it
     * @return the anti-patterns found in its body, except those it suppresses
     */
    List<Finding> check(ExecutableElement method, List<Use> onIt) {
        boolean async = ReturnTypeValidator.isAsync(method.getReturnType(), env.getTypeUtils());
        boolean reactive = async && ReturnTypeValidator.isReactive(method.getReturnType(), env.getTypeUtils());
        String returned = reactive ? Names.simple(env.getTypeUtils().erasure(method.getReturnType())) : "CompletionStage";
        boolean stoppable = onIt.stream().anyMatch(use -> use.annotation().equals("Timeout") || use.annotation().equals("Retry"));
        Optional<MethodDeclaration> declaration = declarationOf(method);
        if (declaration.isEmpty() || declaration.get().getBody().isEmpty()) {
            return List.of();
        }
        MethodDeclaration body = declaration.get();
        Set<String> suppressed = suppressed(method);
        Map<String, String> declaredTypes = declaredTypes(body, fieldTypes);
        List<Finding> findings = new ArrayList<>();
        String location = Names.of(method, env);
        if (async && !suppressed.contains(BLOCKING_IN_ASYNC)) {
            body.getBody().get().accept(new VoidVisitorAdapter<Void>() {
                @Override
                public void visit(LambdaExpr lambda, Void arg) {
                    // runs later, elsewhere
                }

                @Override
                public void visit(ObjectCreationExpr creation, Void arg) {
                    creation.getArguments().forEach(argument -> argument.accept(this, arg));
                }

                @Override
                public void visit(MethodCallExpr call, Void arg) {
                    if (blocks(call, declaredTypes)) {
                        findings.add(finding(method, "[sturdy:" + BLOCKING_IN_ASYNC + "] " + location + " returns a "
                                + returned + " but blocks its caller's thread at line " + line(call) + ": "
                                + shortText(call) + "; " + (reactive
                                        ? "compose the publisher (map, flatMap) or delay with its operators instead"
                                        : "compose the stage (thenApply, thenCompose) or schedule the delay instead")));
                    }
                    super.visit(call, arg);
                }
            }, null);
        }
        if (stoppable && !suppressed.contains(SWALLOWED_INTERRUPT)) {
            for (CatchClause clause : body.findAll(CatchClause.class)) {
                if (clause.getParameter().getType().asString().contains("InterruptedException") && swallows(clause)) {
                    findings.add(finding(method, "[sturdy:" + SWALLOWED_INTERRUPT + "] " + location
                            + " catches InterruptedException at line "
                            + line(clause)
                                    + " and neither rethrows it nor restores the interrupt flag, so @Timeout cannot stop the "
                            + "work and @Retry keeps retrying an interrupted caller; call Thread.currentThread().interrupt()"
                                    + " or rethrow"));
                }
            }
        }
        if (!suppressed.contains(FIRE_AND_FORGET)) {
            for (ExpressionStmt statement : body.findAll(ExpressionStmt.class)) {
                startsDiscardedWork(statement.getExpression()).ifPresent(call -> findings.add(finding(method, "[sturdy:"
                        + FIRE_AND_FORGET + "] " + location + " starts " + shortText(call) + " at line " + line(call)
                                + " and discards "
                        + "its result, so its failure is lost and the work outlives the call; return it, or compose it into"
                                + " the result")));
            }
        }
        return findings;
    }

    private Finding finding(ExecutableElement method, String message) {
        return new Finding(kind, message, method, null, null);
    }

    private static boolean blocks(MethodCallExpr call, Map<String, String> declaredTypes) {
        String name = call.getNameAsString();
        Optional<Expression> scope = call.getScope();
        if (REACTIVE_WAITS.contains(name) && scope.isPresent()) {
            return true;
        }
        if (name.equals("sleep")) {
            return scope.map(s -> s.toString().equals("Thread") || s.toString().contains("TimeUnit")).orElse(false);
        }
        boolean waits = name.equals("join") && call.getArguments().isEmpty()
                || name.equals("get") && (call.getArguments().isEmpty() || call.getArguments().size() == 2);
        return waits && scope.map(s -> isFuture(s, declaredTypes)).orElse(false);
    }

    private static boolean isFuture(Expression expression, Map<String, String> declaredTypes) {
        if (expression instanceof EnclosedExpr enclosed) {
            return isFuture(enclosed.getInner(), declaredTypes);
        }
        if (expression instanceof NameExpr name) {
            return FUTURE_TYPES.contains(declaredTypes.get(name.getNameAsString()));
        }
        if (expression instanceof FieldAccessExpr field) {
            return FUTURE_TYPES.contains(declaredTypes.get(field.getNameAsString()));
        }
        if (expression instanceof MethodCallExpr call) {
            return FUTURE_PRODUCERS.contains(call.getNameAsString());
        }
        return expression instanceof ObjectCreationExpr creation && FUTURE_TYPES.contains(creation.getType().getNameAsString());
    }

    private static boolean swallows(CatchClause clause) {
        return clause.getBody().findAll(ThrowStmt.class).isEmpty()
                && clause.getBody().findAll(MethodCallExpr.class, call -> call.getNameAsString().equals("interrupt")).isEmpty();
    }

    private static Optional<MethodCallExpr> startsDiscardedWork(Expression expression) {
        for (Expression current = expression; current instanceof MethodCallExpr call; current = call.getScope().orElse(null)) {
            if ((call.getNameAsString().equals("runAsync") || call.getNameAsString().equals("supplyAsync"))
                    && call.getScope().map(scope -> scope.toString().endsWith("CompletableFuture")).orElse(false)) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }

    /** @return variable name to simple type name, for the class's fields, the method's parameters and locals */
    private static Map<String, String> declaredTypes(MethodDeclaration method,
                                                     Map<TypeDeclaration<?>, Map<String, String>> fieldTypes) {
        Map<String, String> types = new HashMap<>();
        Optional<Node> enclosing = method.getParentNode();
        while (enclosing.isPresent() && !(enclosing.get() instanceof TypeDeclaration<?>)) {
            enclosing = enclosing.get().getParentNode();
        }
        enclosing.map(type -> (TypeDeclaration<?>) type)
                .ifPresent(type -> types.putAll(fieldTypes.computeIfAbsent(type, Lint::fieldTypes)));
        for (Parameter parameter : method.getParameters()) {
            types.put(parameter.getNameAsString(), rawName(parameter.getTypeAsString()));
        }
        for (VariableDeclarator variable : method.findAll(VariableDeclarator.class)) {
            types.put(variable.getNameAsString(), rawName(variable.getTypeAsString()));
        }
        return types;
    }

    private static Map<String, String> fieldTypes(TypeDeclaration<?> type) {
        Map<String, String> types = new HashMap<>();
        for (FieldDeclaration field : type.getFields()) {
            field.getVariables().forEach(variable -> types.put(variable.getNameAsString(), rawName(variable.getTypeAsString())));
        }
        return types;
    }

    private static String rawName(String type) {
        String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    private static Set<String> suppressed(ExecutableElement method) {
        Set<String> codes = new HashSet<>();
        for (Element element = method; element != null; element = element.getEnclosingElement()) {
            SuppressWarnings suppress = element.getAnnotation(SuppressWarnings.class);
            if (suppress != null) {
                for (String value : suppress.value()) {
                    if (value.startsWith("sturdy:")) {
                        codes.add(value.substring("sturdy:".length()));
                    }
                }
            }
        }
        return codes;
    }

    private Optional<MethodDeclaration> declarationOf(ExecutableElement method) {
        if (trees == null) {
            return Optional.empty();
        }
        TreePath path = trees.getPath(method);
        if (path == null) {
            return Optional.empty();
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, path.getLeaf()));
        return declarations.computeIfAbsent(unit, Lint::declarationsByName)
                .getOrDefault(method.getSimpleName().toString(), List.of()).stream()
                .filter(declaration -> declaration.getParameters().size() == method.getParameters().size())
                .filter(declaration -> declaration.getRange().map(range -> range.begin.line <= line && line <= range.end.line)
                        .orElse(false))
                .findFirst();
    }

    private static Map<String, List<MethodDeclaration>> declarationsByName(CompilationUnitTree unit) {
        return parse(unit).map(cu -> cu.findAll(MethodDeclaration.class).stream()
                .collect(Collectors.groupingBy(MethodDeclaration::getNameAsString))).orElse(Map.of());
    }

    private static Optional<CompilationUnit> parse(CompilationUnitTree unit) {
        try {
            ParserConfiguration configuration = new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
            ParseResult<CompilationUnit> result = new JavaParser(configuration).parse(unit.getSourceFile().getCharContent(true)
                    .toString());
            return result.getResult();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Trees treesOf(ProcessingEnvironment env) {
        try {
            return Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return null;
        }
    }

    private static int line(Node node) {
        return node.getBegin().map(position -> position.line).orElse(0);
    }

    private static String shortText(MethodCallExpr call) {
        String scope = call.getScope().map(s -> s instanceof MethodCallExpr inner ? "..." + "." : s + ".").orElse("");
        return scope + call.getNameAsString() + "(" + (call.getArguments().isEmpty() ? "" : "...") + ")";
    }
}
