package io.community.user;

import io.community.common.cache.KeyValueCache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Email verification codes in the cache: stored as a hash, valid for a while, voided after
 * too many wrong tries, and sent at most once per address per interval.
 */
public final class EmailCodeStore {
    private final KeyValueCache cache;
    private final SecureRandom random;
    private final Duration ttl;
    private final Duration resendInterval;
    private final int maxAttempts;

    public EmailCodeStore(KeyValueCache cache, SecureRandom random, Duration ttl, Duration resendInterval,
                          int maxAttempts) {
        this.cache = cache;
        this.random = random;
        this.ttl = ttl;
        this.resendInterval = resendInterval;
        this.maxAttempts = maxAttempts;
    }

    /** False when a code was sent to this address less than the resend interval ago. */
    public boolean reserveSend(String email) {
        return cache.putIfAbsent(throttleKey(email), "1", resendInterval);
    }

    /** Gives the send slot back, for a send that failed. */
    public void releaseSend(String email) {
        cache.delete(throttleKey(email));
    }

    /** A new 6-digit code for the address; any previous code and its failed tries are discarded. */
    public String issue(String email) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        cache.delete(triesKey(email));
        cache.put(codeKey(email), digest(email, code), ttl);
        return code;
    }

    /** Checks without consuming; a wrong code counts as a try and the last allowed try voids the code. */
    public boolean verify(String email, String code) {
        Optional<String> stored = cache.get(codeKey(email));
        if (stored.isEmpty()) {
            return false;
        }
        boolean matches = MessageDigest.isEqual(stored.get().getBytes(StandardCharsets.US_ASCII),
                digest(email, code).getBytes(StandardCharsets.US_ASCII));
        if (!matches && cache.increment(triesKey(email), ttl) >= maxAttempts) {
            cache.delete(codeKey(email));
        }
        return matches;
    }

    public void consume(String email) {
        cache.delete(codeKey(email));
        cache.delete(triesKey(email));
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
}
