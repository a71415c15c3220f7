package io.community.web.limits;

import io.micronaut.http.HttpMethod;

/**
 * The groups of API routes that have a rate limit each: {@code AUTH} (everything under
 * {@code /api/v1/auth/}: codes, registration, login, logout — the routes worth guessing at),
 * {@code READ} (GET and HEAD), {@code WRITE} (every other method).
 */
public enum RouteGroup {
    AUTH,
    WRITE,
    READ;

    static final String AUTH_PREFIX = "/api/v1/auth/";

    public static RouteGroup of(HttpMethod method, String path) {
        if (path.startsWith(AUTH_PREFIX)) {
            return AUTH;
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? READ : WRITE;
    }

    /** The name in keys, metrics and configuration. */
    public String key() {
        return name().toLowerCase();
    }
}
