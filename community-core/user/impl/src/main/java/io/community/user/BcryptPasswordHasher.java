package io.community.user;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt via at.favre.lib:bcrypt: maintained, no transitive dependencies, and strict about the
 * 72-byte limit (which the service enforces first, so nothing is silently truncated).
 */
public final class BcryptPasswordHasher implements PasswordHasher {
    private final int cost;

    public BcryptPasswordHasher(int cost) {
        if (cost < 10) {
            throw new IllegalArgumentException("bcrypt cost must be at least 10");
        }
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean matches(String password, String hash) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 72) {
            return false;
        }
        return BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }
}
