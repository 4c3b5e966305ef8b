package dev.sturdy.redis;

import dev.sturdy.runtime.circuit.BreakerPeers;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.micronaut.beans.PolicyStore;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import dev.sturdy.runtime.ratelimit.TokenBucket;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code redis} store: a client and connection of its own to the Redis that Micronaut Redis
 * is configured with ({@code redis.uri}), made when the first shared policy is built, and the
 * scripts shared policies run there. Its own, because it must not queue commands while Redis is
 * away and replay them when it returns (Lettuce's default: a replayed script would take tokens for
 * calls long answered), and must reconnect as soon as Redis is back rather than after Lettuce's
 * back-off: commands fail at once while disconnected, and a probe reconnects. Thread-safe.
 */
@Singleton
final class RedisStore implements PolicyStore, AutoCloseable {

    /** How long an attempt to connect may take: a probe (every 200 ms) retries after it. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger("dev.sturdy.redis");

    private final BeanProvider<AbstractRedisConfiguration> configuration;
    private RedisClient client;
    private final List<FailureCounter> counters;
    private final RedisSettings settings;
    private final String problem;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, RedisBreakerPeers> breakers = new ConcurrentHashMap<>();
    private final String instance = UUID.randomUUID().toString();
    private CompletableFuture<StatefulRedisPubSubConnection<String, String>> subscription;
    private CompletableFuture<?> subscribed;
    private ScheduledFuture<?> prober;
    private volatile Outage outage;
    private boolean closed;
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;

    RedisStore(BeanProvider<AbstractRedisConfiguration> configuration, List<FailureCounter> counters,
            Environment environment) {
        this.configuration = configuration;
        this.counters = counters;
        RedisSettings read = null;
        String invalid = null;
        try {
            read = RedisSettings.of(environment);
        } catch (IllegalArgumentException bad) {
            invalid = bad.getMessage();
        }
        this.settings = read;
        this.problem = invalid;
    }

    @Override
    public String name() {
        return "redis";
    }

    /** @return an invalid {@code sturdy.redis.*} value, or {@code null}: start-up fails on it even when no policy is shared */
    String invalidSettings() {
        return problem;
    }

    @Override
    public String unavailable() {
        if (problem != null) {
            return problem;
        }
        if (!configuration.isPresent()) {
            return "Micronaut Redis is not configured: set redis.uri (e.g. redis://localhost:6379)";
        }
        return null;
    }

    @Override
    public TokenBucket rateLimit(RateLimiter local) {
        startOnce();
        return buckets.computeIfAbsent(local.policy().name(), name -> new RedisTokenBucket(this, local,
                settings.keyPrefix() + "rate-limit:" + name));
    }

    /**
     * Starts connecting, without waiting: by the first call the connection is usually there; if
     * not, the call's timeout decides.
     */
    private synchronized void startOnce() {
        if (outage == null) {
            outage = new Outage(settings.onFailure(), counters, this::resync);
            connect();
        }
    }

    /** Drops the connection, so that the next call connects afresh. */
    synchronized void dropConnection() {
        if (connection != null) {
            CompletableFuture<StatefulRedisConnection<String, String>> dropped = connection;
            connection = null;
            dropped.thenAccept(StatefulRedisConnection::closeAsync);
        }
    }

    /** @return whether a shared policy uses the store */
    boolean inUse() {
        return !buckets.isEmpty() || !breakers.isEmpty();
    }

    RedisSettings settings() {
        return settings;
    }

    /** @return whether Redis is answering, as calls find it; made, and the connection started, with the first shared policy */
    Outage outage() {
        return outage;
    }

    /**
     * Runs a script by its digest, loading it when Redis does not know it (it restarted, say).
     *
     * @return its integer result, to come
     */
    CompletableFuture<Long> eval(Script script, String[] keys, String... arguments) {
        return eval(script, ScriptOutputType.INTEGER, keys, arguments);
    }

    /** @return the script's result of the given type, to come; loaded first when Redis does not know it */
    <T> CompletableFuture<T> eval(Script script, ScriptOutputType type, String[] keys, String... arguments) {
        return connection().thenCompose(redis -> redis.async().<T>evalsha(script.sha(), type, keys, arguments)
                .toCompletableFuture()
                .exceptionallyCompose(failure -> failure instanceof RedisNoScriptException
                        || failure.getCause() instanceof RedisNoScriptException
                        ? redis.async().<T>eval(script.text(), type, keys, arguments).toCompletableFuture()
                        : CompletableFuture.failedFuture(failure)));
    }

