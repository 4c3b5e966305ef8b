package dev.sturdy.processor;

import dev.sturdy.processor.Sources.Case;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Valid uses, including the tricky ones: each compiles without a single Sturdy diagnostic. */
class GoodSourcesTest {


    static Stream<Case> cases() {
        return Stream.of(
                new Case("placeholders are left to start-up", """
                        class S {
                            @Timeout("${pricing.timeout:2s}")
                            @Retry(delay = "${pricing.delay}", maxDelay = "${pricing.max-delay:1s}", maxDuration = "${x:}")
                            @Bulkhead(maxWait = "${pricing.wait:0ms}")
                            public String m() { return ""; }
                        }"""),
                new Case("every attribute at its edge", """
                        class S {
                            @Retry(maxAttempts = 1, delay = "0ms", multiplier = 1.0, maxDelay = "0ms", jitter = 0.0,
                                    maxDuration = "PT1S",
                                   retryOn = IOException.class, abortOn = FileNotFoundException.class)
                            @CircuitBreaker(window = 1, failureRatio = 1.0, delay = "0s", successThreshold = 1)
                            @Bulkhead(maxConcurrent = 1, maxWaiting = 0, maxWait = "0ms")
                            @RateLimit(permits = 1, period = "1ns", maxWait = "0ms")
                            @Timeout("1ns")
                            public String m() { return ""; }
                        }"""),
                new Case("class-level annotations", """
                        @Retry(maxAttempts = 5)
                        @CircuitBreaker
                        class S {
                            public String a() { return ""; }
                            @Retry(maxAttempts = 2)
                            public String b() { return ""; }
                            private String helper() { return ""; }
                            public static String utility() { return ""; }
                            final String packagePrivateFinal() { return ""; }
                        }"""),
                new Case("generic fallback", """
                        class S<T extends Comparable<T>> {
                            @Fallback(method = "fallback")
                            public List<T> m(List<T> values, Map<String, T> index) { return values; }
                            List<T> fallback(List<T> values, Map<String, T> index, Throwable failure) { return List.of(); }
                        }"""),
                new Case("async fallbacks", """
                        class S {
                            @Fallback(method = "cached")
                            @Retry
                            public CompletionStage<String> m(String key) { return CompletableFuture.completedFuture(key); }
                            CompletableFuture<String> cached(String key) { return CompletableFuture.completedFuture("cached"); }

                            @Fallback(method = "stale", applyOn = IOException.class)
                            public CompletableFuture<Integer> n() { return null; }
                            private CompletableFuture<Integer> stale(IOException failure) { return null; }
                        }"""),
                new Case("reactive methods, their fallbacks and composed publishers", """
                        class S {
                            @Retry @Timeout("1s") @Bulkhead @CircuitBreaker @RateLimit
                            @Fallback(method = "cached")
                            public reactor.core.publisher.Mono<String> mono(reactor.core.publisher.Mono<String> upstream) {
                                return upstream.map(String::trim).flatMap(value -> reactor.core.publisher.Mono.just(value));
                            }
                            reactor.core.publisher.Mono<String> cached(reactor.core.publisher.Mono<String> upstream,
                                    Throwable failure) {
                                return reactor.core.publisher.Mono.just("cached");
                            }
                            @Retry @Fallback(method = "none")
                            public reactor.core.publisher.Flux<String> flux() { return reactor.core.publisher.Flux.empty(); }
                            reactor.core.publisher.Flux<String> none() { return reactor.core.publisher.Flux.empty(); }
                            @Retry
                            public org.reactivestreams.Publisher<String> publisher() {
                                return reactor.core.publisher.Flux.empty();
                            }
                            @Retry
                            public io.reactivex.rxjava3.core.Single<String> single() { return null; }
                            @Retry
                            public io.reactivex.rxjava3.core.Completable completable() { return null; }
                            @Retry
                            public io.reactivex.rxjava3.core.Observable<String> observable() { return null; }
                        }"""),
                new Case("fallback in a superclass, primitive returns, void", """
                        class Base {
                            protected int zero(String key) { return 0; }
                            protected void nothing() { }
                        }
                        class S extends Base {
                            @Fallback(method = "zero")
                            public int m(String key) { return key.length(); }
                            @Fallback(method = "nothing")
                            public void n() { }
                        }"""),
                new Case("fan-out shapes", """
                        class S {
                            @Fanout(parallelism = 16, batchSize = 100)
                            public Map<String, Integer> lengths(List<String> items, String prefix,
                                    int factor) { return Map.of(); }
                            @Fanout
                            public Collection<String> all(Set<String> items) { return items; }
                            @Fanout(errors = FanoutErrors.COLLECT)
                            public void touch(Collection<String> items) { }
                            @Fanout
                            public CompletionStage<List<String>> later(List<String> items) { return null; }
                            @Fanout
                            public CompletableFuture<Void> done(List<String> items) { return null; }
                        }"""),
                new Case("fan-out over lazy sources", """
                        import java.util.stream.Stream;
                        class S {
                            @Fanout(parallelism = 64)
                            public void drain(Stream<String> items) { }
                            @Fanout
                            public List<Integer> lengths(Iterable<String> items) { return List.of(); }
                            @Fanout
                            public CompletionStage<Map<String, Integer>> later(Iterator<String> items) { return null; }
                        }"""),
                new Case("hedges", """
                        import reactor.core.publisher.Mono;
                        import io.micronaut.core.async.annotation.SingleResult;
                        import org.reactivestreams.Publisher;
                        @Hedge(delay = "${pricing.hedge-delay:20ms}", maxHedges = 2, budget = "pricing")
                        class S {
                            public String m() { return ""; }
                            public CompletableFuture<String> later() { return null; }
                            public Mono<String> mono() { return null; }
                            @SingleResult
                            public Publisher<String> single() { return null; }
                            public static Publisher<String> helper() { return null; }
                        }"""),
                new Case("adaptive limits", """
                        @AdaptiveLimit(name = "pricing", initial = 10, max = 50)
                        class S {
                            public String m() { return ""; }
                            @Timeout("1s")
                            public CompletableFuture<String> later() { return null; }
                        }"""),
                new Case("fan-out that returns a publisher of the chunks' elements", """
                        import java.util.stream.Stream;
                        import org.reactivestreams.Publisher;
                        import reactor.core.publisher.Flux;
                        class S {
                            @Fanout(parallelism = 8)
                            @Retry
                            public Flux<String> fromFlux(Flux<Integer> items) { return Flux.empty(); }
                            @Fanout
                            public Publisher<String> fromPublisher(Publisher<Integer> items) { return Flux.empty(); }
                            @Fanout
                            public Flux<String> fromStream(Stream<Integer> items) { return Flux.empty(); }
                            @Fanout
                            public Flux<String> fromList(List<Integer> items) { return Flux.empty(); }
                        }"""),
                new Case("async code that does not block", """
                        class S {
                            private final ExecutorService pool = Executors.newSingleThreadExecutor();
                            @Timeout("1s")
                            public CompletableFuture<String> m(Optional<String> hint) {
                                String first = hint.get();
                                Map<String, String> cache = new HashMap<>();
                                cache.get(first);
                                return CompletableFuture.supplyAsync(() -> {
                                    try {
                                        Thread.sleep(10);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    return first;
                                }, pool);
                            }
                        }"""),
                new Case("interrupt handled", """
                        class S {
                            @Retry
                            public String m() throws InterruptedException {
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    throw e;
                                }
                                return "";
                            }
                            @Timeout("1s")
                            public String n() {
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return "";
                            }
                        }"""),
                new Case("async work that is returned or composed", """
                        class S {
                            @Retry
                            public CompletableFuture<String> m() {
                                CompletableFuture<Void> audit = CompletableFuture.runAsync(() -> { });
                                return CompletableFuture.supplyAsync(() -> "x").thenCombine(audit, (x, v) -> x);
                            }
                        }"""),
                new Case("shared names declared alike", """
                        class A {
                            @CircuitBreaker(name = "pricing", window = 10)
                            @Bulkhead(name = "pricing", maxConcurrent = 4)
                            public String a() { return ""; }
                        }
                        class S {
                            @CircuitBreaker(name = "pricing", window = 10)
                            @RateLimit(name = "pricing")
                            public String b() { return ""; }
                        }"""),
                new Case("no Sturdy annotation at all", """
                        class S {
                            public CompletableFuture<String> m() throws Exception {
                                Thread.sleep(1);
                                CompletableFuture.runAsync(() -> { });
                                return CompletableFuture.completedFuture("");
                            }
                        }"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validUseCompilesWithoutAnySturdyDiagnostic(Case good) {
        Compilation compilation = Sources.compile(Sources.source("S", good.body()));

        assertThat(Sources.sturdyDiagnostics(compilation)).extracting(d -> d.getMessage(null)).isEmpty();
        assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    }
}
