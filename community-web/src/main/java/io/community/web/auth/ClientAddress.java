package io.community.web.auth;

import io.micronaut.http.HttpRequest;

import java.net.InetSocketAddress;

/** The caller's address as the connection shows it; request bodies never get to claim one. */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request) {
        InetSocketAddress address = request.getRemoteAddress();
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
