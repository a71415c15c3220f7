package io.community.user;

import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Where users are kept. The JDBC adapter stores; a caching decorator wraps it. Every finder
 * ignores soft-deleted users. Credentials are a separate, never-cached read.
 */
public interface UserStore {

    Optional<User> findById(long id);

    Map<Long, User> findByIds(Collection<Long> ids);

    Optional<User> findByEmail(String email);

    /** True if any row, deleted or not, holds the email (emails stay reserved after deletion). */
    boolean emailTaken(String email);

    /** Not cached: the hash must never reach the cache. */
    Optional<Credentials> findCredentialsByEmail(String email);

    /** Not cached. */
    Optional<Credentials> findCredentialsById(long id);

    /** @throws DuplicateEmailException when the email is taken, also under concurrency (unique key). */
    long insert(NewUser user);

    /** Returns false when the user does not exist or is deleted. */
    boolean updateProfile(long id, ProfileChanges changes, Instant now);

    boolean updatePasswordHash(long id, String passwordHash, Instant now);

    boolean recordLogin(long id, Instant at, String ip);

    /** Returns false when the user does not exist or is already deleted. */
    boolean softDelete(long id, Instant now);

    /** Sets the role of the (not deleted) user with that email; returns its id if there is one. */
    Optional<Long> setRoleByEmail(String email, Role role, Instant now);

    /** The admin list; column names and operators are validated here against allow-lists. */
    Page<User> search(UserQuery query);

    record Credentials(long id, String email, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials{id=" + id + "}";
        }
    }

    record NewUser(String email, String passwordHash, String name, Role role, Instant createdAt) {
        @Override
        public String toString() {
            return "NewUser{email=" + email + ", role=" + role + "}";
        }
    }

    class DuplicateEmailException extends RuntimeException {
        public DuplicateEmailException(Throwable cause) {
            super("email already registered", cause);
        }
    }
}
