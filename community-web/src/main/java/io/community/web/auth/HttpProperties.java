package io.community.web.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * {@code community.http.*}: how the HTTP adapter sees its clients.
 *
 * @param trustedProxies addresses or CIDR blocks (IPv4 or IPv6) of the proxies in front of this
 *     server, e.g. {@code 10.0.0.0/8,127.0.0.1}. Only a connection from one of them may name the
 *     client in {@code X-Forwarded-For}; empty (the default) means the header is never read.
 */
@ConfigurationProperties("community.http")
public record HttpProperties(@Nullable List<String> trustedProxies) {

    public HttpProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
