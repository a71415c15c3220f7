package io.community.cluster.user;

import io.community.cluster.grpc.SessionRevocations;
import io.community.common.cache.CacheProperties;
import io.community.user.SessionEvents;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes the user context's session events on Redis for the gateways' session caches
 * ({@link SessionRevocations}). A connection of its own, opened at start in the background: a
 * publish never waits for Redis (it is asynchronous, after commit); while an opened connection is
 * down Lettuce keeps the events (up to {@value #QUEUE} of them) and sends them when it is back;
 * without one, events are lost (logged). The
 * gateways drop their whole cache when their own subscription comes back, so a late event is
 * harmless; what a gateway still subscribed could miss meanwhile is bounded by its cache's max age
 * (docs/decisions/0035-one-session-check-per-request.md).
 */
@Singleton
@Requires(property = "redis.uri")
public class RedisSessionEvents implements SessionEvents, AutoCloseable {
    static final int QUEUE = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionEvents.class);

    private final RedisClient client;
    private final RedisURI redisUri;
    private final String channel;
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;

    public RedisSessionEvents(@Property(name = "redis.uri") String uri, CacheProperties cache) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(cache.getConnectTimeout());
        this.redisUri = redisUri;
        this.client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(cache.getConnectTimeout())
                        .build())
                .autoReconnect(true)
                // while disconnected, keep (a bounded number of) events and send them on reconnect
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .requestQueueSize(QUEUE)
                .build());
        this.channel = SessionRevocations.channel(cache.getKeyPrefix());
        LOG.info("Session events: published on Redis channel '{}'", channel);
        connection(); // in the background: the first event should not wait for the handshake
    }

    @Override
    public void sessionEnded(String sessionId) {
        publish(SessionRevocations.sessionEnded(sessionId));
    }

    @Override
    public void userChanged(long userId) {
        publish(SessionRevocations.userChanged(userId));
    }

    private void publish(String message) {
        connection()
                .thenCompose(c -> c.async().publish(channel, message).toCompletableFuture())
                .whenComplete((receivers, failure) -> {
                    if (failure != null) {
                        // the change has committed; the database stays the truth and the gateways' caches age out
                        LOG.warn(
                                "Session event not published ({}): gateways still subscribed keep cached sessions up to "
                                        + "their max age",
                                failure.toString());
                    }
                });
    }

    /** The connection, or a new attempt when the last one failed (Lettuce reconnects an opened one itself). */
    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        if (current == null || current.isCompletedExceptionally()) {
            synchronized (this) {
                current = connection;
                if (current == null || current.isCompletedExceptionally()) {
                    current = client.connectAsync(StringCodec.UTF8, redisUri).toCompletableFuture();
                    connection = current;
                }
            }
        }
        return current;
    }

    @Override
    @PreDestroy
    public void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        if (current != null) {
            current.thenAccept(StatefulRedisConnection::close);
        }
        client.shutdown();
    }
}
