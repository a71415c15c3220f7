-- Posts. Runs unchanged on MariaDB/MySQL and on H2 2.x in MODE=MySQL;DATABASE_TO_LOWER=TRUE.
--
-- One row per post, and no index tables: the reference's post_latest, post_hot and user_post
-- (kept in sync by hand, and its delete touched the wrong rows) are replaced by the composite
-- indexes below, which the database keeps in step with the row by itself.
--
-- Soft delete: del_flag 0 live, 1 deleted by the owner, 2 deleted by an admin; every read filters
-- del_flag = 0, so each index starts with it (or with user_id, then del_flag).
--
-- Counters are signed BIGINT with CHECKs, not UNSIGNED: MariaDB evaluates an UNSIGNED column plus
-- a negative delta as UNSIGNED and fails with "out of range" before GREATEST(..., 0) can clamp it.
--
-- hot_score = LOG10(engagement) + hot_time, refreshed by the application after every counter
-- change (see community-core/creation/README.md). hot_time is the recency part: created_at in
-- epoch seconds / 45000, fixed at creation, so the SQL needs no date functions (those differ
-- between H2 and MariaDB).
--
-- Times are DATETIME(6) holding the UTC wall clock, written and read as epoch micros through
-- TIMESTAMPADD/TIMESTAMPDIFF (as in the user context).
CREATE TABLE post (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    post_type      TINYINT         NOT NULL,
    user_id        BIGINT UNSIGNED NOT NULL,
    -- title and position are twice the character limits the service enforces (250, 100): H2 counts
    -- UTF-16 units, in which an emoji takes two; MariaDB counts characters.
    title          VARCHAR(500)    NOT NULL,
    content        TEXT            NOT NULL,
    view_count     BIGINT          NOT NULL DEFAULT 0,
    like_count     BIGINT          NOT NULL DEFAULT 0,
    comment_count  BIGINT          NOT NULL DEFAULT 0,
    collect_count  BIGINT          NOT NULL DEFAULT 0,
    share_count    BIGINT          NOT NULL DEFAULT 0,
    hot_time       DOUBLE          NOT NULL,
    hot_score      DOUBLE          NOT NULL,
    del_flag       TINYINT         NOT NULL DEFAULT 0,
    visible        TINYINT         NOT NULL DEFAULT 1,
    longitude      DOUBLE          NOT NULL DEFAULT 0,
    latitude       DOUBLE          NOT NULL DEFAULT 0,
    position       VARCHAR(200)    NOT NULL DEFAULT '',
    created_at     DATETIME(6)     NOT NULL,
    updated_at     DATETIME(6)     NOT NULL,
    deleted_at     DATETIME(6)     NULL DEFAULT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_post_counters CHECK (view_count >= 0 AND like_count >= 0 AND comment_count >= 0
        AND collect_count >= 0 AND share_count >= 0),
    CONSTRAINT ck_post_del_flag CHECK (del_flag BETWEEN 0 AND 2)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- latest list: WHERE del_flag = 0 ORDER BY created_at DESC, id DESC
CREATE INDEX idx_post_latest ON post (del_flag, created_at, id);
-- a user's posts and the following feed: WHERE user_id [IN] … AND del_flag = 0 ORDER BY created_at DESC, id DESC
CREATE INDEX idx_post_user ON post (user_id, del_flag, created_at, id);
-- hot list: WHERE del_flag = 0 ORDER BY hot_score DESC, id DESC
CREATE INDEX idx_post_hot ON post (del_flag, hot_score, id);
