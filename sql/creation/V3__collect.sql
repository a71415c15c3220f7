-- Collects (bookmarks of posts). Runs unchanged on MariaDB/MySQL and on H2 in MySQL mode.
--
-- One row per (user, post), ever: the unique key makes collecting idempotent under concurrency
-- (INSERT IGNORE, one winner). Uncollecting sets status 0 instead of deleting the row, so the
-- collect keeps its id: removing it again is a no-op the owner may repeat, another user still
-- gets 403, and collecting again flips the same row back to 1 (with a new created_at, the time
-- it was collected).
--
-- Collects of deleted posts stay as they are; reads join post and skip them.
CREATE TABLE user_collect (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id     BIGINT UNSIGNED NOT NULL,
    post_id     BIGINT UNSIGNED NOT NULL,
    status      TINYINT         NOT NULL DEFAULT 1,
    created_at  DATETIME(6)     NOT NULL,
    updated_at  DATETIME(6)     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_collect UNIQUE (user_id, post_id),
    CONSTRAINT ck_user_collect_status CHECK (status IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- a user's collects: WHERE user_id = ? AND status = 1 ORDER BY created_at DESC, id DESC
CREATE INDEX idx_user_collect_list ON user_collect (user_id, status, created_at, id);
