package io.community.user;

import io.community.common.cache.KeyValueCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing with two counters of failed logins per time window:
 * <ul>
 *   <li>per email and client address: after too many, that address may not try that email any more
 *       (keyed by address too, so an attacker cannot lock the real user out from everywhere);</li>
 *   <li>per client address across all emails: one password tried over many accounts (password
 *       spraying) is limited too. A success does not reset this one.</li>
 * </ul>
 * Windows are fixed and aligned to the clock (window number = epoch / window), so every refusal can
 * say exactly when the window ends (the 429's Retry-After), on every instance alike.
 *
 * <p>The counters live in the shared cache. While it is unavailable they are counted in this
 * process instead ({@code local}): limits then hold per instance rather than refusing every login;
 * local counts keep counting when the shared cache is back, until their window ends.
 */
public final class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final KeyValueCache shared;
    private final KeyValueCache local;
    private final Clock clock;
    private final int maxPerEmailAndAddress;
    private final int maxPerAddress;
    private final Duration window;

    public LoginThrottle(
            KeyValueCache shared,
            KeyValueCache local,
            Clock clock,
            int maxPerEmailAndAddress,
            int maxPerAddress,
            Duration window) {
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("community.user.login-failure-window must be at least 1 s: " + window);
        }
        this.shared = shared;
        this.local = local;
        this.clock = clock;
        this.maxPerEmailAndAddress = maxPerEmailAndAddress;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /** Empty when the address may try this email; otherwise how long until the window ends. */
    public Optional<Duration> blocked(String email, String clientIp) {
        Instant now = clock.instant();
        long number = windowNumber(now);
        String pair = pairKey(number, email, clientIp);
        String address = addressKey(number, clientIp);
        Map<String, String> counts;
        try {
            counts = shared.getAll(List.of(pair, address));
        } catch (RuntimeException e) {
            counts = Map.of();
        }
        boolean over = count(counts.get(pair)) >= maxPerEmailAndAddress
                || count(counts.get(address)) >= maxPerAddress
                || count(local.get(pair).orElse(null)) >= maxPerEmailAndAddress
                || count(local.get(address).orElse(null)) >= maxPerAddress;
        return over ? Optional.of(untilWindowEnds(number, now)) : Optional.empty();
    }

    public void failed(String email, String clientIp) {
        long number = windowNumber(clock.instant());
        String pair = pairKey(number, email, clientIp);
        String address = addressKey(number, clientIp);
        Duration ttl = window.plusSeconds(60); // the key must outlive its window, not define it
        try {
            shared.increment(pair, ttl);
            shared.increment(address, ttl);
        } catch (RuntimeException e) {
            LOG.debug("Login failure counted in this process, the cache is unavailable: {}", e.toString());
            local.increment(pair, ttl);
            local.increment(address, ttl);
        }
    }

    /** Forgets the failures of this email from this address (not the address's total). */
    public void succeeded(String email, String clientIp) {
        String pair = pairKey(windowNumber(clock.instant()), email, clientIp);
        local.delete(pair);
        try {
            shared.delete(pair);
        } catch (RuntimeException e) {
            // kept and retried by the cache; at worst the count ends with its window
        }
    }

    private long windowNumber(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), window.toSeconds());
    }

    private Duration untilWindowEnds(long number, Instant now) {
        Instant end = Instant.ofEpochSecond((number + 1) * window.toSeconds());
        Duration left = Duration.between(now, end);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    private static long count(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String pairKey(long window, String email, String clientIp) {
        return "login-failures:" + window + ":" + email + ":" + clientIp;
    }

    private static String addressKey(long window, String clientIp) {
        return "login-failures:address:" + window + ":" + clientIp;
    }
}
