package io.community.common.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.UUID;

/**
 * A raw connection to the test Redis under a key prefix unique to this run, so tests sharing one
 * Redis never see each other's keys; closing it deletes every key under the prefix.
 */
public final class TestRedis implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;

    private TestRedis(RedisClient client, StatefulRedisConnection<String, String> connection, String prefix) {
        this.client = client;
        this.connection = connection;
        this.prefix = prefix;
    }

    public static TestRedis open() {
        RedisClient client = RedisClient.create(TestServices.redisUri());
        return new TestRedis(client, client.connect(), "community-test:" + UUID.randomUUID() + ":");
    }

    /** What the code under test must put before its keys (e.g. {@code community.cache.key-prefix}). */
    public String prefix() {
        return prefix;
    }

    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** Unprefixed commands, for looking at exactly what the code under test stored. */
    public RedisCommands<String, String> raw() {
        return connection.sync();
    }

    /** The value under {@code prefix + key}. */
    public String get(String key) {
        return raw().get(prefix + key);
    }

    /** The remaining TTL in milliseconds of {@code prefix + key}. */
    public long pttl(String key) {
        return raw().pttl(prefix + key);
    }

    @Override
    public void close() {
        RedisCommands<String, String> redis = raw();
        ScanArgs matching = ScanArgs.Builder.matches(prefix + "*").limit(10_000);
        // SCAN, not KEYS: others share this Redis
        for (KeyScanCursor<String> cursor = redis.scan(matching); ; cursor = redis.scan(cursor, matching)) {
            if (!cursor.getKeys().isEmpty()) {
                redis.del(cursor.getKeys().toArray(String[]::new));
            }
            if (cursor.isFinished()) {
                break;
            }
        }
        connection.close();
        client.shutdown();
    }
}
