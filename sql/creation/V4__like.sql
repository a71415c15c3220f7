-- Likes on posts (obj_type 1) and comments (obj_type 2). Runs unchanged on MariaDB/MySQL and on
-- H2 2.x in MODE=MySQL;DATABASE_TO_LOWER=TRUE.
--
-- One row per user and target, ever: the unique key is what makes like idempotent under
-- concurrency. status 1 while the like stands, 0 after an unlike; a like again flips it back
-- (and moves created_at to the new like). The target's like_count moves only when a statement
-- really flipped the status (UPDATE ... WHERE status = <old>), so repeats and races count once.
--
-- The row is made sure to exist with INSERT ... ON DUPLICATE KEY UPDATE (not INSERT IGNORE):
-- on a duplicate InnoDB takes an exclusive lock at once, so concurrent identical likes queue up
-- behind each other. INSERT IGNORE takes a shared lock, and two of them upgrading to the
-- status flip's exclusive lock deadlock (reproduced on MariaDB 10.11 with 50 concurrent likes).
--
-- Times are DATETIME(6) holding the UTC wall clock, written and read as epoch micros through
-- TIMESTAMPADD/TIMESTAMPDIFF (as in the user context).
CREATE TABLE user_like (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id     BIGINT UNSIGNED NOT NULL,
    obj_type    TINYINT         NOT NULL,
    obj_id      BIGINT UNSIGNED NOT NULL,
    status      TINYINT         NOT NULL DEFAULT 1,
    created_at  DATETIME(6)     NOT NULL,
    updated_at  DATETIME(6)     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_like UNIQUE (user_id, obj_type, obj_id),
    CONSTRAINT ck_user_like_obj_type CHECK (obj_type IN (1, 2)),
    CONSTRAINT ck_user_like_status CHECK (status IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- the likes of a post or comment, newest first:
-- WHERE obj_type = ? AND obj_id = ? AND status = 1 ORDER BY created_at DESC, id DESC
CREATE INDEX idx_user_like_target ON user_like (obj_type, obj_id, status, created_at, id);
