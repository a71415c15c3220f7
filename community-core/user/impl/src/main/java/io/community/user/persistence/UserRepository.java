package io.community.user.persistence;

import io.community.common.persistence.UtcMicros;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Statements on {@code user}. Every read for normal use and every update or delete targets
 * rows with {@code deleted_at IS NULL}; only {@link #existsByEmail} looks at deleted rows too,
 * because an email stays reserved. Updates take times as UTC micros (see {@link UtcMicros})
 * and return the number of rows matched, so the store can answer "did it exist". In the
 * queries, {@code \\:} keeps the time literal's colons from being read as named parameters.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface UserRepository extends GenericRepository<UserEntity, Long> {

    UserEntity save(UserEntity user);

    Optional<UserEntity> findByIdAndDeletedAtIsNull(Long id);

    List<UserEntity> findByIdInAndDeletedAtIsNull(Collection<Long> ids);

    Optional<UserEntity> findByEmailAndDeletedAtIsNull(String email);

    boolean existsByEmail(String email);

    /** Null arguments keep the column as it is. */
    @Query("""
            UPDATE `user` SET
                name = COALESCE(:name, name),
                nick_name = COALESCE(:nickName, nick_name),
                phone = COALESCE(:phone, phone),
                avatar = COALESCE(:avatar, avatar),
                gender = COALESCE(:gender, gender),
                age = COALESCE(:age, age),
                birthday = COALESCE(:birthday, birthday),
                updated_at = TIMESTAMPADD(MICROSECOND, :nowMicros, TIMESTAMP '1970-01-01 00\\:00\\:00')
            WHERE id = :id AND deleted_at IS NULL""")
    int updateProfile(
            long id,
            @Nullable String name,
            @Nullable String nickName,
            @Nullable String phone,
            @Nullable String avatar,
            @Nullable Integer gender,
            @Nullable Integer age,
            @Nullable String birthday,
            long nowMicros);

    @Query("""
            UPDATE `user` SET password = :passwordHash,
                updated_at = TIMESTAMPADD(MICROSECOND, :nowMicros, TIMESTAMP '1970-01-01 00\\:00\\:00')
            WHERE id = :id AND deleted_at IS NULL""")
    int updatePassword(long id, String passwordHash, long nowMicros);

    /** updated_at stays: a login is not a change of the user. */
    @Query("""
            UPDATE `user` SET login_ip = :ip,
                login_at = TIMESTAMPADD(MICROSECOND, :atMicros, TIMESTAMP '1970-01-01 00\\:00\\:00')
            WHERE id = :id AND deleted_at IS NULL""")
    int updateLogin(long id, long atMicros, String ip);

    // updated_at moves only when the role changes (every start applies the configured admins again);
    // assigned before role because MariaDB evaluates SET left to right with the new values
    @Query("""
            UPDATE `user` SET
                updated_at = CASE WHEN role = :role THEN updated_at
                    ELSE TIMESTAMPADD(MICROSECOND, :nowMicros, TIMESTAMP '1970-01-01 00\\:00\\:00') END,
                role = :role
            WHERE id = :id AND deleted_at IS NULL""")
    int updateRole(long id, int role, long nowMicros);

    @Query("""
            UPDATE `user` SET
                deleted_at = TIMESTAMPADD(MICROSECOND, :nowMicros, TIMESTAMP '1970-01-01 00\\:00\\:00'),
                updated_at = TIMESTAMPADD(MICROSECOND, :nowMicros, TIMESTAMP '1970-01-01 00\\:00\\:00')
            WHERE id = :id AND deleted_at IS NULL""")
    int softDelete(long id, long nowMicros);
}
