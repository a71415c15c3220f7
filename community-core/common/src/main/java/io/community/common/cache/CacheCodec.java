package io.community.common.cache;

/**
 * Turns a cached type into the string stored by {@link KeyValueCache} and back.
 *
 * <p>{@code encode} must never produce a string starting with {@code '~'}: that prefix is reserved
 * for {@link CacheAside}'s markers (JSON never starts with it). {@code decode} throws a
 * {@link RuntimeException} for text it cannot read; {@link CacheAside} then treats the entry as a miss.
 */
public interface CacheCodec<T> {

    String encode(T value);

    T decode(String text);
}
