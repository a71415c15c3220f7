package io.community.relation;

import io.community.common.cache.CacheAside;
import io.community.common.cache.JsonCacheCodec;
import io.community.common.tx.AfterCommit;
import io.community.relation.api.RelationCount;
import io.community.relation.cache.CachingRelationStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Wiring of the relation context's collaborators. */
@Factory
public class RelationFactory {

    @Singleton
    @Primary
    RelationStore cachedRelationStore(
            @Named("jdbc") RelationStore jdbc,
            CacheAside cache,
            ObjectMapper json,
            AfterCommit afterCommit,
            RelationProperties properties) {
        return new CachingRelationStore(
                jdbc, cache, new JsonCacheCodec<>(json, RelationCount.class), afterCommit, properties.countCacheTtl());
    }
}
