package io.community.cluster.grpc;

import io.community.common.cache.CacheProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a cache exact ({@link Listener}, e.g. {@link ExactCache}): subscribes to the user
 * service's revocation events on Redis ({@link SessionRevocations}) and applies each one; the cache
 * is live only while the subscription is confirmed. A heartbeat (PING on the subscription's own
 * connection, every {@code heartbeat}) must answer within the heartbeat, or the cache stops (every
 * lookup remote) until the subscription answers again, and then starts empty: events published
 * while it was not heard may be lost, and an empty cache has nothing stale. A disconnect noticed by
 * Lettuce stops it at once.
 */
public final class RevocationSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationSubscriber.class);

    /** What the subscriber keeps exact. */
    public interface Listener {
        void apply(SessionRevocations.Event event);

        /** Whether events are heard; a change means some may have been missed. */
        void live(boolean heard);

        boolean live();

        /** Called after each heartbeat. */
        default void purgeExpired() {}
    }

    private final Listener cache;
    private final String what;
    private final RedisClient client;
    private final RedisURI uri;
    private final String channel;
    private final Duration heartbeat;
    private final Duration connectTimeout;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "revocation-events");
        t.setDaemon(true);
        return t;
    });
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean subscribed;
    private volatile boolean closed;

    /**
     * @param what the cache, for the log ("Session cache")
     * @param clientName the connection's name in Redis's CLIENT LIST
     */
    public RevocationSubscriber(
            Listener cache,
            String what,
            String clientName,
            String redisUri,
            String keyPrefix,
            Duration connectTimeout,
            Duration heartbeat) {
        this.cache = cache;
        this.what = what;
        this.uri = RedisURI.create(redisUri);
        uri.setTimeout(connectTimeout);
        uri.setClientName(clientName);
        this.channel = SessionRevocations.channel(keyPrefix);
        this.heartbeat = heartbeat;
        this.connectTimeout = connectTimeout;
        // reconnects at most a second apart, as the cache's client does
        this.client = RedisClient.create(
                ClientResources.builder()
                        .reconnectDelay(Delay.exponential(
                                Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                        .build(),
                uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(
                        SocketOptions.builder().connectTimeout(connectTimeout).build())
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                // events published from now until the resubscription are lost: stop trusting at once
                subscribed = false;
                if (cache.live()) {
                    LOG.warn("{}: lost the revocation events' connection; stopped until it is back", what);
                }
                cache.live(false);
            }
        });
    }

    /**
     * A subscriber on the cache's Redis ({@code redis.uri}, {@code community.cache.key-prefix} and
     * connect timeout, as the user service publishes with), started.
     */
    public static RevocationSubscriber started(
            Listener cache,
            String what,
            String clientName,
            String redisUri,
            CacheProperties redis,
            Duration heartbeat) {
        RevocationSubscriber subscriber = new RevocationSubscriber(
                cache, what, clientName, redisUri, redis.getKeyPrefix(), redis.getConnectTimeout(), heartbeat);
        subscriber.start();
        return subscriber;
    }

    /** Subscribes (in the background if Redis is not there yet) and starts the heartbeat. */
    public void start() {
        LOG.info("{}: exact through revocation events on Redis channel '{}', heartbeat {}", what, channel, heartbeat);
        long period = heartbeat.toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, 0, period, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> current = connection;
            if (current == null) {
                current = connect();
            }
            current.async().ping().get(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            if (subscribed && !cache.live()) {
                cache.live(true);
                LOG.info("{}: revocation events heard again; cache starts empty", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (cache.live()) {
                LOG.warn("{}: revocation events not heard ({}); stopped until they are", what, e.toString());
            }
            cache.live(false);
        }
        cache.purgeExpired();
    }

    private StatefulRedisPubSubConnection<String, String> connect() {
        StatefulRedisPubSubConnection<String, String> fresh = client.connectPubSub(StringCodec.UTF8, uri);
        fresh.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                SessionRevocations.parse(message).ifPresent(cache::apply);
            }

            @Override
            public void subscribed(String to, long count) {
                // also after Lettuce's automatic resubscription on reconnect
                subscribed = true;
            }
        });
        // bounded like the heartbeat: a hung Redis must not hold this thread (Lettuce's default is 60 s)
        fresh.setTimeout(heartbeat.compareTo(connectTimeout) > 0 ? heartbeat : connectTimeout);
        fresh.sync().subscribe(channel);
        connection = fresh;
        return fresh;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        cache.live(false);
        StatefulRedisPubSubConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown();
        client.getResources().shutdown();
    }
}
