package io.community.relation;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code community.relation.*}: the relation context's tunables. */
@ConfigurationProperties("community.relation")
public class RelationProperties {
    /**
     * How long a user's counts are cached. Writes evict them after commit; the TTL only bounds a
     * stale entry left by a load racing with a write in another instance.
     */
    private Duration countCacheTtl = Duration.ofMinutes(5);

    public Duration getCountCacheTtl() {
        return countCacheTtl;
    }

    public void setCountCacheTtl(Duration countCacheTtl) {
        this.countCacheTtl = countCacheTtl;
    }
}
