package io.community.common.cache;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.util.Objects;

/**
 * {@link CacheCodec} writing JSON with Micronaut Serde; the type needs {@code @Serdeable}.
 * Decoding fails (and {@link CacheAside} reloads) when an entry written by an older version no
 * longer matches the type.
 */
public final class JsonCacheCodec<T> implements CacheCodec<T> {
    private final ObjectMapper mapper;
    private final Argument<T> type;

    public JsonCacheCodec(ObjectMapper mapper, Class<T> type) {
        this(mapper, Argument.of(Objects.requireNonNull(type, "type")));
    }

    /** For generic types, e.g. {@code Argument.listOf(Long.class)}. */
    public JsonCacheCodec(ObjectMapper mapper, Argument<T> type) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public String encode(T value) {
        try {
            return mapper.writeValueAsString(type, Objects.requireNonNull(value, "value"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + type.getTypeName() + " as JSON", e);
        }
    }

    @Override
    public T decode(String text) {
        T value;
        try {
            value = mapper.readValue(Objects.requireNonNull(text, "text"), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot decode cached JSON as " + type.getTypeName(), e);
        }
        if (value == null) {
            throw new IllegalArgumentException("cached JSON is null, expected " + type.getTypeName());
        }
        return value;
    }
}
