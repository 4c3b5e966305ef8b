package dev.sturdy.runtime.it;

import dev.sturdy.runtime.fanout.FanoutProgress;
import dev.sturdy.runtime.micronaut.observe.PolicyObserver;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hears every fan-out start and end, as the dashboard does; only in the stream fan-out tests. */
@Singleton
@Requires(property = "sturdy-test.stream-fanout", value = "true")
public class FanoutProgressWatcher implements PolicyObserver {

    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void fanoutStarted(FanoutProgress progress) {
        heard.add("started " + progress.method());
    }

    @Override
    public void fanoutEnded(FanoutProgress progress, Throwable failure) {
        heard.add("ended " + progress.done() + "/" + progress.total() + " failed " + progress.failed() + " "
                + (failure == null ? "well" : failure.getClass().getSimpleName()));
    }
}
