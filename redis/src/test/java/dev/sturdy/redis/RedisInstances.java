package dev.sturdy.redis;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real {@code redis-server} per test, and the application contexts (instances) the test starts
 * against it, all stopped after.
 */
abstract class RedisInstances {

    RedisServer redis;
    final List<ApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.forEach(ApplicationContext::close);
        redis.close();
    }

    /** @return a new instance with {@code redis.uri} set to this test's Redis, and {@code properties} */
    ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("redis.uri", redis.uri());
        ApplicationContext context = ApplicationContext.run(all);
        instances.add(context);
        return context;
    }
}
