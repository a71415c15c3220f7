#!/usr/bin/env bash
# Sample data for measurements: the monolith's seed command fills a MariaDB database through the
# use cases (users with a session each, follows, posts of the three kinds, comments and replies,
# likes, collects); with --split the migrate tool then copies it into the cluster's three
# databases (<db>_user, <db>_relation, <db>_creation, dropped and re-created) and verifies the copy.
# Same USERS and SEED give the same shape; running it again adds another set (new email namespace).
#   bench/seed.sh                              # 200 users, seed 42, into community_bench
#   USERS=1000 SEED=7 DB=community_big bench/seed.sh --split
# Seeded users sign in as seed<SEED>.r<run>.u<i>@example.org with the password seed-password.
# Redis: REDIS_URI and COMMUNITY_CACHE_KEY_PREFIX as the monolith that serves the database has them
# (unset: the in-process cache, fine for a database no server is running on).
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-200}
SEED=${SEED:-42}
DB=${DB:-community_bench}
HOST=${HOST:-127.0.0.1:3306}
DB_USER=${DB_USER:-root}
export DATASOURCES_DEFAULT_PASSWORD=${DB_PASSWORD:-} MIGRATE_SOURCE_PASSWORD=${DB_PASSWORD:-} \
  MIGRATE_TARGET_PASSWORD=${DB_PASSWORD:-}
single=community-single/target/community-single.jar
migrate=tools/migrate/target/migrate.jar
[ -f "$single" ] || ./mvnw -q -DskipTests -pl community-single -am package
sql() { mariadb -h"${HOST%:*}" -P"${HOST#*:}" -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -e "$1"; }

sql "CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
DATASOURCES_DEFAULT_URL="jdbc:mariadb://$HOST/$DB" DATASOURCES_DEFAULT_USERNAME="$DB_USER" \
  java -jar "$single" seed --users "$USERS" --seed "$SEED"

if [ "${1:-}" = --split ]; then
  [ -f "$migrate" ] || ./mvnw -q -DskipTests -pl tools/migrate package
  for ctx in user relation creation; do
    sql "DROP DATABASE IF EXISTS \`${DB}_$ctx\`; CREATE DATABASE \`${DB}_$ctx\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  done
  args=(--source-url "jdbc:mariadb://$HOST/$DB" --source-user "$DB_USER" --target-user "$DB_USER"
        --user-url "jdbc:mariadb://$HOST/${DB}_user" --relation-url "jdbc:mariadb://$HOST/${DB}_relation"
        --creation-url "jdbc:mariadb://$HOST/${DB}_creation")
  java -jar "$migrate" split "${args[@]}"
  java -jar "$migrate" verify "${args[@]}"
fi
