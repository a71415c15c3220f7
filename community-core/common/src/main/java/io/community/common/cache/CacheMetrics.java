package io.community.common.cache;

/**
 * Where {@link CacheAside} reports its hits and misses: a port, so the core does not depend on a
 * metrics library. A runtime that exports metrics provides a bean; without one nothing is counted.
 *
 * @see CacheAside#name(String) for the cache a key belongs to
 */
public interface CacheMetrics {

    /** Counts nothing. */
    CacheMetrics NONE = new CacheMetrics() {
        @Override
        public void hits(String cache, int count) {}

        @Override
        public void misses(String cache, int count) {}
    };

    /** {@code count} reads of {@code cache} were answered by the cache (an absent marker included). */
    void hits(String cache, int count);

    /** {@code count} reads of {@code cache} went to the source of truth. */
    void misses(String cache, int count);
}
