package io.community.user;

import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory UserStore for use-case tests; the real adapters are tested against MariaDB. */
final class FakeUserStore implements UserStore {
    private record Row(User user, String hash, Instant deletedAt) {}

    private final Map<Long, Row> rows = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Optional<User> findById(long id) {
        return Optional.ofNullable(rows.get(id))
                .filter(r -> r.deletedAt == null)
                .map(Row::user);
    }

    @Override
    public Map<Long, User> findByIds(Collection<Long> idList) {
        Map<Long, User> result = new LinkedHashMap<>();
        idList.forEach(id -> findById(id).ifPresent(u -> result.put(id, u)));
        return result;
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return rows.values().stream()
                .filter(r -> r.deletedAt == null && r.user.email().equals(email))
                .map(Row::user)
                .findFirst();
    }

    @Override
    public boolean emailTaken(String email) {
        return rows.values().stream().anyMatch(r -> r.user.email().equals(email));
    }

    @Override
    public Optional<Credentials> findCredentialsByEmail(String email) {
        return rows.values().stream()
                .filter(r -> r.deletedAt == null && r.user.email().equals(email))
                .map(r -> new Credentials(r.user.id(), email, r.hash))
                .findFirst();
    }

    @Override
    public Optional<Credentials> findCredentialsById(long id) {
        return Optional.ofNullable(rows.get(id))
                .filter(r -> r.deletedAt == null)
                .map(r -> new Credentials(id, r.user.email(), r.hash));
    }

    @Override
    public synchronized long insert(NewUser n) {
        if (emailTaken(n.email())) {
            throw new DuplicateEmailException(null);
        }
        long id = ids.incrementAndGet();
        rows.put(
                id,
                new Row(
                        new User(
                                id,
                                n.name(),
                                "",
                                n.email(),
                                "",
                                "",
                                0,
                                0,
                                "",
                                null,
                                "",
                                User.STATUS_ACTIVE,
                                n.role(),
                                n.createdAt(),
                                n.createdAt()),
                        n.passwordHash(),
                        null));
        return id;
    }

    @Override
    public synchronized boolean updateProfile(long id, ProfileChanges c, Instant now) {
        return change(
                id,
                u -> new User(
                        u.id(),
                        or(c.name(), u.name()),
                        or(c.nickName(), u.nickName()),
                        u.email(),
                        or(c.phone(), u.phone()),
                        or(c.avatar(), u.avatar()),
                        or(c.gender(), u.gender()),
                        or(c.age(), u.age()),
                        or(c.birthday(), u.birthday()),
                        u.loginAt(),
                        u.loginIp(),
                        u.status(),
                        u.role(),
                        u.createdAt(),
                        now));
    }

    @Override
    public synchronized boolean updatePasswordHash(long id, String passwordHash, Instant now) {
        Row row = rows.get(id);
        if (row == null || row.deletedAt != null) {
            return false;
        }
        rows.put(id, new Row(row.user, passwordHash, null));
        return true;
    }

    @Override
    public synchronized boolean recordLogin(long id, Instant at, String ip) {
        return change(
                id,
                u -> new User(
                        u.id(),
                        u.name(),
                        u.nickName(),
                        u.email(),
                        u.phone(),
                        u.avatar(),
                        u.gender(),
                        u.age(),
                        u.birthday(),
                        at,
                        ip,
                        u.status(),
                        u.role(),
                        u.createdAt(),
                        at));
    }

    @Override
    public synchronized boolean softDelete(long id, Instant now) {
        Row row = rows.get(id);
        if (row == null || row.deletedAt != null) {
            return false;
        }
        rows.put(id, new Row(row.user, row.hash, now));
        return true;
    }

    @Override
    public synchronized Optional<Long> setRoleByEmail(String email, Role role, Instant now) {
        Optional<User> user = findByEmail(email);
        user.ifPresent(u -> change(
                u.id(),
                x -> new User(
                        x.id(),
                        x.name(),
                        x.nickName(),
                        x.email(),
                        x.phone(),
                        x.avatar(),
                        x.gender(),
                        x.age(),
                        x.birthday(),
                        x.loginAt(),
                        x.loginIp(),
                        x.status(),
                        role,
                        x.createdAt(),
                        x.role() == role ? x.updatedAt() : now)));
        return user.map(User::id);
    }

    @Override
    public Page<User> search(UserQuery query) {
        PageRequest page = new PageRequest(query.page(), query.limit());
        var all = rows.values().stream()
                .filter(r -> r.deletedAt == null)
                .map(Row::user)
                .toList();
        return new Page<>(all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
    }

    String hashOf(long id) {
        return rows.get(id).hash;
    }

    private boolean change(long id, java.util.function.UnaryOperator<User> f) {
        Row row = rows.get(id);
        if (row == null || row.deletedAt != null) {
            return false;
        }
        rows.put(id, new Row(f.apply(row.user), row.hash, null));
        return true;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
