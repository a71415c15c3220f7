package io.community.cluster.relation;

import io.community.cluster.grpc.ExactCache;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code community.relation.known-users.*} (COMMUNITY_RELATION_KNOWN_USERS_*): the relation
 * service's memory of users known to exist, used by reads (counts, lists) and kept exact by the
 * user service's events on Redis ({@code redis.uri}); without them every read asks the user service.
 *
 * @param enabled off: every read asks the user service whether its user exists
 * @param maxAge the longest a user is trusted to exist without asking again, even with events flowing
 * @param maxSize users kept at most; beyond it the memory starts over
 * @param heartbeat how often the events' subscription is probed (PING); a failed or late answer
 *     stops the memory until it answers again
 */
@ConfigurationProperties("community.relation.known-users")
public record KnownUsersProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "60s") Duration maxAge,
        @Bindable(defaultValue = "100000") int maxSize,
        @Bindable(defaultValue = "1s") Duration heartbeat) {

    public KnownUsersProperties {
        ExactCache.checkSettings("community.relation.known-users.", maxAge, maxSize, heartbeat);
    }
}
