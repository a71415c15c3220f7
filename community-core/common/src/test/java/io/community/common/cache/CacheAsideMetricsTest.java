package io.community.common.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Hits and misses reach the {@link CacheMetrics} port per cache, named without the key's id or email. */
class CacheAsideMetricsTest {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final CacheCodec<String> TEXT = new CacheCodec<>() {
        @Override
        public String encode(String value) {
            return value;
        }

        @Override
        public String decode(String text) {
            return text;
        }
    };

    private final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();
    private final CacheAside cache = new CacheAside(new InMemoryCache(), Duration.ofSeconds(30), 0.1);

    CacheAsideMetricsTest() {
        cache.setMetrics(new CacheMetrics() {
            @Override
            public void hits(String name, int count) {
                counted.computeIfAbsent(name + " hit", k -> new AtomicInteger()).addAndGet(count);
            }

            @Override
            public void misses(String name, int count) {
                counted.computeIfAbsent(name + " miss", k -> new AtomicInteger())
                        .addAndGet(count);
            }
        });
    }

    private int count(String what) {
        return counted.getOrDefault(what, new AtomicInteger()).get();
    }

    @Test
    void aMissThenHitsOfOneKeyAreCountedForItsCache() {
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get("user:email:a@example.com", TTL, TEXT, () -> Optional.of("alice")))
                    .contains("alice");
        }
        // an absent row, remembered: its second read is a hit too
        cache.get("user:id:404", TTL, TEXT, Optional::empty);
        cache.get("user:id:404", TTL, TEXT, Optional::empty);

        assertThat(count("user:email miss")).isEqualTo(1);
        assertThat(count("user:email hit")).isEqualTo(2);
        assertThat(count("user:id miss")).isEqualTo(1);
        assertThat(count("user:id hit")).isEqualTo(1);
        assertThat(counted.keySet()).noneMatch(name -> name.contains("example.com") || name.contains("404"));
    }

    @Test
    void aBatchCountsEachKey() {
        cache.getAll(List.of(1L, 2L), id -> "user:id:" + id, TTL, TEXT, ids -> Map.of(1L, "one"));
        cache.getAll(List.of(1L, 2L, 3L), id -> "user:id:" + id, TTL, TEXT, ids -> Map.of());

        assertThat(count("user:id miss")).isEqualTo(3); // 1 and 2, then 3
        assertThat(count("user:id hit")).isEqualTo(2); // 1 and 2 (absent), the second time
    }

    @Test
    void theCacheNameIsTheKeysFirstTwoSegments() {
        assertThat(CacheAside.name("relation:count:7")).isEqualTo("relation:count");
        assertThat(CacheAside.name("user:email:a:b@example.com")).isEqualTo("user:email");
        assertThat(CacheAside.name("session:42")).isEqualTo("session");
        assertThat(CacheAside.name("no-colon")).isEqualTo("unnamed");
    }
}
