package dev.sturdy.dashboard;

import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.fanout.FanoutProgress;
import dev.sturdy.runtime.micronaut.beans.PolicyStates;
import dev.sturdy.runtime.micronaut.observe.PolicyObserver;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the dashboard shows: once a second a snapshot of every method's rates (from the meters,
 * when the application has Micrometer), every breaker, bulkhead, rate limit and adaptive limit, and
 * the fan-outs in flight with their progress; and, as soon as it happens, every breaker's change of
 * state. Each snapshot is written as JSON once, whatever the number of clients; the last five
 * minutes are kept for a client that connects later. A client that reads slowly misses snapshots
 * rather than holding up the others; no thread waits for any client. Exists only where the
 * {@code sturdy} endpoint is enabled. Thread-safe.
 */
@Singleton
@Requires(beans = DashboardEndpoint.class)
final class DashboardFeed implements PolicyObserver, ApplicationEventListener<StartupEvent> {

    /** Snapshots kept: five minutes' worth. */
    private static final int HISTORY = 300;
    private static final Duration EVERY = Duration.ofSeconds(1);
    /** How long an ended fan-out stays on the page, and how many fan-outs it lists. */
    private static final long ENDED_SHOWN_MILLIS = 10_000;
    private static final int FANOUTS_SHOWN = 20;
    /** Events kept for a client that reads slowly. */
    private static final int BUFFERED = 16;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final BeanProvider<PolicyStates> policies;
    private final MethodRates rates;
    private final JsonMapper json;
    private final TaskScheduler scheduler;
    private final Sinks.Many<Event<String>> live = Sinks.many().multicast().directBestEffort();
    private final Queue<Map<String, Object>> changes = new ConcurrentLinkedQueue<>();
    private final Map<FanoutProgress, Shown> fanouts = new ConcurrentHashMap<>();
    private final AtomicLong fanoutIds = new AtomicLong();
    /** Guarded by {@code live}, whose events are sent under the same lock. */
    private final Deque<String> history = new ArrayDeque<>(HISTORY);
    // guarded by this
    private long lastSample;
    private boolean failedBefore;
    private ScheduledFuture<?> sampling;

    /** A fan-out on the page: when it ended ({@code 0} while it runs), and how: done, failed or cancelled. */
    private record Shown(long id, long endedMillis, String ending) {
    }

    /**
     * @param policies looked up when sampling: the policies report to this bean, so it cannot need them to exist
     * @param rates {@code null} when the application has no Micrometer: the page says so
     */
    DashboardFeed(BeanProvider<PolicyStates> policies, @Nullable MethodRates rates, JsonMapper json,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.policies = policies;
        this.rates = rates;
        this.json = json;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (sampling == null) {
            sampling = scheduler.scheduleAtFixedRate(EVERY, EVERY, this::sample);
        }
    }

    /**
     * @return for one client: the snapshots kept, as one {@code history} event, then the live
     * events, {@value #BUFFERED} of them kept while the client is slow to read (the oldest go first)
     */
    Flux<Event<String>> events() {
        return Flux.concat(Mono.fromSupplier(() -> Event.of(history()).name("history")),
                live.asFlux().onBackpressureBuffer(BUFFERED, BufferOverflowStrategy.DROP_OLDEST));
    }

    private String history() {
        synchronized (live) {
            return "[" + String.join(",", history) + "]";
        }
    }

    @Override
    public void onStateChange(String breaker, CircuitState from, CircuitState to) {
        // told on the caller's thread, maybe inside the breaker: the clients are written to elsewhere,
        // in the order the changes happened
        changes.add(Map.of("name", breaker, "from", from.name(), "to", to.name(), "t", System.currentTimeMillis()));
        try {
            scheduler.schedule(Duration.ZERO, this::sendChanges);
        } catch (RejectedExecutionException shuttingDown) {
            // the application is closing: its clients are being let go
        }
    }

    private void sendChanges() {
        synchronized (live) {
            for (Map<String, Object> change = changes.poll(); change != null; change = changes.poll()) {
                publish("breaker", change);
            }
        }
    }

    @Override
    public void fanoutStarted(FanoutProgress progress) {
        fanouts.put(progress, new Shown(fanoutIds.incrementAndGet(), 0, null));
    }

    @Override
    public void fanoutEnded(FanoutProgress progress, Throwable failure) {
        String ending = failure == null ? "done" : failure instanceof CancellationException ? "cancelled" : "failed";
        fanouts.computeIfPresent(progress, (p, shown) -> new Shown(shown.id(), System.currentTimeMillis(), ending));
    }

    /** Takes a snapshot, keeps it, and sends it to every client; a failure is logged, and the next second tries again. */
    private void sample() {
        try {
            long now = System.currentTimeMillis();
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("t", now);
            snapshot.put("methodsMeasured", rates != null);
            snapshot.put("methods", rates == null ? List.of() : rates.sample(secondsSinceLastSample()));
            snapshot.putAll(policies.get().describe());
            snapshot.put("fanouts", fanouts(now));
            synchronized (live) {
                // one lock for keeping, sending and reading the history: a client that connects meanwhile misses at most this one
                String written = publish("snapshot", snapshot);
                if (history.size() == HISTORY) {
                    history.removeFirst();
                }
                history.addLast(written);
            }
            synchronized (this) {
                failedBefore = false;
            }
        } catch (RuntimeException failure) {
            synchronized (this) {
                if (!failedBefore) {
                    LOG.warn("[sturdy:dashboard] the dashboard's snapshot failed; it is tried again every second", failure);
                }
                failedBefore = true;
            }
        }
    }

    private synchronized double secondsSinceLastSample() {
        long now = System.nanoTime();
        double seconds = lastSample == 0 ? EVERY.toMillis() / 1000.0 : (now - lastSample) / 1e9;
        lastSample = now;
        return seconds;
    }

    /** @return the fan-outs running and those ended in the last seconds, the newest first */
    private List<Map<String, Object>> fanouts(long now) {
        fanouts.values().removeIf(shown -> shown.endedMillis() != 0 && now - shown.endedMillis() > ENDED_SHOWN_MILLIS);
        return fanouts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<FanoutProgress, Shown> entry) -> entry.getValue().endedMillis() != 0)
                        .thenComparing(entry -> -entry.getValue().id()))
                .limit(FANOUTS_SHOWN)
                .map(entry -> {
                    FanoutProgress progress = entry.getKey();
                    Shown shown = entry.getValue();
                    Map<String, Object> fanout = new LinkedHashMap<>();
                    fanout.put("id", shown.id());
                    fanout.put("method", progress.method());
                    fanout.put("done", progress.done());
                    fanout.put("drawn", progress.drawn());
                    fanout.put("total", progress.total());
                    fanout.put("failed", progress.failed());
                    fanout.put("state", shown.endedMillis() == 0 ? "running" : shown.ending());
                    return fanout;
                }).toList();
    }

    /** @return the event's data, written once for every client */
    private String publish(String name, Object data) {
        String written;
        try {
            written = json.writeValueAsString(data);
        } catch (IOException failure) {
            throw new UncheckedIOException("writing the dashboard's " + name, failure);
        }
        synchronized (live) {
            live.tryEmitNext(Event.of(written).name(name));
        }
        return written;
    }

    @PreDestroy
    synchronized void close() {
        if (sampling != null) {
            sampling.cancel(false);
        }
        synchronized (live) {
            live.tryEmitComplete();
        }
    }
}
