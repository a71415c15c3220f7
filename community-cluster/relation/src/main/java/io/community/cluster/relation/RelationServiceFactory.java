package io.community.cluster.relation;

import io.community.cluster.grpc.ExactCache;
import io.community.cluster.grpc.RevocationSubscriber;
import io.community.cluster.service.PublicMethods;
import io.community.cluster.service.UserBackend;
import io.community.common.cache.CacheProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** What the relation service adds to the shared runtime; the user context is reached over gRPC. */
@Factory
public class RelationServiceFactory {
    /** The events' subscription in Redis's CLIENT LIST. */
    static final String CLIENT_NAME = "community-relation-user-events";

    private static final Logger LOG = LoggerFactory.getLogger(RelationServiceFactory.class);

    /** Every relation RPC needs a caller, the one the gateway vouches for (verified locally). */
    @Singleton
    PublicMethods publicMethods() {
        return PublicMethods.none();
    }

    @Singleton
    GrpcUserDirectory userDirectory(
            UserBackend users,
            KnownUsersProperties properties,
            @Nullable MeterRegistry meters,
            @Nullable @Property(name = "redis.uri") String redisUri) {
        if (!properties.enabled() || redisUri == null || redisUri.isBlank()) {
            LOG.info("Known users: off; every read asks the user service whether its user exists");
        }
        return new GrpcUserDirectory(
                users,
                new ExactCache<>(
                        Clock.systemUTC(),
                        properties.maxAge(),
                        properties.maxSize(),
                        GrpcUserDirectory::forget,
                        ExactCache.counted(
                                meters,
                                "community.relation.known.users.lookups",
                                "Whether a user exists, for the relation service: hit (remembered, no remote call), "
                                        + "miss (asked and remembered), bypass (asked, not remembered)")));
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "redis.uri")
    @Requires(property = "community.relation.known-users.enabled", notEquals = "false")
    RevocationSubscriber knownUserEvents(
            GrpcUserDirectory directory,
            KnownUsersProperties properties,
            CacheProperties redis,
            @Property(name = "redis.uri") String redisUri) {
        return RevocationSubscriber.started(
                directory.events(), "Known users", CLIENT_NAME, redisUri, redis, properties.heartbeat());
    }
}
