package io.community.relation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code community.relation.*}: the relation context's tunables.
 *
 * @param countCacheTtl how long a user's counts are cached. Writes evict them after commit; the
 *     TTL only bounds a stale entry left by a load racing with a write in another instance.
 */
@ConfigurationProperties("community.relation")
public record RelationProperties(
        @Bindable(defaultValue = "5m") Duration countCacheTtl) {}
