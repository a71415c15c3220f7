package io.community.common.cache;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One client span per cache command ({@code cache get}, {@code cache put}, ...), around whichever
 * {@link KeyValueCache} is configured, so Redis and the in-process cache show up alike in a trace.
 * Keys are not recorded: session keys are derived from tokens.
 */
public final class TracedCache implements KeyValueCache {
    private final KeyValueCache delegate;
    private final Tracer tracer;
    private final String system;

    public TracedCache(KeyValueCache delegate, Tracer tracer) {
        this.delegate = delegate;
        this.tracer = tracer;
        this.system = delegate instanceof RedisCache ? "redis" : "in-process";
    }

    @Override
    public Optional<String> get(String key) {
        return traced("get", 1, () -> delegate.get(key));
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        return traced("getAll", keys.size(), () -> delegate.getAll(keys));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        traced("put", 1, () -> {
            delegate.put(key, value, ttl);
            return null;
        });
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return traced("putIfAbsent", 1, () -> delegate.putIfAbsent(key, value, ttl));
    }

    @Override
    public long increment(String key, Duration ttlIfNew) {
        return traced("increment", 1, () -> delegate.increment(key, ttlIfNew));
    }

    @Override
    public boolean delete(String key) {
        return traced("delete", 1, () -> delegate.delete(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        traced("deleteAll", keys.size(), () -> {
            delegate.deleteAll(keys);
            return null;
        });
    }

    private <T> T traced(String operation, int keys, Supplier<T> call) {
        Span span = tracer.spanBuilder("cache " + operation)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", system)
                .setAttribute("db.operation", operation)
                .setAttribute("cache.keys", keys)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return call.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
