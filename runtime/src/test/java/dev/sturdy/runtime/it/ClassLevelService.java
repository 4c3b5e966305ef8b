package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

@Singleton
@Retry(maxAttempts = 2, delay = "0ms")
public class ClassLevelService {

    final AtomicInteger inherited = new AtomicInteger();
    final AtomicInteger own = new AtomicInteger();
    final AtomicInteger packagePrivate = new AtomicInteger();

    public String inheritsTheClassRetry() throws IOException {
        inherited.incrementAndGet();
        throw new IOException("always");
    }

    /** Its own annotation wins as a whole: maxAttempts is this annotation's default, 3, not the class's 2. */
    @Retry(delay = "0ms")
    public String hasItsOwnRetry() throws IOException {
        own.incrementAndGet();
        throw new IOException("always");
    }

    String isNotPublic() throws IOException {
        packagePrivate.incrementAndGet();
        throw new IOException("always");
    }
}
