package dev.sturdy.dashboard;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of {@code /sturdy/stream}, as a browser's {@code EventSource} reads it: the events
 * arrive on the HTTP client's own threads (none per stream) and are queued for the test to take.
 */
final class StreamReader implements Flow.Subscriber<String> {

    /** One server-sent event. */
    record Sent(String name, String data) {
    }

    private final BlockingQueue<Sent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private String name = "message";

    StreamReader(HttpClient client, URI stream) {
        this.response = client.sendAsync(HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(this));
    }

    /** @return the next event that {@code wanted} accepts, skipping others; fails after ten seconds, naming {@code what} */
    Sent next(String what, Predicate<Sent> wanted) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> skipped = new ArrayList<>();
        for (Sent event = poll(until); event != null; event = poll(until)) {
            if (wanted.test(event)) {
                return event;
            }
            skipped.add(event.name());
        }
        throw new AssertionError("no " + what + " within 10s; events skipped: " + skipped + "; response: "
                + response.getNow(null));
    }

    Sent next(String eventName) throws InterruptedException {
        return next("event " + eventName, event -> event.name().equals(eventName));
    }

    private Sent poll(long until) throws InterruptedException {
        return events.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    void close() {
        subscribed.thenAccept(Flow.Subscription::cancel);
        response.cancel(true);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscribed.complete(subscription);
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.startsWith("event:")) {
            name = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
            events.add(new Sent(name, line.substring("data:".length()).trim()));
            name = "message";
        }
    }

    @Override
    public void onError(Throwable failure) {
    }

    @Override
    public void onComplete() {
    }
}
