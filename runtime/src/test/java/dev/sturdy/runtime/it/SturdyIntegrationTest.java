package dev.sturdy.runtime.it;

import dev.sturdy.runtime.time.ManualClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sturdy through a real application context: beans compiled by micronaut-inject-java and
 * sturdy-processor, intercepted by the real interceptor, with a manual clock.
 */
class SturdyIntegrationTest {

    private ApplicationContext context;
    private ManualClock clock;
    private ScriptedDependency dependency;
    private PricingService pricing;
    private AttemptCountingInterceptor innerInterceptor;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.configured", "true"));
        clock = context.getBean(ManualClock.class);
        dependency = context.getBean(ScriptedDependency.class);
        pricing = context.getBean(PricingService.class);
        innerInterceptor = context.getBean(AttemptCountingInterceptor.class);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        context.close();
        MDC.clear();
    }

    @Test
    void syncMethodWithAllThreeAnnotationsRetriesEachAttemptThroughTheInnerInterceptors() throws Exception {
        dependency.script(fail(new IOException("1")), fail(new IOException("2")), request -> "fresh:" + request);

        assertThat(pricing.quote("ACME")).isEqualTo("fresh:ACME");

        assertThat(dependency.calls()).hasSize(3);
        assertThat(innerInterceptor.entered.get()).as("inner interceptors apply per attempt").isEqualTo(3);
    }

    @Test
    void syncMethodFallsBackWithTheLastFailureWhenRetriesRunOut() throws Exception {
        dependency.script(fail(new IOException("down")));

        assertThat(pricing.quote("ACME")).isEqualTo("cached:ACME:IOException");
        assertThat(dependency.calls()).hasSize(3);
    }

    @Test
    void syncMethodTimesOutARetriesAndFallsBackWhenTheDependencyHangs() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        dependency.script(request -> {
            hung.countDown();
            new CountDownLatch(1).await();
            return "never";
        }, request -> "second:" + request);

        Future<String> caller = callers.submit(() -> pricing.quote("ACME"));
        assertThat(hung.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(1));

        assertThat(caller.get(10, SECONDS)).isEqualTo("second:ACME");
        assertThat(dependency.calls()).hasSize(2);
        assertThat(innerInterceptor.entered.get()).as("the timed-out attempt ran on a detached chain").isEqualTo(2);
    }

    @Test
    void asyncMethodWithAllThreeAnnotationsRetriesWithoutBlockingAndFallsBack() throws Exception {
        dependency.script(fail(new IOException("down")));

        CompletableFuture<String> result = pricing.quoteAsync("ACME");
        assertThat(result).isNotDone();
        for (int retry = 1; retry <= 2; retry++) {
            clock.awaitPendingTimers(1, Duration.ofSeconds(10));
            clock.runNextTimer();
        }

        assertThat(result.get(10, SECONDS)).isEqualTo("cached:ACME:IOException");
        assertThat(dependency.calls()).hasSize(3);
    }

    @Test
    void asyncRetriesRunInTheCallersMdc() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        dependency.script(request -> {
            seen.add(MDC.get("request-id"));
            throw new IOException("1");
        }, request -> {
            seen.add(MDC.get("request-id"));
            return "ok";
        });
        MDC.put("request-id", "r-42");

        CompletableFuture<String> result = pricing.quoteAsync("ACME");
        MDC.clear();
        clock.awaitPendingTimers(1, Duration.ofSeconds(10));
        clock.runNextTimer();

        assertThat(result.get(10, SECONDS)).isEqualTo("ok");
        assertThat(seen).containsExactly("r-42", "r-42");
    }

    @Test
    void asyncMethodThatThrowsInsteadOfReturningAStageIsRetriedAndFallsBack() throws Exception {
        dependency.script(fail(new IOException("down")));

        CompletableFuture<String> result = pricing.quoteStage("ACME").toCompletableFuture();
        clock.awaitPendingTimers(1, Duration.ofSeconds(10));
        clock.runNextTimer();

        assertThat(result.get(10, SECONDS)).isEqualTo("stale:ACME");
        assertThat(dependency.calls()).hasSize(2);
    }

    @Test
    void classLevelAnnotationAppliesToPublicMethodsAndAMethodsOwnWinsWhole() {
        ClassLevelService service = context.getBean(ClassLevelService.class);

        assertThatThrownBy(service::inheritsTheClassRetry).isInstanceOf(IOException.class);
        assertThatThrownBy(service::hasItsOwnRetry).isInstanceOf(IOException.class);
        assertThatThrownBy(service::isNotPublic).isInstanceOf(IOException.class);

        assertThat(service.inherited.get()).isEqualTo(2);
        assertThat(service.own.get()).isEqualTo(3);
        assertThat(service.packagePrivate.get()).isEqualTo(1);
    }

    @Test
    void beanWithoutSturdyAnnotationsIsNotProxied() {
        assertThat(context.getBean(PlainService.class).getClass()).isEqualTo(PlainService.class);
        assertThat(context.getBean(PricingService.class).getClass()).isNotEqualTo(PricingService.class);
    }

    @Test
    void placeholdersAreResolvedOnceWhenTheChainIsBuiltNotPerCall() {
        ConfiguredService service = context.getBean(ConfiguredService.class);
        assertThatThrownBy(service::call).isInstanceOf(IOException.class);

        context.getEnvironment().addPropertySource(PropertySource.of("later", Map.of("pricing.retry-delay", "5s")));
        assertThatThrownBy(service::call).isInstanceOf(IOException.class);

        List<Long> started = service.startedAt;
        assertThat(started).hasSize(4);
        assertThat(Duration.ofNanos(started.get(1) - started.get(0))).isEqualTo(Duration.ofMillis(250));
        assertThat(Duration.ofNanos(started.get(3) - started.get(2))).as("the chain built on the first call is reused")
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void invalidPlaceholderValueFailsStartUpNamingAnnotationAttributeMethodAndValue() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.placeholder-timeout", "true", "pricing.timeout",
                "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Sturdy cannot start: [sturdy:timeout-value] @Timeout.value on Timed.timed(): must be a duration"
                        + " such as "
                        + "\"250ms\", \"2s\", \"1m\" or \"PT2S\" that is > 0, but was \"soon\" (resolved from"
                                + " \"${pricing.timeout}\")");
    }

    @Test
    void unresolvablePlaceholderFailsStartUpNamingThePlaceholder() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.placeholder-timeout", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Sturdy cannot start: [sturdy:unresolved-placeholder] @Timeout.value on Timed.timed(): "
                        + "the placeholder \"${pricing.timeout}\" cannot be resolved");
    }

    @Test
    void everyAttemptThatHangsTimesOutThenTheFallbackAnswers() throws Exception {
        Semaphore entered = new Semaphore(0);
        dependency.script(request -> {
            entered.release();
            new CountDownLatch(1).await();
            return "never";
        });

        Future<String> caller = callers.submit(() -> pricing.quote("ACME"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(entered.tryAcquire(10, SECONDS)).as("attempt %d started", attempt).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(caller.get(10, SECONDS)).isEqualTo("cached:ACME:TimeoutExceededException");
        assertThat(innerInterceptor.entered.get()).isEqualTo(3);
    }

    @Test
    void fallbacksThatDoNotFitFailStartUpWithTheProcessorsWords() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.fallbacks", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Sturdy cannot start: 3 problems:")
                .hasMessageContaining("[sturdy:fallback-missing] @Fallback.method on MisdeclaredFallbacks.missing(String):"
                        + " must name a method "
                        + "of MisdeclaredFallbacks, but was \"cachd\": no method of that name exists; methods found: ")
                .hasMessageContaining("[sturdy:fallback-parameters] @Fallback.method on"
                        + " MisdeclaredFallbacks.wrongParameters(String): must name "
                        + "a method with parameters (String) or (String, Throwable), but was \"byNumber\": candidates found:"
                                + " String byNumber(int)")
                .hasMessageContaining("[sturdy:fallback-return-type] @Fallback.method on"
                        + " MisdeclaredFallbacks.wrongReturnType(String): must name "
                        + "a method returning String (or a subtype), but was \"asNumber\": candidates found: Integer"
                                + " asNumber(String)");
    }

    private static ScriptedDependency.Answer fail(Exception failure) {
        return request -> {
            throw failure;
        };
    }
}
