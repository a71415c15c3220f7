package io.community.web.limits;

import io.community.common.cache.CacheProperties;
import io.community.common.cache.ResilientCache;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-client, per-{@link RouteGroup} token buckets (bucket4j). Shared through Redis
 * ({@link RedisBuckets}) when {@code redis.uri} is set, behind a circuit breaker of the cache's
 * kind ({@link ResilientCache#breakers}): while Redis fails or the breaker is open, each instance
 * counts in buckets of its own ({@link LocalBuckets}) — clients keep being limited, per instance,
 * and no request waits for Redis. Without Redis only local buckets exist.
 *
 * <p>A bucket's key carries its capacity and period, so {@link #reconfigure} starts fresh buckets
 * instead of reinterpreting old ones. Metrics: {@code community.rate.limits.rejected{group}},
 * {@code community.rate.limits.local.fallbacks} (decisions made locally although Redis is configured).
 */
public final class ClientRateLimiter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientRateLimiter.class);

    private final CacheProperties cacheProperties;

    @Nullable
    private final String redisUri;

    private final CircuitBreaker breaker;
    private final Map<RouteGroup, Counter> rejected = new EnumMap<>(RouteGroup.class);
    private final Counter fallbacks;
    private volatile RateLimitProperties settings;
    private volatile LocalBuckets local;
    private volatile RedisBuckets redis;

    public ClientRateLimiter(
            RateLimitProperties settings,
            CacheProperties cacheProperties,
            @Nullable String redisUri,
            MeterRegistry registry) {
        this.cacheProperties = cacheProperties;
        this.redisUri = redisUri == null || redisUri.isBlank() ? null : redisUri;
        this.breaker = ResilientCache.breakers(cacheProperties).circuitBreaker("rate-limits");
        breaker.getEventPublisher()
                .onStateTransition(event -> LOG.info(
                        "Rate-limit circuit breaker {}: buckets are {}",
                        event.getStateTransition().getToState(),
                        event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED
                                ? "shared through Redis again"
                                : "counted per instance"));
        for (RouteGroup group : RouteGroup.values()) {
            rejected.put(
                    group,
                    Counter.builder("community.rate.limits.rejected")
                            .description("Requests refused by a per-client rate limit")
                            .tag("group", group.key())
                            .register(registry));
        }
        this.fallbacks = Counter.builder("community.rate.limits.local.fallbacks")
                .description("Rate-limit decisions made with local buckets because Redis failed or its breaker is open")
                .register(registry);
        apply(settings);
    }

    /** True when decisions go to Redis: sharing configured and the connection open. */
    boolean shared() {
        RedisBuckets r = redis;
        return r != null && r.connected();
    }

    /** Applies new settings (e.g. reloaded configuration); an invalid value was refused by the setters already. */
    public void reconfigure(RateLimitProperties next) {
        apply(next);
    }

    private void apply(RateLimitProperties next) {
        RateLimitProperties copy = next.copy();
        this.local = new LocalBuckets(copy.getMaxLocalBuckets());
        this.settings = copy;
        if (copy.isEnabled() && sharing(copy)) {
            redis(); // connect in the background now rather than on the first request
        }
        LOG.info(
                "Rate limits: {}{}",
                copy.isEnabled() ? copy : "off",
                copy.isEnabled() && sharing(copy)
                        ? ", shared through Redis"
                        : copy.isEnabled() ? ", per instance" : "");
    }

    public boolean enabled() {
        return settings.isEnabled();
    }

    public RateLimitProperties settings() {
        return settings.copy();
    }

    private boolean sharing(RateLimitProperties s) {
        return s.isShared() && redisUri != null;
    }

    /**
     * Takes one token from the client's bucket of the group. Empty: go ahead; otherwise refused, with
     * the time until a token is back.
     */
    public Optional<Duration> tryConsume(RouteGroup group, String client) {
        RateLimitProperties s = settings;
        long capacity = s.capacity(group);
        if (!s.isEnabled() || capacity == 0) {
            return Optional.empty();
        }
        Duration period = s.period(group);
        String prefix = s.getKeyPrefix() != null ? s.getKeyPrefix() : cacheProperties.getKeyPrefix() + "rate:";
        String key = prefix + group.key() + ":" + capacity + "/" + period.toMillis() + ":" + client;
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(BandwidthBuilder.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, period)
                        .build())
                .build();
        ConsumptionProbe probe =
                sharing(s) ? shared(key, configuration, capacity) : local.tryConsume(key, configuration, capacity);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        rejected.get(group).increment();
        return Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    private ConsumptionProbe shared(String key, BucketConfiguration configuration, long capacity) {
        try {
            return breaker.executeSupplier(() -> redis().tryConsume(key, configuration));
        } catch (RuntimeException e) {
            fallbacks.increment();
            LOG.debug("rate limit counted locally: {}", e.toString());
            return local.tryConsume(key, configuration, capacity);
        }
    }

    private RedisBuckets redis() {
        RedisBuckets r = redis;
        if (r == null) {
            synchronized (this) {
                r = redis;
                if (r == null) {
                    r = new RedisBuckets(redisUri, cacheProperties);
                    redis = r;
                }
            }
        }
        return r;
    }

    /** The breaker in front of Redis (tests and metrics). */
    CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public void close() {
        RedisBuckets r = redis;
        if (r != null) {
            r.close();
        }
    }
}
