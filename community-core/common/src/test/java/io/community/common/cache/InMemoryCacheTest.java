package io.community.common.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryCacheTest extends KeyValueCacheContract {

    @Override
    protected KeyValueCache newCache() {
        return new InMemoryCache();
    }

    /** Exact TTL boundaries, which real time cannot show without flaky sleeps. */
    @Test
    void ttlBoundariesWithAControlledClock() {
        FakeTicker ticker = new FakeTicker();
        InMemoryCache memory = new InMemoryCache(ticker);
        memory.put("put", "v", Duration.ofSeconds(10));
        memory.increment("counter", Duration.ofSeconds(10));

        ticker.advance(Duration.ofSeconds(6));
        memory.increment("counter", Duration.ofHours(1)); // keeps the 10 s
        memory.put("replaced", "v", Duration.ofHours(1));
        memory.put("replaced", "v", Duration.ofSeconds(1)); // a put sets a new TTL

        ticker.advance(Duration.ofMillis(3_999));
        assertThat(memory.get("put")).contains("v");
        assertThat(memory.get("counter")).contains("2");
        assertThat(memory.get("replaced")).isEmpty();

        ticker.advance(Duration.ofMillis(2));
        assertThat(memory.get("put")).isEmpty();
        assertThat(memory.get("counter")).isEmpty();
        assertThat(memory.getAll(List.of("put", "counter"))).isEmpty();
        assertThat(memory.delete("put")).isFalse();
        assertThat(memory.increment("counter", Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(memory.putIfAbsent("put", "new", Duration.ofSeconds(1))).isTrue();

        ticker.advance(Duration.ofMillis(1_001));
        assertThat(memory.get("counter")).isEmpty();
        assertThat(memory.get("put")).isEmpty();
    }

    private static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
