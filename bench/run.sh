#!/usr/bin/env bash
# Load measurements of the monolith on MariaDB + Redis. Not a test: it records figures in
# bench/RESULTS.md. Traffic goes to 127.0.0.1 only; every run is bounded in time.
#   bench/run.sh            # 10 s per scenario, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18090}
DB=community_bench
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f community-single/target/community-single.jar ] || ./mvnw -q -DskipTests -pl community-single -am package

mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4"
prefix="bench:$(date +%s):"
log=$(mktemp)
DATASOURCES_DEFAULT_URL="jdbc:mariadb://127.0.0.1:3306/$DB" DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= \
REDIS_URI="redis://127.0.0.1:6379?timeout=2s" COMMUNITY_CACHE_KEY_PREFIX="$prefix" \
COMMUNITY_JWT_SECRET="bench-secret-bench-secret-bench-secret-1234" COMMUNITY_USER_BCRYPT_COST=10 \
MICRONAUT_SERVER_PORT=$PORT MICRONAUT_SERVER_HOST=127.0.0.1 \
  java -Xmx1g -jar community-single/target/community-single.jar > "$log" 2>&1 &
app=$!
cleanup() { kill $app 2>/dev/null || true; redis-cli --scan --pattern "${prefix}*" | xargs -r redis-cli del >/dev/null; }
trap cleanup EXIT
for _ in $(seq 60); do curl -fs "$BASE/health/readiness" >/dev/null && break; sleep 1; done

json() { curl -fsS -H 'Content-Type: application/json' "$@"; }
user() { # email -> "id token"
  json -X POST "$BASE/api/v1/auth/email" -d "{\"email\":\"$1\"}" >/dev/null
  local code; code=$(grep -oE "code is [0-9]{6}" "$log" | tail -1 | cut -d' ' -f3)
  local id; id=$(json -X POST "$BASE/api/v1/auth/register" -d "{\"email\":\"$1\",\"emailCode\":\"$code\",\"password\":\"bench-password\"}" | grep -oE '"id":[0-9]+' | cut -d: -f2)
  local token; token=$(json -X POST "$BASE/api/v1/auth/login" -d "{\"email\":\"$1\",\"password\":\"bench-password\"}" | grep -oE '"token":"[^"]+"' | cut -d'"' -f4)
  echo "$id $token"
}
read -r A_ID A_TOKEN < <(user author@bench.local)
read -r B_ID B_TOKEN < <(user reader@bench.local)
json -X POST "$BASE/api/v1/relation/follow" -H "Authorization: Bearer $B_TOKEN" -d "{\"followedUid\":$A_ID}" >/dev/null
for i in $(seq 200); do
  json -X POST "$BASE/api/v1/post" -H "Authorization: Bearer $A_TOKEN" -d "{\"title\":\"post $i\",\"text\":\"benchmark text $i\"}" >/dev/null
done
POST_ID=$(json -X POST "$BASE/api/v1/post/latest/list" -H "Authorization: Bearer $B_TOKEN" -d '{"page":0,"limit":1}' | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)

lua=$(mktemp --suffix .lua)
scenario() { # name method path body
  cat > "$lua" <<LUA
wrk.method = "$2"
wrk.headers["Authorization"] = "Bearer $B_TOKEN"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$4'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("| %s | %d | %.0f | %.1f | %.1f | %.1f | %d |\n", "$1", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors))
end
LUA
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$lua" "$BASE$3" | tail -1
}

# warm up the JIT and the caches before measuring
wrk -t2 -c8 -d5s -H "Authorization: Bearer $B_TOKEN" "$BASE/api/v1/user/$A_ID" >/dev/null

table=$(mktemp)
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, commit $(git rev-parse --short HEAD)"
  echo
  echo "| scenario | requests | req/s | p50 ms | p99 ms | max ms | errors |"
  echo "|---|---|---|---|---|---|---|"
  scenario "GET /user/{id} (token check + cached user)" GET "/api/v1/user/$A_ID" ""
  scenario "POST /post/latest/list (20 posts + authors)" POST "/api/v1/post/latest/list" '{"page":0,"limit":20}'
  scenario "POST /post/hot/list (20 posts + authors)" POST "/api/v1/post/hot/list" '{"page":0,"limit":20}'
  scenario "POST /feed/list (20 posts + authors)" POST "/api/v1/feed/list" '{"page":0,"limit":20}'
  scenario "GET /relation/count (cached)" GET "/api/v1/relation/count?userId=$A_ID" ""
  scenario "POST /post/view (atomic counter + hot score)" POST "/api/v1/post/view" "{\"id\":$POST_ID}"
  scenario "POST /like (idempotent, same row)" POST "/api/v1/like" "{\"objType\":1,\"objId\":$POST_ID}"
  echo
} | tee "$table"
post=$(json -X GET "$BASE/api/v1/post/$POST_ID" -H "Authorization: Bearer $B_TOKEN")
views=$(grep -oE '"viewCount":[0-9]+' <<<"$post" | cut -d: -f2)
likes=$(grep -oE '"likeCount":[0-9]+' <<<"$post" | cut -d: -f2)
acked=$(grep '/post/view' "$table" | cut -d'|' -f3 | tr -d ' ')
# wrk counts responses received before it stops; up to one request per connection is still in flight then
verdict="no acknowledged increment lost"
if [ "$views" -lt "$acked" ] || [ "$views" -gt $((acked + CONNECTIONS)) ]; then verdict="MISMATCH"; fi
{
  cat "$table"
  echo "Integrity after the runs: viewCount $views for $acked acknowledged view requests (+ at most $CONNECTIONS in flight): $verdict; likeCount $likes after $(grep '/like ' "$table" | cut -d'|' -f3 | tr -d ' ') identical likes (idempotent: 1)."
  echo
} >> bench/RESULTS.md
echo "viewCount $views / acknowledged $acked: $verdict; likeCount $likes"
