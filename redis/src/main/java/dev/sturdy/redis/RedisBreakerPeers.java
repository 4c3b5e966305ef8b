package dev.sturdy.redis;

import dev.sturdy.runtime.circuit.BreakerPeers;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.core.PolicyValues;
import io.lettuce.core.ScriptOutputType;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One breaker shared by every instance through Redis. Opening is decided where the failures are
 * seen: the instance whose window fills with failures opens, writes the state to a hash (with its
 * end, by the Redis server's clock) and publishes it on the store's channel, and every instance
 * moves its own breaker on the message. Pub/sub, not keyspace notifications: it needs no server
 * configuration, and the hash is there for an instance that starts late or reconnects. In
 * HALF_OPEN each trial takes a place from one counter in Redis, so at most {@code successThreshold}
 * trials run across all instances, and the trial that makes {@code successThreshold} successes
 * closes the breaker everywhere. Forced states travel the same way. When Redis does not answer,
 * {@code on-failure} decides a trial's admission ({@code local}: this instance's own trial places)
 * and this instance's own count closes it. Thread-safe.
 */
final class RedisBreakerPeers implements BreakerPeers {

    /** KEYS: the state hash, the trials, the successes. ARGV: state, forced (0/1), open for (ms), channel, message. */
    static final RedisStore.Script MOVED = RedisStore.Script.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ends = string.format('%d', now + tonumber(ARGV[3]))
            redis.call('HSET', KEYS[1], 'state', ARGV[1], 'forced', ARGV[2], 'until', ends)
            redis.call('DEL', KEYS[2], KEYS[3])
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return 1
            """);

    /** KEYS: the trials. ARGV: the most trials, how long the count lives (ms). 1 when admitted, else 0. */
    static final RedisStore.Script TRIAL = RedisStore.Script.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if n > tonumber(ARGV[1]) then
              redis.call('DECR', KEYS[1])
              return 0
            end
            return 1
            """);

    /** KEYS: the trials. */
    static final RedisStore.Script RELEASED = RedisStore.Script.of("""
            if tonumber(redis.call('GET', KEYS[1]) or 0) > 0 then redis.call('DECR', KEYS[1]) end
            return 1
            """);

    /**
     * KEYS: the successes, the state hash, the trials. ARGV: the successes needed, channel, message,
     * how long the count lives (ms). 1 when now closed; 0 too when the breaker is closed or forced
     * already (a trial of a round that is over).
     */
    static final RedisStore.Script SUCCEEDED = RedisStore.Script.of("""
            local state = redis.call('HMGET', KEYS[2], 'state', 'forced')
            if state[1] == 'CLOSED' or state[2] == '1' then return 0 end
            local n = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            if n < tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[2], 'state', 'CLOSED', 'forced', '0', 'until', '0')
            redis.call('DEL', KEYS[1], KEYS[3])
            redis.call('PUBLISH', ARGV[2], ARGV[3])
            return 1
            """);

    /** KEYS: the state hash. Returns state, forced, the ms it stays open from now; empty when never set or an OPEN is over. */
    static final RedisStore.Script READ = RedisStore.Script.of("""
            local h = redis.call('HMGET', KEYS[1], 'state', 'forced', 'until')
            if not h[1] then return {} end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local left = tonumber(h[3]) - now
            if h[1] == 'OPEN' and h[2] == '0' and left <= 0 then return {} end
            return {h[1], h[2], string.format('%d', math.max(0, left))}
            """);

    private final RedisStore store;
    private final CircuitBreaker breaker;
    private final String[] stateKeys;
    private final String[] trialKeys;
    private final String[] successKeys;
    private final String threshold;
    private final String trialTtl;
    private final long timeoutNanos;

    RedisBreakerPeers(RedisStore store, CircuitBreaker breaker) {
        this.store = store;
        this.breaker = breaker;
        String base = store.settings().keyPrefix() + "breaker:" + breaker.policy().name();
        this.stateKeys = new String[] {base, base + ":trials", base + ":successes"};
        this.trialKeys = new String[] {base + ":trials"};
        this.successKeys = new String[] {base + ":successes", base, base + ":trials"};
        this.threshold = Integer.toString(breaker.policy().successThreshold());
        // a trial's place outlives an instance that died holding it by no more than this
        long delayMillis = PolicyValues.saturatedNanos(breaker.policy().delay()) / 1_000_000;
        this.trialTtl = Long.toString(Math.max(10_000, Math.min(delayMillis * 2, 3_600_000)));
        this.timeoutNanos = PolicyValues.saturatedNanos(store.settings().timeout());
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public void moved(CircuitState to, boolean forced, long openForNanos) {
        // not waited for: the call whose failure opened the breaker goes on at once
        String message = store.message(breaker.policy().name(), to, forced, openForNanos / 1_000_000);
        store.<Long>eval(MOVED, ScriptOutputType.INTEGER, stateKeys, to.name(), forced ? "1" : "0",
                Long.toString(openForNanos / 1_000_000), store.channel(), message)
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .whenComplete((done, failure) -> store.answered(failure));
    }

    @Override
    public boolean admitTrial() {
        Long admitted = ask(TRIAL, trialKeys, threshold, trialTtl);
        if (admitted == null) {
            return store.settings().onFailure() != OnFailure.REJECT;
        }
        return admitted == 1;
    }

    @Override
    public void trialReleased() {
        store.<Long>eval(RELEASED, ScriptOutputType.INTEGER, trialKeys).orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .whenComplete((done, failure) -> store.answered(failure));
    }

    @Override
    public Boolean trialSucceeded() {
        Long closed = ask(SUCCEEDED, successKeys, threshold, store.channel(),
                store.message(breaker.policy().name(), CircuitState.CLOSED, false, 0), trialTtl);
        return closed == null ? null : closed == 1;
    }

    /** Moves this instance's breaker to the state kept in Redis, if any: for an instance that starts late or reconnects. */
    void catchUp() {
        store.<List<Object>>eval(READ, ScriptOutputType.MULTI, new String[] {stateKeys[0]})
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .whenComplete((state, failure) -> {
                    store.answered(failure);
                    // an operator's state here is not undone by an older one read from Redis
                    if (failure == null && state.size() == 3 && !breaker.forced()) {
                        breaker.movedElsewhere(CircuitState.valueOf(String.valueOf(state.get(0))),
                                "1".equals(String.valueOf(state.get(1))),
                                TimeUnit.MILLISECONDS.toNanos(Long.parseLong(String.valueOf(state.get(2)))));
                    }
                });
    }

    /** @return the script's answer, or {@code null} when Redis did not give one in time */
    private Long ask(RedisStore.Script script, String[] keys, String... arguments) {
        if (store.outage().skip()) {
            return null;
        }
        try {
            Long answer = store.<Long>eval(script, ScriptOutputType.INTEGER, keys, arguments)
                    .get(timeoutNanos, TimeUnit.NANOSECONDS);
            store.answered(null);
            return answer;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            store.answered(failed instanceof ExecutionException ? failed.getCause() : failed);
            return null;
        }
    }
}