    /** Records how Redis answered an operation not waited for: {@code null} for an answer. */
    void answered(Throwable failure) {
        if (closed) {
            return;
        }
        if (failure == null) {
            outage.succeeded();
        } else {
            outage.failed(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
        }
    }

    /** @return the channel breakers' states travel on */
    String channel() {
        return settings.keyPrefix() + "breakers";
    }

    /** @return a breaker's state as published: this instance's id, the name, the state, forced, open for (ms) */
    String message(String breaker, CircuitState state, boolean forced, long openForMillis) {
        return instance + "\t" + breaker + "\t" + state + "\t" + (forced ? 1 : 0) + "\t" + openForMillis;
    }

    @Override
    public BreakerPeers circuitBreaker(CircuitBreaker breaker) {
        startOnce();
        RedisBreakerPeers shared = breakers.computeIfAbsent(breaker.policy().name(), name -> new RedisBreakerPeers(this,
                breaker));
        // listening, then reading: a state published in between is not missed
        subscribe().thenRun(shared::catchUp);
        watch();
        return shared;
    }

    /**
     * Listens to the breakers' channel, on a connection of its own, unless it already does.
     *
     * @return completes once subscribed
     */
    private synchronized CompletableFuture<?> subscribe() {
        if (closed || breakers.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (subscribed != null && (!subscribed.isDone() || !subscribed.isCompletedExceptionally()
                && subscription.join().isOpen())) {
            return subscribed;
        }
        if (subscription != null) {
            subscription.thenAccept(StatefulRedisPubSubConnection::closeAsync);
        }
        AbstractRedisConfiguration config = configuration.get();
        subscription = client.connectPubSubAsync(StringCodec.UTF8, config.getUri().orElse(config)).toCompletableFuture();
        subscribed = subscription.thenCompose(pubSub -> {
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    // off the I/O thread: the breaker's listeners (events, logs) run where it moves
                    client.getResources().eventExecutorGroup().execute(() -> movedElsewhere(message));
                }
            });
            return pubSub.async().subscribe(channel()).toCompletableFuture();
        });
        return subscribed;
    }

    /**
     * A breaker moved, here or elsewhere: every instance applies every state, its own included, in
     * the order Redis published them, so that all end in the same state whatever raced.
     */
    private void movedElsewhere(String message) {
        String[] parts = message.split("\t");
        if (parts.length != 5) {
            return;
        }
        RedisBreakerPeers shared = breakers.get(parts[1]);
        if (shared == null) {
            return;
        }
        try {
            shared.breaker().movedElsewhere(CircuitState.valueOf(parts[2]), parts[3].equals("1"),
                    TimeUnit.MILLISECONDS.toNanos(Long.parseLong(parts[4])));
        } catch (IllegalArgumentException notOurs) {
            LOG.debug("ignored a message on {} that Sturdy did not write: {}", channel(), message);
        }
    }

    /**
     * While shared breakers exist, a task watches every probe period: while Redis is away it probes
     * (a CLOSED breaker's calls never ask Redis, so calls alone might never find it back), and when
     * the subscription was lost (Redis restarted, the connection dropped: it does not reconnect by
     * itself) it listens again and catches up.
     */
    private synchronized void watch() {
        if (breakers.isEmpty() || prober != null || closed) {
            return;
        }
        long every = Outage.PROBE_EVERY.toMillis();
        prober = client.getResources().eventExecutorGroup().scheduleWithFixedDelay(() -> {
            if (closed) {
                return;
            }
            if (outage.down()) {
                breakers.values().iterator().next().catchUp();
            } else if (!listening()) {
                resync();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** @return whether the breakers' channel is subscribed on an open connection */
    private synchronized boolean listening() {
        return subscribed != null && subscribed.isDone() && !subscribed.isCompletedExceptionally()
                && subscription.join().isOpen();
    }

    private synchronized void stopWatching() {
        if (prober != null) {
            prober.cancel(false);
            prober = null;
        }
    }

    /** Redis answers again: listen again if the subscription was lost, then catch up with what was missed meanwhile. */
    private void resync() {
        if (breakers.isEmpty()) {
            return;
        }
        subscribe().thenRun(() -> breakers.values().forEach(RedisBreakerPeers::catchUp));
    }

    /** @return a {@code PING}'s answer, to come: how a call probes Redis while it is away, taking nothing */
    CompletableFuture<String> ping() {
        return connection().thenCompose(redis -> redis.async().ping().toCompletableFuture());
    }

    /**
     * The connection; a new one when the last attempt failed or the connection was lost: Lettuce
     * would reconnect a lost one by itself, but backs off up to 30 seconds between attempts, and
     * shared state must resume as soon as Redis is back (a call asks only once per probe period
     * while Redis is away).
     */
    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join().isOpen()) {
            return current;
        }
        return reconnect();
    }

    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> reconnect() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the application is shutting down"));
        }
        if (connection == null || connection.isCompletedExceptionally()) {
            connect();
        } else if (connection.isDone() && !connection.join().isOpen()) {
            connection.join().closeAsync();
            connect();
        }
        return connection;
    }

    private void connect() {
        AbstractRedisConfiguration config = configuration.get();
        RedisURI uri = config.getUri().orElse(config);
        if (client == null) {
            client = RedisClient.create(uri);
            // a connection that hangs is dropped by its probe; keep-alive finds one that died without a word
            client.setOptions(ClientOptions.builder().autoReconnect(false)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().keepAlive(true).connectTimeout(CONNECT_TIMEOUT).build()).build());
        }
        connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        stopWatching();
        if (connection != null) {
            connection.thenAccept(StatefulRedisConnection::closeAsync);
        }
        if (subscription != null) {
            subscription.thenAccept(StatefulRedisPubSubConnection::closeAsync);
        }
        if (client != null) {
            client.shutdownAsync();
        }
    }

    /** A Lua script and its SHA-1 digest, by which Redis runs a script it has loaded. */
    record Script(String text, String sha) {

        static Script of(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException impossible) {
                throw new ConfigurationException("SHA-1 is missing from this JVM", impossible);
            }
        }
    }
}
