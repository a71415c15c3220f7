package io.community.web.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets in this process (bucket4j's lock-free local buckets): the only ones without Redis,
 * the fallback while Redis is down. Bounded: past {@code maxBuckets} the full (idle) buckets are
 * dropped — a full bucket and a missing one behave the same — and if that is not enough, all of them.
 */
final class LocalBuckets {
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int maxBuckets;

    LocalBuckets(int maxBuckets) {
        this.maxBuckets = maxBuckets;
    }

    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long capacity) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxBuckets) {
                evict(capacity);
            }
            bucket = buckets.computeIfAbsent(key, k -> build(configuration));
        }
        return bucket.tryConsumeAndReturnRemaining(1);
    }

    private static Bucket build(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    private void evict(long capacity) {
        buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
        if (buckets.size() >= maxBuckets) {
            buckets.clear();
        }
    }

    int size() {
        return buckets.size();
    }
}
