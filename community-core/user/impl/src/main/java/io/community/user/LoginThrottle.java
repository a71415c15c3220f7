package io.community.user;

import io.community.common.cache.KeyValueCache;

import java.time.Duration;

/**
 * Slows down password guessing: after too many failed logins for one email from one client
 * address, further attempts from that address are refused for a while. Keyed by address too,
 * so an attacker cannot lock the real user out from everywhere.
 */
public final class LoginThrottle {
    private final KeyValueCache cache;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(KeyValueCache cache, int maxFailures, Duration window) {
        this.cache = cache;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    public boolean blocked(String email, String clientIp) {
        return cache.get(key(email, clientIp)).map(Long::parseLong).map(n -> n >= maxFailures).orElse(false);
    }

    public void failed(String email, String clientIp) {
        cache.increment(key(email, clientIp), window);
    }

    public void succeeded(String email, String clientIp) {
        cache.delete(key(email, clientIp));
    }

    private static String key(String email, String clientIp) {
        return "login-failures:" + email + ":" + clientIp;
    }
}
