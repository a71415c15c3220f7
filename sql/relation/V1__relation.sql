-- The relation context's tables. Runs unchanged on MariaDB/MySQL and on H2 2.x in
-- MODE=MySQL;DATABASE_TO_LOWER=TRUE (the embedded default), so only syntax both accept is used.
--
-- A follow is two rows, one per direction, so that "whom does X follow" and "who follows X"
-- are both a range scan on user_id (and stay so if the tables are ever sharded by user_id).
-- Unfollow deletes both rows (hard delete): nothing reads past follows, and a re-follow is a
-- plain insert again. The unique keys are what make follow idempotent under concurrency: the
-- service inserts with INSERT IGNORE and counts only rows that were really inserted.
-- Times are DATETIME(6) holding the UTC wall clock (microseconds), converted by the application.
-- id is only the tie-breaker of "newest first" (insertion order within one microsecond).
CREATE TABLE user_following (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id      BIGINT UNSIGNED NOT NULL,
    followed_uid BIGINT UNSIGNED NOT NULL,
    created_at   DATETIME(6)     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_following UNIQUE (user_id, followed_uid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- "Newest first" for one user: ORDER BY created_at DESC, id DESC is read straight off this index.
CREATE INDEX idx_user_following_newest ON user_following (user_id, created_at, id);

CREATE TABLE user_follower (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id      BIGINT UNSIGNED NOT NULL,
    follower_uid BIGINT UNSIGNED NOT NULL,
    created_at   DATETIME(6)     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_follower UNIQUE (user_id, follower_uid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX idx_user_follower_newest ON user_follower (user_id, created_at, id);

-- Per-user counters, changed with atomic SQL in the transaction of the rows they count:
-- following_num = rows of user_following with this user_id, follower_num = rows of user_follower.
-- A row appears with the user's first follow (upsert). Decrements are guarded by "> 0" rather
-- than computed with GREATEST(col - 1, 0): on MariaDB, UNSIGNED 0 - 1 is an error, not -1.
CREATE TABLE relation_num (
    user_id       BIGINT UNSIGNED NOT NULL,
    following_num BIGINT UNSIGNED NOT NULL DEFAULT 0,
    follower_num  BIGINT UNSIGNED NOT NULL DEFAULT 0,
    updated_at    DATETIME(6)     NOT NULL,
    PRIMARY KEY (user_id),
    -- H2 ignores UNSIGNED; this holds on both
    CONSTRAINT ck_relation_num_non_negative CHECK (following_num >= 0 AND follower_num >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
