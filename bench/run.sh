#!/usr/bin/env bash
# Load measurements on MariaDB + Redis, of the monolith or of the cluster (the gateway in front of
# the three gRPC services, each on its own database), with the same scenarios, so the cost of the
# split is measured, not guessed. Not a test: it records figures in bench/RESULTS.md. Traffic goes
# to 127.0.0.1 only; every run is bounded in time.
#   bench/run.sh                    # the monolith: 10 s per scenario, 2 threads, 32 connections
#   bench/run.sh cluster            # the same scenarios through the cluster's gateway
#   DURATION=30s CONNECTIONS=64 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:-monolith}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18090}
DB=community_bench
BASE="http://127.0.0.1:$PORT"
case "$TARGET" in
  monolith) jars=(community-single/target/community-single.jar); modules=community-single ;;
  cluster) jars=(community-cluster/{user,relation,creation,gateway}/target/*.jar)
           modules=community-cluster/user,community-cluster/relation,community-cluster/creation,community-cluster/gateway ;;
  *) echo "usage: bench/run.sh [monolith|cluster]" >&2; exit 2 ;;
esac

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
for jar in "${jars[@]}"; do [ -f "$jar" ] || { ./mvnw -q -DskipTests -pl "$modules" -am package; break; }; done

prefix="bench:$(date +%s):"
logs=$(mktemp -d)
pids=()
cleanup() {
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  redis-cli --scan --pattern "${prefix}*" | xargs -r redis-cli del >/dev/null
}
trap cleanup EXIT
export REDIS_URI="redis://127.0.0.1:6379?timeout=2s" COMMUNITY_CACHE_KEY_PREFIX="$prefix" \
  COMMUNITY_JWT_SECRET="bench-secret-bench-secret-bench-secret-1234" COMMUNITY_USER_BCRYPT_COST=10 \
  DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD=
start() { # name database jar [VAR=value...]: one JVM on its own fresh database
  local name=$1 db=$2 jar=$3; shift 3
  mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4"
  env DATASOURCES_DEFAULT_URL="jdbc:mariadb://127.0.0.1:3306/$db" "$@" \
    java -Xmx1g -jar "$jar" > "$logs/$name.log" 2>&1 &
  pids+=($!)
}
ready() { # url
  for _ in $(seq 90); do curl -fs "$1" >/dev/null && return 0; sleep 1; done
  echo "$1 did not become ready; logs in $logs" >&2; exit 1
}
if [ "$TARGET" = monolith ]; then
  start monolith $DB community-single/target/community-single.jar MICRONAUT_SERVER_PORT=$PORT MICRONAUT_SERVER_HOST=127.0.0.1
  mail_log=$logs/monolith.log
  deployment="monolith"
else
  # the services on their default ports (see the README), the gateway on $PORT
  start user ${DB}_user community-cluster/user/target/user.jar GRPC_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_HOST=127.0.0.1
  start relation ${DB}_relation community-cluster/relation/target/relation.jar GRPC_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_HOST=127.0.0.1
  start creation ${DB}_creation community-cluster/creation/target/creation.jar GRPC_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_HOST=127.0.0.1
  for mgmt in 18283 28283 38283; do ready "http://127.0.0.1:$mgmt/health/readiness"; done
  MICRONAUT_SERVER_PORT=$PORT MICRONAUT_SERVER_HOST=127.0.0.1 \
    java -Xmx1g -jar community-cluster/gateway/target/gateway.jar > "$logs/gateway.log" 2>&1 &
  pids+=($!)
  mail_log=$logs/user.log
  deployment="cluster (gateway + user, relation, creation services)"
fi
ready "$BASE/health/readiness"

json() { curl -fsS -H 'Content-Type: application/json' "$@"; }
user() { # email -> "id token"
  json -X POST "$BASE/api/v1/auth/email" -d "{\"email\":\"$1\"}" >/dev/null
  local code; code=$(grep -oE "code is [0-9]{6}" "$mail_log" | tail -1 | cut -d' ' -f3)
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
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $deployment, $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, commit $(git rev-parse --short HEAD)"
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
