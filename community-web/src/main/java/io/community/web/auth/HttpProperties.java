package io.community.web.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;

/** {@code community.http.*}: how the HTTP adapter sees its clients. */
@ConfigurationProperties("community.http")
public class HttpProperties {
    /**
     * Addresses or CIDR blocks (IPv4 or IPv6) of the proxies in front of this server, e.g.
     * {@code 10.0.0.0/8,127.0.0.1}. Only a connection from one of them may name the client in
     * {@code X-Forwarded-For}; empty (the default) means the header is never read.
     */
    private List<String> trustedProxies = List.of();

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    @Override
    public String toString() {
        return "HttpProperties{trustedProxies=" + trustedProxies + "}";
    }
}
