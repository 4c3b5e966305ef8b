package dev.sturdy.redis;

import dev.sturdy.annotation.RateLimit;
import dev.sturdy.exception.RateLimitExceededException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rate limit shared through a real {@code redis-server}: three application contexts (three
 * instances) admit no more than the one limit between them, sync and async; and when Redis is
 * killed, frozen or restarted, each {@code on-failure} mode holds and sharing resumes by itself.
 */
class SharedRateLimitTest extends RedisInstances {

    private static final int PERMITS = 10;

    private Partner instance(String onFailure, String timeout) {
        return start(Map.of("sturdy-test.redis", "true", "sturdy.rate-limits.partner.store", "redis",
                "sturdy.redis.on-failure", onFailure, "sturdy.redis.timeout", timeout)).getBean(Partner.class);
    }

    private static int admitted(Supplier<Object> call, int calls) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            try {
                call.get();
                admitted++;
            } catch (RateLimitExceededException | CompletionException refused) {
                // refused by the limit
            }
        }
        return admitted;
    }

    @Test
    void threeInstancesAdmitNoMoreThanTheOneLimitBetweenThem() {
        List<Partner> partners = List.of(instance("reject", "2s"), instance("reject", "2s"), instance("reject", "2s"));

        int admitted = 0;
        for (Partner partner : partners) {
            admitted += admitted(partner::call, 2 * PERMITS);
        }

        // 10 a minute: a token a 6 s, none of which falls within the test
        assertThat(admitted).isEqualTo(PERMITS);
    }

    @Test
    void asyncCallsShareTheLimitWithoutBlocking() {
        List<Partner> partners = List.of(instance("reject", "2s"), instance("reject", "2s"));

        int admitted = 0;
        for (Partner partner : partners) {
            admitted += admitted(() -> partner.callAsync().join(), 2 * PERMITS);
        }

        assertThat(admitted).isEqualTo(PERMITS);
    }

    @Test
    void redisKilledThenRestartedLocalFallsBackToEachInstancesOwnLimitAndSharingResumes() throws Exception {
        Partner first = instance("local", "200ms");
        Partner second = instance("local", "200ms");
        assertThat(admitted(first::call, 3)).isEqualTo(3);

        redis.kill();

        // each instance on its own bucket, untouched so far: ten each
        assertThat(admitted(first::call, 2 * PERMITS)).isEqualTo(PERMITS);
        assertThat(admitted(second::call, 2 * PERMITS)).isEqualTo(PERMITS);
        assertThat(health(instances.get(0)).getDetails().toString()).contains("not answering");

        redis.restart();
        // an empty Redis: a full shared bucket again, within a probe period or two
        int probes = awaitAnswering(instances.get(0));
        assertThat(probes + admitted(first::call, 2 * PERMITS)).isEqualTo(PERMITS);
        assertThat(admitted(second::call, 2 * PERMITS)).isZero();
    }

    @Test
    void redisKilledRejectRefusesAtOnceAndAllowLetsEverythingThrough() throws Exception {
        Partner rejecting = instance("reject", "200ms");
        Partner allowing = instance("allow", "200ms");
        assertThat(admitted(rejecting::call, 1)).isEqualTo(1);

        redis.kill();

        long start = System.nanoTime();
        assertThat(admitted(rejecting::call, 5)).isZero();
        assertThat(admitted(() -> rejecting.callAsync().join(), 5)).isZero();
        assertThat(admitted(allowing::call, 3 * PERMITS)).isEqualTo(3 * PERMITS);
        // each call waits at most the timeout, and while Redis is away most do not ask at all
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void aFrozenRedisIsAFailureLikeADeadOneAndThawedItIsUsedAgain() throws Exception {
        Partner allowing = instance("allow", "200ms");
        assertThat(admitted(allowing::call, PERMITS)).isEqualTo(PERMITS);
        assertThat(admitted(allowing::call, 1)).as("the shared bucket is empty").isZero();

        redis.freeze();
        long start = System.nanoTime();
        CompletableFuture<String> async = allowing.callAsync();
        assertThat(admitted(allowing::call, 3)).isEqualTo(3);
        assertThat(async.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);

        redis.thaw();
        awaitAnswering(instances.get(0));
        assertThat(admitted(allowing::call, 1)).as("the shared bucket, still empty").isZero();
    }

    @Test
    void anUnknownOnFailureValueFailsStartUpListingTheAllowedOnes() {
        assertThatThrownBy(() -> instance("retry", "50ms")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:redis-on-failure] sturdy.redis.on-failure: must be one of [local, allow, reject],"
                        + " but was \"retry\"");
    }

    @Test
    void storeRedisWithoutRedisConfiguredFailsStartUpSayingWhatToSet() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.redis", "true",
                "sturdy.rate-limits.partner.store", "redis"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:store] sturdy.rate-limits.partner.store on Partner.call(): \"redis\" cannot be"
                        + " used: Micronaut Redis is not configured: set redis.uri");
    }

    private static HealthResult health(ApplicationContext context) {
        return Mono.from(context.getBean(RedisStoreHealth.class).getResult()).block();
    }

    /** @return how many of the calls that probed Redis meanwhile were admitted: the one that found it back took a token */
    private static int awaitAnswering(ApplicationContext context) throws InterruptedException {
        Partner partner = context.getBean(Partner.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int admitted = 0;
        while (health(context).getDetails().toString().contains("not answering")) {
            assertThat(System.nanoTime() - deadline).as("Redis used again within 10 s").isNegative();
            Thread.sleep(50);
            admitted += admitted(partner::call, 1); // calls probe Redis while it is away
        }
        assertThat(health(context).getStatus()).isEqualTo(HealthStatus.UP);
        return admitted;
    }

    /** A partner API whose quota is for all instances together. */
    @Singleton
    @Requires(property = "sturdy-test.redis", value = "true")
    public static class Partner {

        @RateLimit(name = "partner", permits = PERMITS, period = "1m")
        public String call() {
            return "ok";
        }

        @RateLimit(name = "partner", permits = PERMITS, period = "1m")
        public CompletableFuture<String> callAsync() {
            return CompletableFuture.completedFuture("ok");
        }
    }
}
