package dev.sturdy.benchmarks;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cost of one successful protected call with Micrometer metrics on, without the dashboard
 * ({@code dashboard=off}: {@code endpoints.sturdy.enabled: false}) and with it and a client reading
 * {@code /sturdy/stream} over HTTP ({@code connected}). The dashboard samples the meters once a
 * second and adds nothing to a call: the two should not differ. {@code -prof gc} shows the
 * allocation per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class DashboardOverheadBenchmark {

    @Param({"off", "connected"})
    public String dashboard;

    private ApplicationContext context;
    private CompletableFuture<HttpResponse<Void>> client;
    private final AtomicLong linesRead = new AtomicLong();
    private Targets.NoopIntercepted noop;
    private Targets.RetryCircuitBreakerBulkhead retryCircuitBreakerBulkhead;
    private Targets.FullStack fullStack;

    @Setup
    public void start() {
        boolean on = dashboard.equals("connected");
        context = ApplicationContext.run(Map.of("micronaut.metrics.enabled", "true", "endpoints.sturdy.enabled", on,
                "endpoints.sturdy.sensitive", "false", "micronaut.server.port", "-1"));
        noop = context.getBean(Targets.NoopIntercepted.class);
        retryCircuitBreakerBulkhead = context.getBean(Targets.RetryCircuitBreakerBulkhead.class);
        fullStack = context.getBean(Targets.FullStack.class);
        if (on) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            client = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(server.getURL() + "/sturdy/stream"))
                    .build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(Flow.Subscription subscription) {
                            subscription.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            linesRead.incrementAndGet();
                        }

                        @Override
                        public void onError(Throwable failure) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    }));
        }
    }

    @TearDown
    public void stop() {
        if (client != null) {
            client.cancel(true);
            if (linesRead.get() == 0) {
                throw new IllegalStateException("the dashboard's client read nothing from /sturdy/stream");
            }
        }
        context.close();
    }

    @Benchmark
    public int noopInterceptor() {
        return noop.work(42);
    }

    @Benchmark
    public int retryCircuitBreakerBulkhead() {
        return retryCircuitBreakerBulkhead.work(42);
    }

    @Benchmark
    public int fullStack() {
        return fullStack.work(42);
    }
}
