-- Comments and their one level of replies. Runs unchanged on MariaDB/MySQL and on H2 2.x in
-- MODE=MySQL;DATABASE_TO_LOWER=TRUE.
--
-- One row per comment, text included, and no index tables: the reference's comment_content,
-- comment_latest, comment_hot and user_comment (kept in sync by hand; its delete touched the wrong
-- index rows) are replaced by the content column and the composite indexes below, which the
-- database keeps in step with the row by itself.
--
-- parent_id 0 marks a top-level comment; a reply names its top-level comment (one level only).
-- Soft delete: del_flag 0 live, 1 deleted by the owner, 2 deleted by an admin. Deleting a
-- top-level comment flags its live replies with it. Every read filters del_flag = 0.
--
-- Counters are signed BIGINT with CHECKs, not UNSIGNED: MariaDB evaluates an UNSIGNED column plus
-- a negative delta as UNSIGNED and fails with "out of range" before GREATEST(..., 0) can clamp it.
--
-- score = LOG10(1 + 2 * like_count + 3 * reply_count) + hot_time, refreshed by the application in
-- a statement of its own after every counter change (see community-core/creation/README.md).
-- hot_time is created_at in epoch seconds / 45000, fixed at creation.
--
-- content and device_type are limited by the application in characters (code points): 2000 and
-- 50. The columns are twice as wide because H2 counts UTF-16 units, in which a 4-byte character
-- (emoji) takes two. ip holds the longest textual IPv6 address (45 characters).
--
-- Times are DATETIME(6) holding the UTC wall clock, written and read as epoch micros through
-- TIMESTAMPADD/TIMESTAMPDIFF (as in the user context).
CREATE TABLE `comment` (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    post_id      BIGINT UNSIGNED NOT NULL,
    user_id      BIGINT UNSIGNED NOT NULL,
    parent_id    BIGINT UNSIGNED NOT NULL DEFAULT 0,
    content      VARCHAR(4000)   NOT NULL,
    reply_count  BIGINT          NOT NULL DEFAULT 0,
    like_count   BIGINT          NOT NULL DEFAULT 0,
    hot_time     DOUBLE          NOT NULL,
    score        DOUBLE          NOT NULL,
    del_flag     TINYINT         NOT NULL DEFAULT 0,
    device_type  VARCHAR(100)    NOT NULL DEFAULT '',
    ip           VARCHAR(45)     NOT NULL DEFAULT '',
    created_at   DATETIME(6)     NOT NULL,
    updated_at   DATETIME(6)     NOT NULL,
    deleted_at   DATETIME(6)     NULL DEFAULT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_comment_counters CHECK (reply_count >= 0 AND like_count >= 0),
    CONSTRAINT ck_comment_del_flag CHECK (del_flag BETWEEN 0 AND 2)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- latest top-level comments of a post: WHERE post_id = ? AND parent_id = 0 AND del_flag = 0
-- ORDER BY created_at DESC, id DESC
CREATE INDEX idx_comment_latest ON `comment` (post_id, parent_id, del_flag, created_at, id);
-- hot top-level comments of a post: the same filter, ORDER BY score DESC, id DESC
CREATE INDEX idx_comment_hot ON `comment` (post_id, parent_id, del_flag, score, id);
-- replies of a comment, oldest first: WHERE parent_id = ? AND del_flag = 0 ORDER BY created_at, id;
-- also what a delete of a top-level comment uses to find its replies
CREATE INDEX idx_comment_replies ON `comment` (parent_id, del_flag, created_at, id);
-- a user's comments (moderation, a future "my comments" list)
CREATE INDEX idx_comment_user ON `comment` (user_id, del_flag, created_at, id);
