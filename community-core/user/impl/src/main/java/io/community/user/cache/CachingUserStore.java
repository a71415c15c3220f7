package io.community.user.cache;

import io.community.common.cache.CacheAside;
import io.community.common.cache.CacheCodec;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.tx.AfterCommit;
import io.community.user.UserStore;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Cache-aside decorator: users by id and by email. Every write evicts both keys after commit
 * (before commit a concurrent reader could cache the old row again). Credentials, the admin
 * search and the email-taken check always go to the database.
 */
public class CachingUserStore implements UserStore {
    private final UserStore delegate;
    private final CacheAside cache;
    private final CacheCodec<User> codec;
    private final AfterCommit afterCommit;
    private final Duration ttl;

    public CachingUserStore(
            UserStore delegate, CacheAside cache, CacheCodec<User> codec, AfterCommit afterCommit, Duration ttl) {
        this.delegate = delegate;
        this.cache = cache;
        this.codec = codec;
        this.afterCommit = afterCommit;
        this.ttl = ttl;
    }

    static String idKey(long id) {
        return "user:id:" + id;
    }

    static String emailKey(String email) {
        return "user:email:" + email;
    }

    @Override
    public Optional<User> findById(long id) {
        return cache.get(idKey(id), ttl, codec, () -> delegate.findById(id));
    }

    @Override
    public Map<Long, User> findByIds(Collection<Long> ids) {
        return cache.getAll(ids, CachingUserStore::idKey, ttl, codec, delegate::findByIds);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return cache.get(emailKey(email), ttl, codec, () -> delegate.findByEmail(email));
    }

    @Override
    public boolean emailTaken(String email) {
        return delegate.emailTaken(email);
    }

    @Override
    public Optional<Credentials> findCredentialsByEmail(String email) {
        return delegate.findCredentialsByEmail(email);
    }

    @Override
    public Optional<Credentials> findCredentialsById(long id) {
        return delegate.findCredentialsById(id);
    }

    @Override
    public long insert(NewUser user) {
        long id = delegate.insert(user);
        // Both keys may hold an "absent" entry from before.
        evictAfterCommit(List.of(idKey(id), emailKey(user.email())));
        return id;
    }

    @Override
    public boolean updateProfile(long id, ProfileChanges changes, Instant now) {
        return writeEvicting(id, () -> delegate.updateProfile(id, changes, now));
    }

    @Override
    public boolean updatePasswordHash(long id, String passwordHash, Instant now) {
        return writeEvicting(id, () -> delegate.updatePasswordHash(id, passwordHash, now));
    }

    @Override
    public boolean recordLogin(long id, Instant at, String ip) {
        return writeEvicting(id, () -> delegate.recordLogin(id, at, ip));
    }

    @Override
    public boolean softDelete(long id, Instant now) {
        return writeEvicting(id, () -> delegate.softDelete(id, now));
    }

    @Override
    public Optional<Long> setRoleByEmail(String email, Role role, Instant now) {
        Optional<Long> id = delegate.setRoleByEmail(email, role, now);
        List<String> keys = new ArrayList<>();
        keys.add(emailKey(email));
        id.ifPresent(i -> keys.add(idKey(i)));
        evictAfterCommit(keys);
        return id;
    }

    @Override
    public Page<User> search(UserQuery query) {
        return delegate.search(query);
    }

    /**
     * Runs a write of one user and evicts both of its keys after commit. The keys are read from
     * the database before the write: a deleted user no longer has an email to find.
     */
    private boolean writeEvicting(long id, BooleanSupplier write) {
        List<String> keys = new ArrayList<>();
        keys.add(idKey(id));
        delegate.findById(id).ifPresent(u -> keys.add(emailKey(u.email())));
        boolean changed = write.getAsBoolean();
        evictAfterCommit(keys);
        return changed;
    }

    private void evictAfterCommit(List<String> keys) {
        afterCommit.run(() -> cache.evict(keys));
    }
}
