package dev.sturdy.runtime.it;

import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A dependency whose next answers the test scripts: a value, a failure, or a hang until released.
 */
@Singleton
public class ScriptedDependency {

    /** One scripted answer. */
    @FunctionalInterface
    public interface Answer {
        String answer(String request) throws Exception;
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public synchronized void script(Answer... answers) {
        script.clear();
        script.addAll(List.of(answers));
    }

    public String call(String request) throws Exception {
        calls.add(request);
        Answer next;
        synchronized (this) {
            next = script.size() > 1 ? script.poll() : script.peek();
        }
        return next == null ? "real:" + request : next.answer(request);
    }

    public List<String> calls() {
        return calls;
    }
}
