package io.community.user;

/** Password hashing port; the service never sees how hashes are made. */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String hash);
}
