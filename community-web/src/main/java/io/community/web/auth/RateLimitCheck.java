package io.community.web.auth;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.web.limits.ClientRateLimiter;
import io.community.web.limits.RouteGroup;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Applies {@link ClientRateLimiter} to an {@code /api/**} request once its caller is known: an
 * authenticated request counts against its user wherever it comes from, any other against its client
 * address ({@link ClientAddress}: honours trusted proxies only). Refused: 429 / 10007 with
 * {@code Retry-After}, in the envelope. Called by the auth filter rather than being a filter of its
 * own: a second filter ordered after it made the server's metrics lose the auth filter's 401s.
 */
@Singleton
public class RateLimitCheck {
    private final ClientRateLimiter limiter;
    private final ClientAddress addresses;

    public RateLimitCheck(ClientRateLimiter limiter, ClientAddress addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    /** Throws {@link DomainException#tooManyRequests} when the caller's bucket of this route group is empty. */
    public void check(HttpRequest<?> request, @Nullable Actor actor) {
        if (!limiter.enabled() || request.getMethod() == HttpMethod.OPTIONS) {
            return;
        }
        RouteGroup group = RouteGroup.of(request.getMethod(), request.getPath());
        String client = actor != null ? "user:" + actor.userId() : "addr:" + addresses.of(request);
        Optional<Duration> refused = limiter.tryConsume(group, client);
        if (refused.isPresent()) {
            throw DomainException.tooManyRequests(
                    "rate limit of the " + group.key() + " routes reached, try again later", refused.get());
        }
    }
}
