package io.community.web.limits;

import io.community.common.cache.CacheFactory;
import io.community.common.cache.CacheProperties;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Token buckets in Redis, shared by every instance: bucket4j's Lettuce proxy (compare-and-swap on
 * one key per bucket, expiring once the bucket would be full again). The Lettuce client is the
 * cache's kind ({@link CacheFactory#redisClient}): every command bounded by
 * {@code community.cache.timeout}, rejected at once while disconnected. The connection is opened in
 * the background on first use, so a process starts while Redis is down; until it is open every call
 * fails fast, which the caller's circuit breaker counts like any outage.
 */
final class RedisBuckets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBuckets.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Connected>> connecting = new AtomicReference<>();
    private volatile boolean closed;

    private record Connected(StatefulRedisConnection<byte[], byte[]> connection, ProxyManager<byte[]> proxies) {}

    RedisBuckets(String redisUri, CacheProperties cache) {
        this.client = CacheFactory.redisClient(redisUri, cache);
        this.uri = CacheFactory.redisUri(redisUri, cache);
        this.timeout = cache.getTimeout();
        proxies(Duration.ZERO); // start connecting now, not on the first request
    }

    /**
     * True once the connection is open (Lettuce keeps it open or reconnects from then on); after a
     * failed attempt, starts another one without waiting for it.
     */
    boolean connected() {
        return proxies(Duration.ZERO) != null;
    }

    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return proxies(timeout)
                .builder()
                .build(key.getBytes(StandardCharsets.UTF_8), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
    }

    private ProxyManager<byte[]> proxies(Duration wait) {
        CompletableFuture<Connected> attempt = connecting.get();
        if (attempt == null || attempt.isCompletedExceptionally()) {
            CompletableFuture<Connected> next = new CompletableFuture<>();
            if (connecting.compareAndSet(attempt, next)) {
                connect(next);
            }
            attempt = connecting.get();
        }
        try {
            return attempt.get(wait.toMillis(), TimeUnit.MILLISECONDS).proxies();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Redis", e);
        } catch (Exception e) {
            if (wait.isZero()) {
                return null;
            }
            throw new IllegalStateException("rate-limit buckets: Redis not connected", e);
        }
    }

    private void connect(CompletableFuture<Connected> result) {
        client.connectAsync(ByteArrayCodec.INSTANCE, uri).whenComplete((connection, failure) -> {
            if (failure != null) {
                LOG.debug("rate-limit buckets: cannot connect to Redis yet: {}", failure.toString());
                result.completeExceptionally(failure);
                return;
            }
            if (closed) {
                connection.close();
                result.completeExceptionally(new IllegalStateException("closed"));
                return;
            }
            connection.setTimeout(timeout);
            ProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .requestTimeout(timeout)
                    .build();
            result.complete(new Connected(connection, proxies));
        });
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Connected> attempt = connecting.get();
        if (attempt != null && attempt.isDone() && !attempt.isCompletedExceptionally()) {
            attempt.join().connection().close();
        }
        CacheFactory.shutdown(client);
    }
}
