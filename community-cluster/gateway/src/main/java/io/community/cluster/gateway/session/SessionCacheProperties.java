package io.community.cluster.gateway.session;

import io.community.cluster.grpc.ExactCache;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code community.gateway.session-cache.*} (COMMUNITY_GATEWAY_SESSION_CACHE_*): the gateway's
 * cache of checked sessions. It is used only while the gateway hears the user service's
 * revocation events (Redis, {@code redis.uri}); otherwise every request checks its session remotely.
 *
 * @param enabled off: every request checks its session with the user service, as before
 * @param maxAge the longest a checked session is trusted without asking again, even with events
 *     flowing: the bound on staleness if an event is lost while this gateway's subscription looks
 *     healthy (e.g. the user service could not reach Redis)
 * @param maxSize sessions kept at most; beyond it the cache starts over (a remote check per session)
 * @param heartbeat how often the subscription is probed (PING); a failed or late answer stops the
 *     cache until it is back
 */
@ConfigurationProperties("community.gateway.session-cache")
public record SessionCacheProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "60s") Duration maxAge,
        @Bindable(defaultValue = "100000") int maxSize,
        @Bindable(defaultValue = "1s") Duration heartbeat) {

    public SessionCacheProperties {
        ExactCache.checkSettings("community.gateway.session-cache.", maxAge, maxSize, heartbeat);
    }
}
