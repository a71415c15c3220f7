package io.community.user;

import io.community.common.cache.CacheUnavailableException;
import io.community.common.cache.KeyValueCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Email verification codes in the cache: stored as a hash, valid for a while, voided after
 * too many wrong tries, sent at most once per address per interval and at most so many times a
 * (UTC) day per client address.
 *
 * <p>Codes live only in the cache. When it is unavailable every operation that needs it throws
 * {@link Unavailable} (the service answers 503 with Retry-After), except {@link #consume}, which
 * runs after a committed registration and must not fail it.
 */
public final class EmailCodeStore {
    private static final Logger LOG = LoggerFactory.getLogger(EmailCodeStore.class);
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);

    private final KeyValueCache cache;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration ttl;
    private final Duration resendInterval;
    private final int maxAttempts;
    private final int maxSendsPerAddressPerDay;

    public EmailCodeStore(
            KeyValueCache cache,
            SecureRandom random,
            Clock clock,
            Duration ttl,
            Duration resendInterval,
            int maxAttempts,
            int maxSendsPerAddressPerDay) {
        this.cache = cache;
        this.random = random;
        this.clock = clock;
        this.ttl = ttl;
        this.resendInterval = resendInterval;
        this.maxAttempts = maxAttempts;
        this.maxSendsPerAddressPerDay = maxSendsPerAddressPerDay;
    }

    /**
     * Takes the send slot of the email for the resend interval.
     *
     * @return empty if taken; otherwise how long until the email's slot is free again
     */
    public Optional<Duration> reserveSend(String email) {
        return guard(() -> {
            Instant now = clock.instant();
            if (cache.putIfAbsent(throttleKey(email), Long.toString(now.toEpochMilli()), resendInterval)) {
                return Optional.empty();
            }
            // the slot's value is when it was taken: the wait is exact
            long takenAt = cache.get(throttleKey(email))
                    .map(EmailCodeStore::parse)
                    .filter(t -> t > 0)
                    .orElse(now.toEpochMilli());
            return Optional.of(
                    atLeastOneSecond(Duration.ofMillis(takenAt + resendInterval.toMillis() - now.toEpochMilli())));
        });
    }

    /**
     * Counts a send from the client address in the current UTC day.
     *
     * @return empty if the address is within its daily limit; otherwise how long until the day ends
     */
    public Optional<Duration> countSendFrom(String clientIp) {
        return guard(() -> {
            Instant now = clock.instant();
            Instant dayEnds = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            long day = now.getEpochSecond() / 86_400;
            long sends = cache.increment(
                    addressKey(day, clientIp), Duration.ofDays(1).plusHours(1));
            return sends > maxSendsPerAddressPerDay
                    ? Optional.of(atLeastOneSecond(Duration.between(now, dayEnds)))
                    : Optional.empty();
        });
    }

    /** Gives the send slot back, for a send that failed. Best effort. */
    public void releaseSend(String email) {
        quietly(() -> cache.delete(throttleKey(email)));
    }

    /** A new 6-digit code for the address; any previous code and its failed tries are discarded. */
    public String issue(String email) {
        return guard(() -> {
            String code = String.format("%06d", random.nextInt(1_000_000));
            cache.delete(triesKey(email));
            cache.put(codeKey(email), digest(email, code), ttl);
            return code;
        });
    }

    /** Checks without consuming; a wrong code counts as a try and the last allowed try voids the code. */
    public boolean verify(String email, String code) {
        return guard(() -> {
            Optional<String> stored = cache.get(codeKey(email));
            if (stored.isEmpty()) {
                return false;
            }
            boolean matches = MessageDigest.isEqual(
                    stored.get().getBytes(StandardCharsets.US_ASCII),
                    digest(email, code).getBytes(StandardCharsets.US_ASCII));
            if (!matches && cache.increment(triesKey(email), ttl) >= maxAttempts) {
                cache.delete(codeKey(email));
            }
            return matches;
        });
    }

    /**
     * Voids the code after a registration committed. Never throws: the cache keeps a delete it could
     * not deliver and retries it, and the code is useless anyway once its email is registered.
     */
    public void consume(String email) {
        quietly(() -> {
            cache.delete(codeKey(email));
            cache.delete(triesKey(email));
        });
    }

    /** The cache is unavailable; {@link #retryAfter()} says when it may be back. */
    public static final class Unavailable extends RuntimeException {
        private final transient Duration retryAfter;

        Unavailable(Duration retryAfter, Throwable cause) {
            super("verification codes are unavailable: " + cause, cause, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (CacheUnavailableException e) {
            throw new Unavailable(e.retryAfter() == null ? DEFAULT_RETRY : e.retryAfter(), e);
        } catch (IllegalArgumentException e) {
            throw e; // a bug, not an outage
        } catch (RuntimeException e) {
            throw new Unavailable(DEFAULT_RETRY, e);
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Cache delete for a verification code failed (retried by the cache when it is back): {}",
                    e.toString());
        }
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    private static long parse(String millis) {
        try {
            return Long.parseLong(millis);
        } catch (NumberFormatException e) {
            return 0; // an older entry ("1"): counted as just taken
        }
    }

    private static String digest(String email, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((email + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String codeKey(String email) {
        return "email-code:" + email;
    }

    private static String triesKey(String email) {
        return "email-code:tries:" + email;
    }

    private static String throttleKey(String email) {
        return "email-code:sent:" + email;
    }

    private static String addressKey(long day, String clientIp) {
        return "email-code:sent-from:" + day + ":" + clientIp;
    }
}
