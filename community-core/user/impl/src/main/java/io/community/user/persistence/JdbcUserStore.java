package io.community.user.persistence;

import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.persistence.PagedQuery;
import io.community.common.persistence.SqlErrors;
import io.community.common.persistence.UtcMicros;
import io.community.user.UserStore;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The user table behind {@link UserStore}. Named so that the caching decorator can ask for
 * exactly this one; everything else gets the decorator.
 *
 * <p>Emails are compared exactly as given (binary collation): lower-casing is the service's job.
 * Transactions are the caller's; without one, each statement commits on its own.
 */
@Singleton
@Named("jdbc")
public class JdbcUserStore implements UserStore {
    /** Reads of the admin list: the hash is not even selected. Times as in {@link UserEntity}. */
    private static final String LIST_COLUMNS = Stream.of(
                    "u.id",
                    "u.name",
                    "u.nick_name",
                    "u.email",
                    "'' AS password",
                    "u.phone",
                    "u.avatar",
                    "u.gender",
                    "u.age",
                    "u.birthday",
                    micros("login_at"),
                    "u.login_ip",
                    "u.status",
                    "u.role",
                    micros("created_at"),
                    micros("updated_at"),
                    micros("deleted_at"))
            .collect(Collectors.joining(", "));

    private final UserRepository repository;
    private final JdbcOperations jdbc;
    private final ConnectionOperations<Connection> connections;

    public JdbcUserStore(UserRepository repository, JdbcOperations jdbc, ConnectionOperations<Connection> connections) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.connections = connections;
    }

    @Override
    public Optional<User> findById(long id) {
        return repository.findByIdAndDeletedAtIsNull(id).map(JdbcUserStore::toUser);
    }

    @Override
    public Map<Long, User> findByIds(Collection<Long> ids) {
        List<Long> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        Map<Long, User> users = new HashMap<>();
        for (UserEntity entity : repository.findByIdInAndDeletedAtIsNull(distinct)) {
            users.put(entity.id(), toUser(entity));
        }
        return users;
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return repository.findByEmailAndDeletedAtIsNull(email).map(JdbcUserStore::toUser);
    }

    @Override
    public boolean emailTaken(String email) {
        return repository.existsByEmail(email);
    }

    @Override
    public Optional<Credentials> findCredentialsByEmail(String email) {
        return repository.findByEmailAndDeletedAtIsNull(email).map(JdbcUserStore::toCredentials);
    }

    @Override
    public Optional<Credentials> findCredentialsById(long id) {
        return repository.findByIdAndDeletedAtIsNull(id).map(JdbcUserStore::toCredentials);
    }

    @Override
    public long insert(NewUser user) {
        UserEntity entity = new UserEntity(
                null,
                user.name() == null ? "" : user.name(),
                "",
                user.email(),
                user.passwordHash(),
                "",
                "",
                0,
                0,
                "",
                null,
                "",
                User.STATUS_ACTIVE,
                user.role().code(),
                user.createdAt(),
                user.createdAt(),
                null);
        try {
            return repository.save(entity).id();
        } catch (DataAccessException e) {
            // the unique key decides, not a prior lookup: that is what holds under concurrency
            if (isDuplicateEmail(e)) {
                throw new DuplicateEmailException(e);
            }
            throw e;
        }
    }

    @Override
    public boolean updateProfile(long id, ProfileChanges changes, Instant now) {
        return repository.updateProfile(
                        id,
                        changes.name(),
                        changes.nickName(),
                        changes.phone(),
                        changes.avatar(),
                        changes.gender(),
                        changes.age(),
                        changes.birthday(),
                        UtcMicros.toMicros(now))
                > 0;
    }

    @Override
    public boolean updatePasswordHash(long id, String passwordHash, Instant now) {
        return repository.updatePassword(id, passwordHash, UtcMicros.toMicros(now)) > 0;
    }

    @Override
    public boolean recordLogin(long id, Instant at, String ip) {
        return repository.updateLogin(id, UtcMicros.toMicros(at), ip == null ? "" : ip) > 0;
    }

    @Override
    public boolean softDelete(long id, Instant now) {
        return repository.softDelete(id, UtcMicros.toMicros(now)) > 0;
    }

    @Override
    public Optional<Long> setRoleByEmail(String email, Role role, Instant now) {
        // the update re-checks deleted_at, so a user deleted in between is reported as absent
        return repository
                .findByEmailAndDeletedAtIsNull(email)
                .map(UserEntity::id)
                .filter(id -> repository.updateRole(id, role.code(), UtcMicros.toMicros(now)) > 0);
    }

    /**
     * Count and page in one read-only transaction, so the total matches the page. Runs on the
     * connection of the caller's transaction when there is one ({@link ConnectionOperations}
     * hands out the transaction-bound connection, or opens one just for this call).
     */
    @Override
    @ReadOnly
    public Page<User> search(UserQuery query) {
        PageRequest paging = new PageRequest(query.page(), query.limit());
        UserSearch.Sql sql = UserSearch.compile(query);
        String from = " FROM `user` u WHERE " + sql.where();
        return connections.executeRead(status -> {
            try {
                return PagedQuery.page(
                        status.getConnection(),
                        "SELECT COUNT(*)" + from,
                        "SELECT " + LIST_COLUMNS + from + " ORDER BY " + sql.orderBy(),
                        paging,
                        s -> bind(s, sql.params()),
                        rs -> toUser(jdbc.readEntity(rs, UserEntity.class)));
            } catch (SQLException e) {
                throw new DataAccessException("user search failed: " + e.getMessage(), e);
            }
        });
    }

    private static int bind(PreparedStatement statement, List<Object> params) throws SQLException {
        int index = 1;
        for (Object param : params) {
            if (param instanceof Long number) {
                statement.setLong(index++, number);
            } else {
                statement.setString(index++, (String) param);
            }
        }
        return index;
    }

    private static String micros(String column) {
        return UtcMicros.READ_PREFIX.replace("@.", "u.") + column + UtcMicros.READ_SUFFIX + " AS " + column;
    }

    /** A duplicate key anywhere in the cause chain; the key name makes sure it is the email's. */
    static boolean isDuplicateEmail(Throwable error) {
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                boolean duplicateKey = SqlErrors.isDuplicateKey(sql);
                String message =
                        sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
                if (duplicateKey && message.contains("uk_user_email")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Credentials toCredentials(UserEntity entity) {
        return new Credentials(entity.id(), entity.email(), entity.password());
    }

    static User toUser(UserEntity e) {
        return new User(
                e.id(),
                e.name(),
                e.nickName(),
                e.email(),
                e.phone(),
                e.avatar(),
                e.gender(),
                e.age(),
                e.birthday(),
                e.loginAt(),
                e.loginIp(),
                e.status(),
                Role.fromCode(e.role()),
                e.createdAt(),
                e.updatedAt());
    }
}
