package io.community.relation;

import jakarta.inject.Singleton;

/**
 * The user context, as far as relation tests need it: every positive id below {@link #UNKNOWN}
 * is a user. (The monolith adapts the real user use cases; see community-single.)
 */
@Singleton
public class TestUserDirectory implements UserDirectory {
    public static final long UNKNOWN = 1_000_000_000L;

    @Override
    public boolean exists(long userId) {
        return userId > 0 && userId < UNKNOWN;
    }
}
