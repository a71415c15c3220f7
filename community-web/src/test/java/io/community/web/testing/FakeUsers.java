package io.community.web.testing;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.community.user.api.UserSummary;
import io.community.user.api.UserUseCases;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory user context for adapter tests: three users whose bearer tokens are their names.
 * It records what the adapter handed over (profile changes, login address), so a test can check
 * what the HTTP layer bound, not what a database did.
 */
@Singleton
public class FakeUsers implements UserUseCases {
    public static final long ALICE = 1;
    public static final long BOB = 2;
    public static final long ADMIN = 3;

    private final Map<String, Actor> tokens = Map.of(
            "alice", new Actor(ALICE, Role.USER),
            "bob", new Actor(BOB, Role.USER),
            "admin", new Actor(ADMIN, Role.ADMIN));
    private final Map<Long, User> users = new ConcurrentHashMap<>();
    private volatile ProfileChanges lastChanges;
    private volatile String lastLoginIp;

    public FakeUsers() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        users.put(
                ALICE,
                new User(
                        ALICE,
                        "alice",
                        "Alice",
                        "alice@example.com",
                        "+100",
                        "",
                        2,
                        30,
                        "",
                        t,
                        "198.51.100.7",
                        1,
                        Role.USER,
                        t,
                        t));
        users.put(
                BOB,
                new User(
                        BOB,
                        "bob",
                        "Bob",
                        "bob@example.com",
                        "+200",
                        "",
                        1,
                        40,
                        "",
                        t,
                        "203.0.113.9",
                        1,
                        Role.USER,
                        t,
                        t));
        users.put(
                ADMIN,
                new User(
                        ADMIN,
                        "admin",
                        "Admin",
                        "admin@example.com",
                        "",
                        "",
                        0,
                        0,
                        "",
                        t,
                        "192.0.2.1",
                        1,
                        Role.ADMIN,
                        t,
                        t));
    }

    public ProfileChanges lastChanges() {
        return lastChanges;
    }

    public String lastLoginIp() {
        return lastLoginIp;
    }

    public void reset() {
        lastChanges = null;
        lastLoginIp = null;
    }

    @Override
    public void sendEmailCode(String email, String clientIp) {}

    @Override
    public long register(String email, String emailCode, String password) {
        return 99;
    }

    @Override
    public LoginResult login(String email, String password, String clientIp) {
        lastLoginIp = clientIp;
        return new LoginResult(ALICE, "alice");
    }

    @Override
    public Actor authenticate(String token) {
        Actor actor = tokens.get(token);
        if (actor == null) {
            throw new DomainException(ErrorReason.TOKEN_INVALID, "unknown token");
        }
        return actor;
    }

    @Override
    public void logout(Actor actor, String presentedToken) {}

    /** The user context's visibility rule, applied as the real service applies it. */
    @Override
    public User get(Actor actor, long id) {
        User user = users.get(id);
        if (user == null) {
            throw DomainException.notFound("user");
        }
        return actor.is(id) || actor.isAdmin() ? user : user.withoutContactData();
    }

    @Override
    public void update(Actor actor, long id, ProfileChanges changes) {
        lastChanges = changes;
    }

    @Override
    public void delete(Actor actor, long id) {}

    @Override
    public Page<User> list(Actor actor, UserQuery query) {
        return new Page<>(users.values().stream().toList(), users.size());
    }

    @Override
    public void changePassword(Actor actor, long id, String oldPassword, String newPassword) {}

    @Override
    public Map<Long, UserSummary> summaries(Collection<Long> ids) {
        Map<Long, UserSummary> found = new LinkedHashMap<>();
        ids.forEach(id -> {
            User u = users.get(id);
            if (u != null) {
                found.put(id, new UserSummary(u.id(), u.name(), u.nickName(), u.avatar()));
            }
        });
        return found;
    }
}
