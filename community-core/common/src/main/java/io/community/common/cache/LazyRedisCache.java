package io.community.common.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RedisCache} whose connection is opened in the background, so that a process starts and
 * serves (from the database) while Redis is down, and uses Redis once it answers. Until then every
 * call fails within the command timeout, which {@link ResilientCache} counts like any other outage.
 * Once connected, Lettuce reconnects by itself; this class only covers the first connection.
 */
final class LazyRedisCache implements KeyValueCache, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LazyRedisCache.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final String keyPrefix;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<RedisCache>> connecting = new AtomicReference<>();
    private volatile RedisCache cache;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

    LazyRedisCache(RedisClient client, RedisURI uri, String keyPrefix, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
    }

    /** Tries to connect, waiting at most {@code wait}; true if connected. */
    boolean connect(Duration wait) {
        try {
            cache(wait);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<String> get(String key) {
        return cache(timeout).get(key);
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        return cache(timeout).getAll(keys);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        cache(timeout).put(key, value, ttl);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return cache(timeout).putIfAbsent(key, value, ttl);
    }

    @Override
    public long increment(String key, Duration ttlIfNew) {
        return cache(timeout).increment(key, ttlIfNew);
    }

    @Override
    public boolean delete(String key) {
        return cache(timeout).delete(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        cache(timeout).deleteAll(keys);
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            open.close();
        }
    }

    private RedisCache cache(Duration wait) {
        RedisCache ready = cache;
        if (ready != null) {
            return ready;
        }
        CompletableFuture<RedisCache> attempt = connecting.get();
        if (attempt == null || attempt.isCompletedExceptionally()) {
            CompletableFuture<RedisCache> fresh = new CompletableFuture<>();
            if (connecting.compareAndSet(attempt, fresh)) {
                start(fresh);
            }
            attempt = connecting.get();
        }
        try {
            return attempt.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis is not connected yet");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis connection failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Redis", e);
        }
    }

    private void start(CompletableFuture<RedisCache> result) {
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, error) -> {
            if (error != null) {
                LOG.warn(
                        "Cache: cannot connect to Redis ({}); serving without the cache, retrying on use",
                        error.toString());
                result.completeExceptionally(error);
                return;
            }
            if (closed) {
                opened.close();
                result.completeExceptionally(new IllegalStateException("closed"));
                return;
            }
            opened.setTimeout(timeout); // the synchronous API's bound per command
            connection = opened;
            cache = new RedisCache(opened, keyPrefix);
            LOG.info("Cache: connected to Redis");
            result.complete(cache);
        });
    }
}
