package io.community.relation.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Statements on {@code user_following}, {@code user_follower} and {@code relation_num}. Writes
 * return the number of rows they changed, which is what decides whether counters move. Times
 * are bound as UTC micros and turned into DATETIME(6) in SQL (see {@link JdbcRelationStore});
 * {@code \\:} keeps the literal's colons from being read as named parameters.
 *
 * <p>{@code INSERT IGNORE} (MariaDB/MySQL, and H2 in MySQL mode) skips a row whose unique key
 * exists, atomically, and reports 0 rows: no error to catch and nothing counted twice. On MariaDB
 * IGNORE would also turn other errors into warnings (an out-of-range id would be clamped); the
 * inserts here only ever get ids of existing users and a valid time, so a duplicate key is all it
 * ignores. {@code ON DUPLICATE KEY UPDATE} is not used for the follow rows: with the driver's
 * default "found rows" reporting, an unchanged duplicate reports 1 row, like an insert.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface RelationRepository extends GenericRepository<RelationNumEntity, Long> {

    Optional<RelationNumEntity> findById(Long userId);

    @Query("""
            INSERT IGNORE INTO user_following (user_id, followed_uid, created_at)
            VALUES (:userId, :followedUid, TIMESTAMPADD(MICROSECOND, :atMicros, TIMESTAMP '1970-01-01 00\\:00\\:00'))""")
    int insertFollowing(long userId, long followedUid, long atMicros);

    @Query("""
            INSERT IGNORE INTO user_follower (user_id, follower_uid, created_at)
            VALUES (:userId, :followerUid, TIMESTAMPADD(MICROSECOND, :atMicros, TIMESTAMP '1970-01-01 00\\:00\\:00'))""")
    int insertFollower(long userId, long followerUid, long atMicros);

    @Query("DELETE FROM user_following WHERE user_id = :userId AND followed_uid = :followedUid")
    int deleteFollowing(long userId, long followedUid);

    @Query("DELETE FROM user_follower WHERE user_id = :userId AND follower_uid = :followerUid")
    int deleteFollower(long userId, long followerUid);

    /** Adds to a user's counters, creating the row on the user's first follow. */
    @Query("""
            INSERT INTO relation_num (user_id, following_num, follower_num, updated_at)
            VALUES (:userId, :following, :follower, TIMESTAMPADD(MICROSECOND, :atMicros, TIMESTAMP '1970-01-01 00\\:00\\:00'))
            ON DUPLICATE KEY UPDATE
                following_num = following_num + :following,
                follower_num = follower_num + :follower,
                updated_at = TIMESTAMPADD(MICROSECOND, :atMicros, TIMESTAMP '1970-01-01 00\\:00\\:00')""")
    int addCounts(long userId, int following, int follower, long atMicros);

    @Query("""
            UPDATE relation_num SET following_num = following_num - 1,
                updated_at = TIMESTAMPADD(MICROSECOND, :atMicros, TIMESTAMP '1970-01-01 00\\:00\\:00')
            WHERE user_id = :userId AND following_num > 0""")
    int decrementFollowing(long userId, long atMicros);

    @Query("""
            UPDATE relation_num SET follower_num = follower_num - 1,
                updated_at = TIMESTAMPADD(MICROSECOND, :atMicros, TIMESTAMP '1970-01-01 00\\:00\\:00')
            WHERE user_id = :userId AND follower_num > 0""")
    int decrementFollower(long userId, long atMicros);

    /** Newest first; id breaks ties within one microsecond (insertion order). Read off idx_user_following_newest. */
    @Query("""
            SELECT followed_uid FROM user_following WHERE user_id = :userId
            ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    List<Long> findFollowedUids(long userId, int limit, long offset);

    @Query("""
            SELECT follower_uid FROM user_follower WHERE user_id = :userId
            ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    List<Long> findFollowerUids(long userId, int limit, long offset);

    @Query("SELECT followed_uid FROM user_following WHERE user_id = :userId AND followed_uid IN (:candidates)")
    List<Long> findFollowedAmong(long userId, Collection<Long> candidates);
}
