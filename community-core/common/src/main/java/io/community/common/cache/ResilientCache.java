package io.community.common.cache;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisCommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Makes a remote {@link KeyValueCache} (Redis) degrade instead of failing requests:
 * <ul>
 *   <li>every call runs behind a resilience4j {@link CircuitBreaker}; the delegate bounds each call
 *       itself (Lettuce command timeout), so a stopped Redis costs one timeout per call until the
 *       breaker opens, and then nothing at all: while open, calls fail at once with
 *       {@link CacheUnavailableException} — reads then go to the database and cache population is
 *       skipped (both by {@link CacheAside});</li>
 *   <li>a delete that could not be delivered (failed, timed out, or not tried because the breaker is
 *       open) is remembered and retried: by a background tick once a second, and before any other
 *       call of this instance. No call reaches Redis while evictions are pending, so this instance
 *       never reads an entry whose eviction it still owes, and a stale entry does not outlive the
 *       outage by more than about a second on the other instances.</li>
 * </ul>
 * Errors that Redis answered (a command rejected, e.g. INCR on text) and invalid arguments are
 * rethrown as they are and do not count against Redis's health.
 *
 * <p>The in-process cache needs none of this: it cannot be down.
 */
public final class ResilientCache implements KeyValueCache, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientCache.class);
    private static final Duration RETRY_TICK = Duration.ofSeconds(1);

    private final KeyValueCache delegate;
    private final CircuitBreakerRegistry breakers;
    private final CircuitBreaker breaker;
    private final Duration retryAfter;
    private final int maxPending;
    private final Runnable onClose;
    /** Key → generation of the eviction that was missed last, so a retry never drops a newer miss. */
    private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();

    private final AtomicLong generations = new AtomicLong();
    private final ScheduledExecutorService retrier;

    /**
     * @param breakers where the breaker named "cache" comes from (its default config applies), so that
     *                 its metrics can be published from the registry
     * @param onClose  releases what the delegate holds (connection, client) when this cache is closed
     */
    public ResilientCache(
            KeyValueCache delegate, CircuitBreakerRegistry breakers, int maxPendingEvictions, Runnable onClose) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.breaker = breakers.circuitBreaker("cache");
        // what a caller that needs the cache is told to wait: about the breaker's next probe
        Long openWaitMillis = breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState()
                .apply(1);
        this.retryAfter = Duration.ofMillis(Math.max(1000, openWaitMillis == null ? 5000 : openWaitMillis));
        this.maxPending = maxPendingEvictions;
        this.onClose = onClose == null ? () -> {} : onClose;
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN ->
                    LOG.warn("Cache circuit breaker OPEN: Redis is failing; reads go to the database,"
                            + " writes to the cache are skipped, missed evictions are kept for later");
                case CLOSED -> LOG.info("Cache circuit breaker CLOSED: Redis answers again");
                default ->
                    LOG.info(
                            "Cache circuit breaker {}",
                            event.getStateTransition().getToState());
            }
        });
        this.retrier = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cache-eviction-retry");
            thread.setDaemon(true);
            return thread;
        });
        retrier.scheduleWithFixedDelay(
                this::retryQuietly, RETRY_TICK.toMillis(), RETRY_TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The breaker the project uses for the cache: opens when {@code failureRate} % of the last
     * {@code window} calls (at least {@code minimumCalls}) failed, probes again after {@code openWait}.
     */
    public static CircuitBreakerRegistry breakers(CacheProperties properties) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.getBreakerFailureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.getBreakerWindow())
                .minimumNumberOfCalls(Math.min(properties.getBreakerMinimumCalls(), properties.getBreakerWindow()))
                .waitDurationInOpenState(properties.getBreakerOpenWait())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // Redis answered: the server is fine, the call was wrong
                .ignoreExceptions(IllegalArgumentException.class, RedisCommandExecutionException.class)
                .build());
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public CircuitBreakerRegistry breakers() {
        return breakers;
    }

    /** Keys whose eviction is still owed to Redis. */
    public int pendingEvictions() {
        return pending.size();
    }

    @Override
    public Optional<String> get(String key) {
        return call(() -> delegate.get(key));
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        return call(() -> delegate.getAll(keys));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        call(() -> {
            delegate.put(key, value, ttl);
            return null;
        });
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return call(() -> delegate.putIfAbsent(key, value, ttl));
    }

    @Override
    public long increment(String key, Duration ttlIfNew) {
        return call(() -> delegate.increment(key, ttlIfNew));
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        try {
            return call(() -> delegate.delete(key));
        } catch (CacheUnavailableException e) {
            remember(List.of(key));
            throw e;
        }
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            call(() -> {
                delegate.deleteAll(keys);
                return null;
            });
        } catch (CacheUnavailableException e) {
            remember(keys);
            throw e;
        }
    }

    /** Delivers the missed evictions now; false if Redis is still unavailable. */
    public boolean retryPendingEvictions() {
        if (pending.isEmpty()) {
            return true;
        }
        Map<String, Long> snapshot = Map.copyOf(pending);
        try {
            breaker.executeRunnable(() -> delegate.deleteAll(snapshot.keySet()));
        } catch (RuntimeException e) {
            return false;
        }
        snapshot.forEach(pending::remove); // only the generations we delivered
        LOG.info("Cache: delivered {} eviction(s) missed while Redis was unavailable", snapshot.size());
        return true;
    }

    @Override
    public void close() {
        retrier.shutdownNow();
        onClose.run();
    }

    private <T> T call(Supplier<T> action) {
        // nothing reaches Redis before what this instance owes it: a read could see a stale entry
        if (!retryPendingEvictions()) {
            throw unavailable(null);
        }
        try {
            return breaker.executeSupplier(action);
        } catch (CallNotPermittedException e) {
            throw unavailable(null);
        } catch (IllegalArgumentException | RedisCommandExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private CacheUnavailableException unavailable(Throwable cause) {
        return new CacheUnavailableException(
                cause == null
                        ? "cache unavailable (circuit breaker " + breaker.getState() + ")"
                        : "cache call failed: " + cause,
                retryAfter,
                cause);
    }

    private void remember(Collection<String> keys) {
        List<String> dropped = new ArrayList<>();
        for (String key : keys) {
            if (pending.size() < maxPending || pending.containsKey(key)) {
                pending.put(key, generations.incrementAndGet());
            } else {
                dropped.add(key);
            }
        }
        if (!dropped.isEmpty()) {
            LOG.error(
                    "Cache: {} missed eviction(s) not kept (over {} pending); those entries may be stale until their TTL ends",
                    dropped.size(),
                    maxPending);
        }
    }

    private void retryQuietly() {
        try {
            if (!pending.isEmpty() && breaker.getState() != CircuitBreaker.State.OPEN) {
                retryPendingEvictions();
            }
        } catch (RuntimeException e) {
            LOG.debug("Cache eviction retry failed: {}", e.toString());
        }
    }
}
