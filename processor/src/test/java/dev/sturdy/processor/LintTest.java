package dev.sturdy.processor;

import dev.sturdy.processor.Sources.Case;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The anti-pattern lint: warnings by default, errors on request, silenced per method. */
class LintTest {


    static Stream<Case> cases() {
        return Stream.of(
                new Case("sleeping in an async method", """
                        class S {
                            @Timeout("1s")
                            public CompletableFuture<String> /*!*/m() throws InterruptedException {
                                Thread.sleep(100);
                                return CompletableFuture.completedFuture("");
                            }
                        }""", "[sturdy:blocking-in-async] S.m() returns a CompletionStage but blocks its caller's thread at"
                                + " line 11: "
                        + "Thread.sleep(...); compose the stage (thenApply, thenCompose) or schedule the delay instead"),
                new Case("waiting on a future in an async method", """
                        class S {
                            @Retry
                            public CompletionStage<String> /*!*/m(CompletableFuture<String> upstream) throws Exception {
                                String value = upstream.get();
                                return CompletableFuture.completedFuture(value);
                            }
                        }""", "[sturdy:blocking-in-async] S.m(CompletableFuture) returns a CompletionStage but blocks its"
                                + " caller's "
                        + "thread at line 11: upstream.get(); compose the stage (thenApply, thenCompose) or schedule the"
                                + " delay instead"),
                new Case("joining a chain in an async method", """
                        class S {
                            @Bulkhead
                            public CompletableFuture<String> /*!*/m() {
                                String value = CompletableFuture.supplyAsync(() -> "x").thenApply(String::trim).join();
                                return CompletableFuture.completedFuture(value);
                            }
                        }""", "[sturdy:blocking-in-async] S.m() returns a CompletionStage but blocks its caller's thread at"
                                + " line 11: "
                        + "....join(); compose the stage (thenApply, thenCompose) or schedule the delay instead"),
                new Case("blocking on a publisher in a reactive method", """
                        class S {
                            @Retry
                            public reactor.core.publisher.Mono<String> /*!*/m(reactor.core.publisher.Flux<String> upstream) {
                                String first = upstream.blockFirst();
                                return reactor.core.publisher.Mono.just(first);
                            }
                        }""", "[sturdy:blocking-in-async] S.m(Flux) returns a Mono but blocks its caller's thread at line 11:"
                        + " upstream.blockFirst(); compose the publisher (map, flatMap) or delay with its operators instead"),
                new Case("sleeping in a method returning an RxJava type", """
                        class S {
                            @Timeout("1s")
                            public io.reactivex.rxjava3.core.Flowable<String> /*!*/m() throws InterruptedException {
                                TimeUnit.SECONDS.sleep(1);
                                return io.reactivex.rxjava3.core.Flowable.just("");
                            }
                        }""", "[sturdy:blocking-in-async] S.m() returns a Flowable but blocks its caller's thread at line 11:"
                        + " TimeUnit.SECONDS.sleep(...); compose the publisher (map, flatMap) or delay with its operators"
                        + " instead"),
                new Case("waiting on a publisher's future in a reactive method", """
                        import io.micronaut.core.async.annotation.SingleResult;
                        class S {
                            @Bulkhead
                            @SingleResult
                            public org.reactivestreams.Publisher<String> /*!*/m(reactor.core.publisher.Mono<String> upstream)
                                    throws Exception {
                                return reactor.core.publisher.Mono.just(upstream.toFuture().get());
                            }
                        }""", "[sturdy:blocking-in-async] S.m(Mono) returns a Publisher but blocks its caller's thread at"
                        + " line 14: ....get(); compose the publisher (map, flatMap) or delay with its operators instead"),
                new Case("swallowing an interrupt under a timeout", """
                        class S {
                            @Timeout("1s")
                            public String /*!*/m() {
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException ignored) {
                                    return "gave up";
                                }
                                return "slept";
                            }
                        }""", "[sturdy:swallowed-interrupt] S.m() catches InterruptedException at line 13 and neither"
                                + " rethrows it nor "
                        + "restores the interrupt flag, so @Timeout cannot stop the work and @Retry keeps retrying an"
                                + " interrupted caller; "
                        + "call Thread.currentThread().interrupt() or rethrow"),
                new Case("firing and forgetting", """
                        class S {
                            @Retry
                            public String /*!*/m() {
                                CompletableFuture.runAsync(() -> System.out.println("audit"));
                                return "";
                            }
                        }""", "[sturdy:fire-and-forget] S.m() starts CompletableFuture.runAsync(...) at line 11 and discards"
                                + " its result, "
                        + "so its failure is lost and the work outlives the call; return it, or compose it into the result"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void antiPatternIsAWarningOnTheMethod(Case lint) {
        Compilation compilation = Sources.compile(Sources.source("S", lint.body()));

        Diagnostic<? extends JavaFileObject> warning = onlyOne(compilation);
        assertThat(warning.getKind()).isEqualTo(Diagnostic.Kind.WARNING);
        assertThat(warning.getMessage(null)).isEqualTo(lint.message());
        assertThat(warning.getLineNumber()).isEqualTo(Sources.markedLine(lint.body()));
        assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void antiPatternIsAnErrorWhenAskedFor(Case lint) {
        Compilation compilation = Sources.compile(Sources.source("S", lint.body()), "-Asturdy.lint=error");

        assertThat(onlyOne(compilation).getKind()).isEqualTo(Diagnostic.Kind.ERROR);
        assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void antiPatternIsSilencedByItsCode(Case lint) {
        String code = lint.message().substring(1, lint.message().indexOf(']'));
        String suppressed = lint.body().replace("class S {", "@SuppressWarnings(\"" + code + "\")\nclass S {");

        assertThat(Sources.sturdyDiagnostics(Sources.compile(Sources.source("S", suppressed)))).isEmpty();
    }

    @Test
    void lintCanBeTurnedOff() {
        Case sleeping = cases().findFirst().orElseThrow();

        assertThat(Sources.sturdyDiagnostics(Sources.compile(Sources.source("S", sleeping.body()), "-Asturdy.lint=off")))
                .isEmpty();
    }

    @Test
    void suppressingOneCodeLeavesTheOthers() {
        String body = """
                class S {
                    @SuppressWarnings("sturdy:fire-and-forget")
                    @Timeout("1s")
                    public CompletableFuture<String> m() throws InterruptedException {
                        CompletableFuture.runAsync(() -> { });
                        Thread.sleep(10);
                        return CompletableFuture.completedFuture("");
                    }
                }""";

        List<Diagnostic<? extends JavaFileObject>> found = Sources.sturdyDiagnostics(Sources.compile(Sources.source("S", body)));

        assertThat(found).extracting(d -> d.getMessage(null)).singleElement().asString().startsWith("[sturdy:blocking-in-async]");
    }

    private static Diagnostic<? extends JavaFileObject> onlyOne(Compilation compilation) {
        List<Diagnostic<? extends JavaFileObject>> found = Sources.sturdyDiagnostics(compilation);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
