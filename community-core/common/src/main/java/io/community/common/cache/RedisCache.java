package io.community.common.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link KeyValueCache} on Redis through one shared Lettuce connection (thread-safe; Lettuce
 * multiplexes concurrent commands). Every key is stored under a prefix so that several
 * deployments can share one Redis. The connection is owned by whoever created it.
 */
public final class RedisCache implements KeyValueCache {

    /*
     * INCR and PEXPIRE in one script, so a crash in between cannot leave a counter without TTL.
     * The TTL is set when the key has none after INCR: a new key, or a foreign key written without
     * TTL. Testing "result == 1" instead would restart the TTL of an existing entry whose value was 0.
     */
    static final String INCREMENT_SCRIPT = """
            local value = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) == -1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return value
            """;

    private final RedisCommands<String, String> redis;
    private final String keyPrefix;
    private final String incrementScript;
    private final String incrementSha;

    public RedisCache(StatefulRedisConnection<String, String> connection, String keyPrefix) {
        this(connection, keyPrefix, INCREMENT_SCRIPT);
    }

    /** Tests pass a variant of the script to exercise the path where Redis does not know it yet. */
    RedisCache(StatefulRedisConnection<String, String> connection, String keyPrefix, String incrementScript) {
        this.redis = Objects.requireNonNull(connection, "connection").sync();
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.incrementScript = incrementScript;
        this.incrementSha = redis.digest(incrementScript); // computed locally, no round trip
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.get(prefixed(key)));
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of(); // MGET without keys is a syntax error
        }
        Map<String, String> keyByPrefixed = new LinkedHashMap<>();
        for (String key : new LinkedHashSet<>(keys)) {
            keyByPrefixed.put(prefixed(key), key);
        }
        List<KeyValue<String, String>> found = redis.mget(keyByPrefixed.keySet().toArray(String[]::new));
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue<String, String> entry : found) {
            if (entry.hasValue()) {
                values.put(keyByPrefixed.get(entry.getKey()), entry.getValue());
            }
        }
        return values;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        redis.set(prefixed(key), Objects.requireNonNull(value, "value"), SetArgs.Builder.px(millis(ttl)));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        // SET NX answers null when the key exists
        return "OK"
                .equals(redis.set(
                        prefixed(key),
                        Objects.requireNonNull(value, "value"),
                        SetArgs.Builder.nx().px(millis(ttl))));
    }

    @Override
    public long increment(String key, Duration ttlIfNew) {
        String[] keys = {prefixed(key)};
        String ttl = Long.toString(millis(ttlIfNew));
        Long value;
        try {
            value = redis.evalsha(incrementSha, ScriptOutputType.INTEGER, keys, ttl);
        } catch (RedisNoScriptException e) {
            // Redis restarted or failed over and lost its script cache; EVAL loads it again
            value = redis.eval(incrementScript, ScriptOutputType.INTEGER, keys, ttl);
        }
        return value;
    }

    @Override
    public boolean delete(String key) {
        return redis.del(prefixed(key)) > 0;
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return; // DEL without keys is a syntax error
        }
        List<String> prefixed = new ArrayList<>(keys.size());
        for (String key : keys) {
            prefixed.add(prefixed(key));
        }
        redis.del(prefixed.toArray(String[]::new));
    }

    private String prefixed(String key) {
        return keyPrefix + Objects.requireNonNull(key, "key");
    }

    /** Rounds up, so a positive sub-millisecond TTL does not become PX 0 (which Redis rejects). */
    private static long millis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        long millis = ttl.toMillis();
        return ttl.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
    }
}
