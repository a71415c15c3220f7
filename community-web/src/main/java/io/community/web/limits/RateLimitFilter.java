package io.community.web.limits;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.web.auth.AuthFilter;
import io.community.web.auth.ClientAddress;
import io.community.web.envelope.HttpErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Duration;
import java.util.Optional;

/**
 * Applies {@link ClientRateLimiter} to every {@code /api/**} request: after {@link AuthFilter}
 * (order {@link AuthFilter#ORDER}), so an authenticated request is counted against its user wherever it comes from, and
 * any other against its client address ({@link ClientAddress}: honours trusted proxies only).
 * Refused: 429 / 10007 with {@code Retry-After}, in the envelope.
 */
@ServerFilter("/api/**")
@Order(RateLimitFilter.ORDER)
public class RateLimitFilter {
    /** Just after the auth filter, before the controllers. */
    static final int ORDER = AuthFilter.ORDER + 1;

    private final ClientRateLimiter limiter;
    private final ClientAddress addresses;

    public RateLimitFilter(ClientRateLimiter limiter, ClientAddress addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING) // a shared bucket is a Redis round trip
    @Nullable
    public MutableHttpResponse<?> limit(HttpRequest<?> request) {
        if (!limiter.enabled() || request.getMethod() == HttpMethod.OPTIONS) {
            return null;
        }
        RouteGroup group = RouteGroup.of(request.getMethod(), request.getPath());
        String client = request.getAttribute(AuthFilter.ACTOR, Actor.class)
                .map(actor -> "user:" + actor.userId())
                .orElseGet(() -> "addr:" + addresses.of(request));
        Optional<Duration> refused = limiter.tryConsume(group, client);
        return refused.map(wait -> HttpErrors.response(DomainException.tooManyRequests(
                        "rate limit of the " + group.key() + " routes reached, try again later", wait)))
                .orElse(null);
    }
}
