package io.community.web.auth;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.user.api.UserUseCases;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Set;

/**
 * Establishes the caller for every {@code /api/**} request except the three public ones:
 * verifies the bearer token and its server-side session, then stores the {@link Actor}.
 * A failure is a {@link DomainException}, answered with the envelope like any other.
 */
@ServerFilter("/api/**")
public class AuthFilter {
    public static final String ACTOR = "community.actor";
    public static final String TOKEN = "community.token";
    private static final String PREFIX = "Bearer ";
    private static final Set<String> PUBLIC =
            Set.of("/api/v1/auth/email", "/api/v1/auth/register", "/api/v1/auth/login");

    private final UserUseCases users;
    private final RateLimitCheck rateLimits;

    public AuthFilter(UserUseCases users, RateLimitCheck rateLimits) {
        this.users = users;
        this.rateLimits = rateLimits;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING) // session lookup touches the cache and the database
    public void authenticate(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.OPTIONS || PUBLIC.contains(normalized(request.getPath()))) {
            rateLimits.check(request, null);
            return;
        }
        String token = bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        Actor actor = users.authenticate(token);
        request.setAttribute(ACTOR, actor);
        request.setAttribute(TOKEN, token);
        // per-client limits once the caller is known (per user), before any controller work
        rateLimits.check(request, actor);
    }

    private static String normalized(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    private static String bearer(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw new DomainException(ErrorReason.NOT_LOGGED_IN, "missing bearer token");
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new DomainException(ErrorReason.TOKEN_INVALID, "Authorization must be 'Bearer <token>'");
        }
        return header.substring(PREFIX.length()).trim();
    }
}
