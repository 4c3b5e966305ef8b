package dev.sturdy.processor;

import dev.sturdy.processor.Sources.Case;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.util.List;
import java.util.stream.Stream;

import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One misuse per case: compiling it fails with exactly one Sturdy error, with this message, on the
 * marked line.
 */
class BadSourcesTest {


    static Stream<Case> cases() {
        return Stream.of(
                new Case("retry max attempts", """
                        class S {
                            @Retry(maxAttempts = /*!*/0)
                            public String m() { return ""; }
                        }""", "[sturdy:retry-max-attempts] @Retry.maxAttempts on S.m(): must be >= 1, but was 0"),
                new Case("retry delay unparsable", """
                        class S {
                            @Retry(delay = /*!*/"soon")
                            public String m() { return ""; }
                        }""", "[sturdy:retry-delay] @Retry.delay on S.m(): must be a duration such as \"250ms\", \"2s\","
                                + " \"1m\" or \"PT2S\" that is >= 0, but was \"soon\""),
                new Case("retry delay negative", """
                        class S {
                            @Retry(delay = /*!*/"-1s")
                            public String m() { return ""; }
                        }""", "[sturdy:retry-delay] @Retry.delay on S.m(): must be >= 0, but was \"-1s\""),
                new Case("retry multiplier", """
                        class S {
                            @Retry(multiplier = /*!*/0.5)
                            public String m() { return ""; }
                        }""", "[sturdy:retry-multiplier] @Retry.multiplier on S.m(): must be >= 1.0, but was 0.5"),
                new Case("retry max delay below delay", """
                        class S {
                            @Retry(delay = "2s", maxDelay = /*!*/"1500ms")
                            public String m() { return ""; }
                        }""", "[sturdy:retry-max-delay-below-delay] @Retry.maxDelay on S.m(): must be >= @Retry.delay"
                                + " (\"2s\"), but was \"1500ms\""),
                new Case("retry jitter", """
                        class S {
                            @Retry(jitter = /*!*/1.0)
                            public String m() { return ""; }
                        }""", "[sturdy:retry-jitter] @Retry.jitter on S.m(): must be >= 0 and < 1, but was 1.0"),
                new Case("retry max duration", """
                        class S {
                            @Retry(maxDuration = /*!*/"0s")
                            public String m() { return ""; }
                        }""", "[sturdy:retry-max-duration] @Retry.maxDuration on S.m(): must be > 0, but was \"0s\""),
                new Case("circuit breaker slow call", """
                        class S {
                            @CircuitBreaker(slowCall = /*!*/"-5ms")
                            public String m() { return ""; }
                        }""", "[sturdy:circuit-breaker-slow-call] @CircuitBreaker.slowCall on S.m(): must be > 0, but was"
                                + " \"-5ms\""),
                new Case("adaptive limit with a bulkhead", """
                        class S {
                            /*!*/@AdaptiveLimit
                            @Bulkhead
                            public String m() { return ""; }
                        }""", "[sturdy:adaptive-limit-with-bulkhead] @AdaptiveLimit on S.m(): a method cannot carry both"
                                + " @Bulkhead and @AdaptiveLimit: both bound the calls in flight at the same place; keep one"),
                new Case("adaptive limit with a bulkhead on its class", """
                        @Bulkhead
                        class S {
                            /*!*/@AdaptiveLimit
                            public String m() { return ""; }
                        }""", "[sturdy:adaptive-limit-with-bulkhead] @AdaptiveLimit on S.m(): a method cannot carry both"
                                + " @Bulkhead and @AdaptiveLimit: both bound the calls in flight at the same place; keep one"),
                new Case("adaptive limit bounds out of order", """
                        class S {
                            /*!*/@AdaptiveLimit(initial = 5, min = 10)
                            public String m() { return ""; }
                        }""", "[sturdy:adaptive-limit-bounds] @AdaptiveLimit on S.m(): must have min <= initial <= max, but has"
                                + " min 10, initial 5, max 200"),
                new Case("adaptive limit max", """
                        class S {
                            @AdaptiveLimit(max = /*!*/0)
                            public String m() { return ""; }
                        }""", "[sturdy:adaptive-limit-max] @AdaptiveLimit.max on S.m(): must be >= 1, but was 0"),
                new Case("hedge max hedges", """
                        class S {
                            @Hedge(maxHedges = /*!*/0)
                            public String m() { return ""; }
                        }""", "[sturdy:hedge-max-hedges] @Hedge.maxHedges on S.m(): must be >= 1, but was 0"),
                new Case("hedge delay", """
                        class S {
                            @Hedge(delay = /*!*/"-5ms")
                            public String m() { return ""; }
                        }""", "[sturdy:hedge-delay] @Hedge.delay on S.m(): must be >= 0, but was \"-5ms\""),
                new Case("hedge on a multi-valued publisher", """
                        import reactor.core.publisher.Flux;
                        class S {
                            /*!*/@Hedge
                            public Flux<String> m() { return null; }
                        }""", "[sturdy:hedge-return-type] @Hedge on S.m(): hedges run attempts side by side and keep the first"
                                + " result, but the method is a multi-valued Flux<String>, and two attempts would both emit"
                                + " elements to the one subscriber; hedge a method returning a plain value, a CompletionStage"
                                + " or a single-valued publisher (Mono, Single, Maybe, Completable, @SingleResult), or drop"
                                + " @Hedge"),
                new Case("hedge on a class with a multi-valued publisher", """
                        import org.reactivestreams.Publisher;
                        /*!*/@Hedge(delay = "10ms")
                        class S {
                            public String fine() { return ""; }
                            public Publisher<String> m() { return null; }
                        }""", "[sturdy:hedge-return-type] @Hedge on S.m(): hedges run attempts side by side and keep the first"
                                + " result, but the method is a multi-valued Publisher<String>, and two attempts would both emit"
                                + " elements to the one subscriber; hedge a method returning a plain value, a CompletionStage"
                                + " or a single-valued publisher (Mono, Single, Maybe, Completable, @SingleResult), or drop"
                                + " @Hedge"),
                new Case("retry same class in both lists", """
                        class S {
                            @Retry(retryOn = /*!*/IOException.class, abortOn = IOException.class)
                            public String m() { return ""; }
                        }""", "[sturdy:retry-exception-overlap] @Retry.retryOn on S.m(): IOException is also in abortOn,"
                                + " which wins over retryOn, so it can never apply; remove it from one of the lists"),
                new Case("retry subclass made dead", """
                        class S {
                            @Retry(retryOn = /*!*/FileNotFoundException.class, abortOn = IOException.class)
                            public String m() { return ""; }
                        }""", "[sturdy:retry-exception-overlap] @Retry.retryOn on S.m(): FileNotFoundException is a subclass"
                                + " of IOException in abortOn, which wins over retryOn, so it can never apply; remove it from"
                                        + " one of the lists"),
                new Case("retry nothing to retry", """
                        class S {
                            @Retry(retryOn = /*!*/{})
                            public String m() { return ""; }
                        }""", "[sturdy:never-applies] @Retry.retryOn on S.m(): must list at least one exception, but was {}:"
                                + " no failure is ever retried; remove the annotation, or list the failures it is for"),
                new Case("timeout zero", """
                        class S {
                            @Timeout(/*!*/"0ms")
                            public String m() { return ""; }
                        }""", "[sturdy:timeout-value] @Timeout.value on S.m(): must be > 0, but was \"0ms\""),
                new Case("timeout unparsable", """
                        class S {
                            @Timeout(/*!*/"1 second")
                            public String m() { return ""; }
                        }""", "[sturdy:timeout-value] @Timeout.value on S.m(): must be a duration such as \"250ms\", \"2s\","
                                + " \"1m\" or \"PT2S\" that is > 0, but was \"1 second\""),
                new Case("bulkhead max concurrent", """
                        class S {
                            @Bulkhead(maxConcurrent = /*!*/0)
                            public String m() { return ""; }
                        }""", "[sturdy:bulkhead-max-concurrent] @Bulkhead.maxConcurrent on S.m(): must be >= 1, but was 0"),
                new Case("bulkhead max waiting", """
                        class S {
                            @Bulkhead(maxWaiting = /*!*/-1)
                            public String m() { return ""; }
                        }""", "[sturdy:bulkhead-max-waiting] @Bulkhead.maxWaiting on S.m(): must be >= 0, but was -1"),
                new Case("bulkhead max wait", """
                        class S {
                            @Bulkhead(maxWait = /*!*/"-5ms")
                            public String m() { return ""; }
                        }""", "[sturdy:bulkhead-max-wait] @Bulkhead.maxWait on S.m(): must be >= 0, but was \"-5ms\""),
                new Case("circuit breaker window", """
                        class S {
                            @CircuitBreaker(window = /*!*/0)
                            public String m() { return ""; }
                        }""", "[sturdy:circuit-breaker-window] @CircuitBreaker.window on S.m(): must be >= 1 and <= 100000,"
                                + " but was 0"),
                new Case("circuit breaker window too large", """
                        class S {
                            @CircuitBreaker(window = /*!*/100001)
                            public String m() { return ""; }
                        }""", "[sturdy:circuit-breaker-window] @CircuitBreaker.window on S.m(): must be >= 1 and <= 100000,"
                                + " but was 100001"),
                new Case("circuit breaker failure ratio", """
                        class S {
                            @CircuitBreaker(failureRatio = /*!*/1.5)
                            public String m() { return ""; }
                        }""", "[sturdy:circuit-breaker-failure-ratio] @CircuitBreaker.failureRatio on S.m(): must be > 0 and"
                                + " <= 1, but was 1.5"),
                new Case("circuit breaker delay", """
                        class S {
                            @CircuitBreaker(delay = /*!*/"5 s")
                            public String m() { return ""; }
                        }""", "[sturdy:circuit-breaker-delay] @CircuitBreaker.delay on S.m(): must be a duration such as"
                                + " \"250ms\", \"2s\", \"1m\" or \"PT2S\" that is >= 0, but was \"5 s\""),
                new Case("circuit breaker success threshold", """
                        class S {
                            @CircuitBreaker(successThreshold = /*!*/0)
                            public String m() { return ""; }
                        }""", "[sturdy:circuit-breaker-success-threshold] @CircuitBreaker.successThreshold on S.m(): must be"
                                + " >= 1, but was 0"),
                new Case("circuit breaker same class in both lists", """
                        class S {
                            @CircuitBreaker(failOn = /*!*/IOException.class, skipOn = IOException.class)
                            public String m() { return ""; }
                        }""", "[sturdy:circuit-breaker-exception-overlap] @CircuitBreaker.failOn on S.m(): IOException is"
                                + " also in skipOn, which wins over failOn, so it can never apply; remove it from one of the"
                                        + " lists"),
                new Case("circuit breaker nothing fails", """
                        class S {
                            @CircuitBreaker(failOn = /*!*/{})
                            public String m() { return ""; }
                        }""", "[sturdy:never-applies] @CircuitBreaker.failOn on S.m(): must list at least one exception, but"
                                + " was {}: no failure ever counts, so the breaker never opens; remove the annotation, or"
                                        + " list the failures it is for"),
                new Case("rate limit permits", """
                        class S {
                            @RateLimit(permits = /*!*/0)
                            public String m() { return ""; }
                        }""", "[sturdy:rate-limit-permits] @RateLimit.permits on S.m(): must be >= 1, but was 0"),
                new Case("rate limit period", """
                        class S {
                            @RateLimit(period = /*!*/"0s")
                            public String m() { return ""; }
                        }""", "[sturdy:rate-limit-period] @RateLimit.period on S.m(): must be > 0, but was \"0s\""),
                new Case("rate limit max wait", """
                        class S {
                            @RateLimit(maxWait = /*!*/"-1ms")
                            public String m() { return ""; }
                        }""", "[sturdy:rate-limit-max-wait] @RateLimit.maxWait on S.m(): must be >= 0, but was \"-1ms\""),
                new Case("fallback method blank", """
                        class S {
                            @Fallback(method = /*!*/"")
                            public String m() { return ""; }
                        }""", "[sturdy:fallback-method] @Fallback.method on S.m(): must name a method of the same class, but"
                                + " was \"\""),
                new Case("fallback missing", """
                        class S {
                            @Fallback(method = /*!*/"cachd")
                            public String m(String key) { return ""; }
                            String cached(String key) { return ""; }
                        }""", "[sturdy:fallback-missing] @Fallback.method on S.m(String): must name a method of S, but was"
                                + " \"cachd\": no method of that name exists (did you mean \"cached\"?); methods found:"
                                + " String cached(String)"),
                new Case("fallback missing, nothing close", """
                        class S {
                            @Fallback(method = /*!*/"backup")
                            public String m(String key) { return ""; }
                            String cached(String key) { return ""; }
                            int size() { return 0; }
                        }""", "[sturdy:fallback-missing] @Fallback.method on S.m(String): must name a method of S, but was"
                                + " \"backup\": no method of that name exists; methods found: String cached(String), int size()"),
                new Case("fallback with other parameters", """
                        class S {
                            @Fallback(method = /*!*/"cached")
                            public String m(String key) { return ""; }
                            String cached(int key) { return ""; }
                            String cached(String key, String other) { return ""; }
                        }""", "[sturdy:fallback-parameters] @Fallback.method on S.m(String): must name a method with"
                                + " parameters (String) or (String, Throwable), but was \"cached\": candidates found: String"
                                        + " cached(int), String cached(String, String)"),
                new Case("fallback return type", """
                        class S {
                            @Fallback(method = /*!*/"cached")
                            public String m(String key) { return ""; }
                            Integer cached(String key) { return 0; }
                        }""", "[sturdy:fallback-return-type] @Fallback.method on S.m(String): must name a method returning"
                                + " String (or a subtype), but was \"cached\": candidates found: Integer cached(String)"),
                new Case("fallback plain value for an async method", """
                        class S {
                            @Fallback(method = /*!*/"cached")
                            public CompletionStage<String> m(String key) { return null; }
                            String cached(String key) { return ""; }
                        }""", "[sturdy:fallback-return-type] @Fallback.method on S.m(String): must name a method returning"
                                + " CompletionStage<String> (or a subtype), but was \"cached\": candidates found: String"
                                        + " cached(String)"),
                new Case("fallback with other type arguments", """
                        class S {
                            @Fallback(method = /*!*/"cached")
                            public List<String> m(String key) { return null; }
                            List<Integer> cached(String key, Throwable failure) { return null; }
                        }""", "[sturdy:fallback-return-type] @Fallback.method on S.m(String): must name a method returning"
                                + " List<String> (or a subtype), but was \"cached\": candidates found: List<Integer>"
                                        + " cached(String, Throwable)"),
                new Case("fallback is the method itself", """
                        class S {
                            @Fallback(method = /*!*/"m")
                            public String m(String key) { return ""; }
                        }""", "[sturdy:fallback-self] @Fallback.method on S.m(String): must name another method, but was"
                                + " \"m\", the annotated method itself, which would answer its own failure by failing again"),
                new Case("fallback cannot receive every failure", """
                        class S {
                            @Fallback(method = /*!*/"cached")
                            public String m(String key) { return ""; }
                            String cached(String key, IOException failure) { return ""; }
                        }""", "[sturdy:fallback-failure-type] @Fallback.applyOn on S.m(String): lets Throwable through, but"
                                + " String cached(String, IOException) can only receive IOException; narrow applyOn to"
                                        + " IOException, or declare the parameter as Throwable"),
                new Case("fallback same class in both lists", """
                        class S {
                            @Fallback(method = "cached", applyOn = /*!*/IOException.class, skipOn = IOException.class)
                            public String m() { return ""; }
                            String cached() { return ""; }
                        }""", "[sturdy:fallback-exception-overlap] @Fallback.applyOn on S.m(): IOException is also in skipOn,"
                                + " which wins over applyOn, so it can never apply; remove it from one of the lists"),
                new Case("fallback never applies", """
                        class S {
                            @Fallback(method = "cached", applyOn = /*!*/{})
                            public String m() { return ""; }
                            String cached() { return ""; }
                        }""", "[sturdy:never-applies] @Fallback.applyOn on S.m(): must list at least one exception, but was"
                                + " {}: no failure is ever answered by the fallback; remove the annotation, or list the"
                                        + " failures it is for"),
                new Case("fanout parallelism", """
                        class S {
                            @Fanout(parallelism = /*!*/0)
                            public List<String> m(List<String> items) { return items; }
                        }""", "[sturdy:fanout-parallelism] @Fanout.parallelism on S.m(List): must be >= 1, but was 0"),
                new Case("fanout batch size", """
                        class S {
                            @Fanout(batchSize = /*!*/0)
                            public List<String> m(List<String> items) { return items; }
                        }""", "[sturdy:fanout-batch-size] @Fanout.batchSize on S.m(List): must be >= 1, but was 0"),
                new Case("fanout without items", """
                        class S {
                            /*!*/@Fanout
                            public List<String> m(String item) { return null; }
                        }""", "[sturdy:fanout-parameters] @Fanout on S.m(String): the method must take exactly one List, Set"
                                + ", Collection, Iterable, Iterator, Stream or Publisher parameter (the items; a"
                                + " Publisher when it returns one), but its parameters are"
                                + " (String)"),
                new Case("fanout with two collections", """
                        class S {
                            /*!*/@Fanout
                            public List<String> m(List<String> items, Set<String> others) { return items; }
                        }""", "[sturdy:fanout-parameters] @Fanout on S.m(List, Set): the method must take exactly one List,"
                                + " Set, Collection, Iterable, Iterator, Stream or Publisher parameter (the items; a"
                                + " Publisher when it returns one), but its parameters are"
                                + " (List, Set)"),
                new Case("fanout over an ArrayList", """
                        class S {
                            /*!*/@Fanout
                            public List<String> m(ArrayList<String> items) { return items; }
                        }""", "[sturdy:fanout-parameters] @Fanout on S.m(ArrayList): the method must take exactly one List,"
                                + " Set, Collection, Iterable, Iterator, Stream or Publisher parameter (the items; a"
                                + " Publisher when it returns one), but its parameters are"
                                + " (ArrayList)"),
                new Case("fanout over an iterator, retried", """
                        class S {
                            /*!*/@Fanout
                            @Retry
                            public void m(Iterator<String> items) { }
                        }""", "[sturdy:fanout-parameters] @Fanout on S.m(Iterator): the items are an Iterator, which can be"
                                + " read only once, but @Retry would run a chunk again with its items used up; take a List,"
                                + " Collection or Iterable instead, or drop @Retry"),
                new Case("fanout over a publisher that returns a list", """
                        import reactor.core.publisher.Flux;
                        class S {
                            /*!*/@Fanout
                            public List<String> m(Flux<String> items) { return null; }
                        }""", "[sturdy:fanout-parameters] @Fanout on S.m(Flux): the method must take exactly one List, Set"
                                + ", Collection, Iterable, Iterator, Stream or Publisher parameter (the items; a"
                                + " Publisher when it returns one), but its parameters are (Flux)"),
                new Case("fanout that returns a mono", """
                        import reactor.core.publisher.Mono;
                        class S {
                            /*!*/@Fanout
                            public Mono<List<String>> m(List<String> items) { return null; }
                        }""", "[sturdy:fanout-return-type] @Fanout on S.m(List): the chunks' results must merge, so the"
                                + " method must return List, Collection, Map or void, a CompletionStage of one of them, or a"
                                + " Flux or Publisher of their elements, but it returns Mono<List<String>>"),
                new Case("fanout over a stream and a list", """
                        import java.util.stream.Stream;
                        class S {
                            /*!*/@Fanout
                            public void m(Stream<String> items, List<String> others) { }
                        }""", "[sturdy:fanout-parameters] @Fanout on S.m(Stream, List): the method must take exactly one"
                                + " List, Set, Collection, Iterable, Iterator, Stream or Publisher parameter (the"
                                + " items; a Publisher when it returns one), but its"
                                + " parameters are (Stream, List)"),
                new Case("fanout result that cannot merge", """
                        class S {
                            /*!*/@Fanout
                            public String m(List<String> items) { return ""; }
                        }""", "[sturdy:fanout-return-type] @Fanout on S.m(List): the chunks' results must merge, so the"
                                + " method must return List, Collection, Map or void, a CompletionStage of one of"
                                + " them, or a Flux or Publisher of their elements,"
                                        + " but it returns String"),
                new Case("fanout async result that cannot merge", """
                        class S {
                            /*!*/@Fanout
                            public CompletableFuture<String> m(List<String> items) { return null; }
                        }""", "[sturdy:fanout-return-type] @Fanout on S.m(List): the chunks' results must merge, so the"
                                + " method must return List, Collection, Map or void, a CompletionStage of one of"
                                + " them, or a Flux or Publisher of their elements,"
                                        + " but it returns CompletableFuture<String>"),
                new Case("private method", """
                        class S {
                            /*!*/@Retry
                            private String m() { return ""; }
                        }""", "[sturdy:not-interceptable] @Retry on S.m(): the method is private, so Micronaut's proxy cannot"
                                + " intercept it and the annotation would do nothing; make it public"),
                new Case("static method", """
                        class S {
                            /*!*/@Timeout
                            public static String m() { return ""; }
                        }""", "[sturdy:not-interceptable] @Timeout on S.m(): the method is static, so Micronaut's proxy"
                                + " cannot intercept it and the annotation would do nothing; make it an instance method of a"
                                        + " bean"),
                new Case("final method", """
                        class S {
                            /*!*/@Bulkhead
                            public final String m() { return ""; }
                        }""", "[sturdy:not-interceptable] @Bulkhead on S.m(): the method is final, so Micronaut's proxy"
                                + " cannot intercept it and the annotation would do nothing; remove final from the method"),
                new Case("final class", """
                        final class S {
                            /*!*/@CircuitBreaker
                            public String m() { return ""; }
                        }""", "[sturdy:not-interceptable] @CircuitBreaker on S.m(): the class S is final, so Micronaut's"
                                + " proxy cannot intercept it and the annotation would do nothing; remove final from the class"),
                new Case("final method under a class-level annotation", """
                        @Retry
                        class S {
                            public String fine() { return ""; }
                            public final String /*!*/m() { return ""; }
                        }""", "[sturdy:not-interceptable] @Retry on S.m(): the method is final, so Micronaut's proxy cannot"
                                + " intercept it and the annotation would do nothing; remove final from the method (the"
                                        + " @Retry on S applies to every public method)"),
                new Case("class-level value out of range", """
                        @Retry(maxAttempts = /*!*/0)
                        class S {
                            public String m() { return ""; }
                        }""", "[sturdy:retry-max-attempts] @Retry.maxAttempts on S: must be >= 1, but was 0"),
                new Case("plain Future return type", """
                        class S {
                            /*!*/@Retry
                            public Future<String> m() { return null; }
                        }""", "[sturdy:unsupported-return-type] @Retry on S.m(): Sturdy does not protect a method returning"
                                + " Future<String>, rather than protect it wrongly; return a plain value, a CompletionStage, a"
                                + " reactive-streams Publisher (Reactor's Mono or Flux, say) or one of RxJava 3's Single, Maybe,"
                                + " Completable, Flowable, Observable"),
                new Case("RxJava 2 return type", """
                        class S {
                            /*!*/@Bulkhead
                            public io.reactivex.Single<String> m() { return null; }
                        }""", "[sturdy:unsupported-return-type] @Bulkhead on S.m(): Sturdy does not protect a method"
                                + " returning Single<String>, rather than protect it wrongly; return a plain value, a"
                                + " CompletionStage, a reactive-streams Publisher (Reactor's Mono or Flux, say) or one of RxJava"
                                + " 3's Single, Maybe, Completable, Flowable, Observable"),
                new Case("reactive fallback of another reactive type", """
                        class S {
                            @Fallback(method = /*!*/"cached")
                            public reactor.core.publisher.Mono<String> m() { return null; }
                            reactor.core.publisher.Flux<String> cached() { return null; }
                        }""", "[sturdy:fallback-return-type] @Fallback.method on S.m(): must name a method returning"
                                + " Mono<String> (or a subtype), but was \"cached\": candidates found: Flux<String> cached()"),
                new Case("shared name declared twice differently", """
                        class S {
                            @CircuitBreaker(name = "pricing", window = 10)
                            public String a() { return ""; }
                            @CircuitBreaker(name = /*!*/"pricing", window = 20)
                            public String b() { return ""; }
                        }""", "[sturdy:circuit-breaker-name-conflict] @CircuitBreaker.name on S.b(): \"pricing\" is also"
                                + " declared by S.a() with other attributes (window 10 there, 20 here); methods that share a"
                                        + " name must declare identical attributes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void misuseIsACompileErrorOnTheMarkedLine(Case bad) {
        Compilation compilation = Sources.compile(Sources.source("S", bad.body()));

        List<Diagnostic<? extends JavaFileObject>> found = Sources.sturdyDiagnostics(compilation);
        assertThat(found).as("Sturdy diagnostics of %s", bad.name()).hasSize(1);
        Diagnostic<? extends JavaFileObject> error = found.get(0);
        assertThat(error.getKind()).isEqualTo(Diagnostic.Kind.ERROR);
        assertThat(error.getMessage(null)).isEqualTo(bad.message());
        assertThat(error.getLineNumber()).as("line").isEqualTo(Sources.markedLine(bad.body()));
        assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    }

    /**
     * kapt shows {@code suspend fun find(key: String): String} to processors as
     * {@code Object find(String, Continuation<? super String>)}: fallbacks are matched on the
     * parameters and value as written in Kotlin, and may be suspend functions or plain ones.
     */
    @Test
    void suspendFunctionsAreCheckedAsWrittenInKotlin() {
        JavaFileObject continuation = JavaFileObjects.forSourceString("kotlin.coroutines.Continuation",
                "package kotlin.coroutines;\n\npublic interface Continuation<T> {\n}\n");
        String body = """
                import kotlin.coroutines.Continuation;

                class S {
                    @Fallback(method = "cached")
                    public Object find(String key, Continuation<? super String> continuation) { return null; }

                    public Object cached(String key, Throwable failure, Continuation<? super String> continuation) {
                        return null;
                    }

                    @Fallback(method = "stale")
                    public Object plain(String key, Continuation<? super String> continuation) { return null; }

                    public String stale(String key) { return key; }

                    /*!*/@Fallback(method = "count")
                    public Object wrongValue(String key, Continuation<? super String> continuation) { return null; }

                    public Object count(String key, Continuation<? super Integer> continuation) { return null; }
                }""";

        Compilation compilation = javac().withProcessors(new SturdyProcessor())
                .compile(continuation, Sources.source("S", body));

        List<Diagnostic<? extends JavaFileObject>> found = Sources.sturdyDiagnostics(compilation);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getMessage(null)).startsWith("[sturdy:fallback-return-type]")
                .contains("S.wrongValue(String, Continuation)", "a method returning String (or a subtype)");
        assertThat(found.get(0).getLineNumber()).isEqualTo(Sources.markedLine(body));
    }
}
