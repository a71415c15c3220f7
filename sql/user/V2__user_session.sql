-- Sessions, one row per login (the token's jti), kept in the database so that they survive the
-- cache: with Redis down or restarted empty, tokens keep working. The cache holds copies only.
--
-- A session is valid while revoked_at is NULL and expires_at is in the future. "Revoke all" (a
-- password change, a deletion) sets revoked_at on every row of the user in the same transaction
-- as the change, so a session opened before it can never come back, whatever any clock says: the
-- order is the database's, not the instances' clocks or a cache counter.
-- Times as in the user table: DATETIME(6) holding the UTC wall clock.
-- id is the jti (a UUID), compared exactly (binary collation), the same way on MariaDB and H2.
-- Expired rows are deleted in bounded batches by the user context (SessionCleanup).
CREATE TABLE user_session (
    id          VARCHAR(64)      CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    user_id     BIGINT UNSIGNED  NOT NULL,
    created_at  DATETIME(6)      NOT NULL,
    expires_at  DATETIME(6)      NOT NULL,
    revoked_at  DATETIME(6)      NULL DEFAULT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- "revoke all of a user" and the cleanup of expired rows
CREATE INDEX idx_user_session_user ON user_session (user_id);
CREATE INDEX idx_user_session_expires ON user_session (expires_at);
