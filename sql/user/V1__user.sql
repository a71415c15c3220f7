-- The user context's table. Runs unchanged on MariaDB/MySQL and on H2 2.x in
-- MODE=MySQL;DATABASE_TO_LOWER=TRUE (the embedded default), so only syntax both accept is used.
--
-- Times are DATETIME(6) holding the UTC wall clock (microsecond precision, no zone); the
-- application converts, never the server's or the JVM's time zone. NULL login_at/deleted_at
-- mean "never happened".
-- email uses a binary collation: the store compares emails exactly as given (the service
-- lower-cases them first), the same way on MariaDB and on H2, and the unique key agrees.
-- age is SMALLINT, not TINYINT UNSIGNED: H2 ignores UNSIGNED, so its TINYINT would reject 128..150;
-- the CHECK bounds it on both (H2 does not enforce UNSIGNED either).
-- The table's charset is utf8mb4 explicitly, whatever the database default, so 4-byte
-- characters (emoji) round-trip.
-- Free-text columns are twice the limit the service enforces (in characters): H2 counts UTF-16
-- units, in which a 4-byte character such as an emoji takes two; MariaDB counts characters.
CREATE TABLE `user` (
    id          BIGINT UNSIGNED   NOT NULL AUTO_INCREMENT,
    name        VARCHAR(100)     NOT NULL DEFAULT '',
    nick_name   VARCHAR(100)     NOT NULL DEFAULT '',
    email       VARCHAR(254)     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    password    VARCHAR(100)     NOT NULL,
    phone       VARCHAR(60)      NOT NULL DEFAULT '',
    avatar      VARCHAR(510)     NOT NULL DEFAULT '',
    gender      TINYINT          NOT NULL DEFAULT 0,
    age         SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    birthday    VARCHAR(10)      NOT NULL DEFAULT '',
    login_at    DATETIME(6)      NULL DEFAULT NULL,
    login_ip    VARCHAR(45)      NOT NULL DEFAULT '',
    status      TINYINT          NOT NULL DEFAULT 1,
    role        TINYINT          NOT NULL DEFAULT 0,
    created_at  DATETIME(6)      NOT NULL,
    updated_at  DATETIME(6)      NOT NULL,
    deleted_at  DATETIME(6)      NULL DEFAULT NULL,
    PRIMARY KEY (id),
    -- Also covers deleted rows on purpose: an email stays reserved after its user is deleted.
    CONSTRAINT uk_user_email UNIQUE (email),
    CONSTRAINT ck_user_age CHECK (age BETWEEN 0 AND 150)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The admin list's default order is newest first with id as the tie-breaker.
CREATE INDEX idx_user_created_at ON `user` (created_at, id);
