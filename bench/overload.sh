#!/usr/bin/env bash
# Overload benchmark (not a test): an authenticated profile read (GET /api/v1/user/{id}) against the
# monolith or the gateway on MariaDB + Redis. 1) peak: closed-loop wrk after a 40 s warm-up, the better
# of 32 and 64 connections for 10 s each; 2) unloaded: open
# loop at 20 % of that peak for 10 s; 3) overload: open loop at twice the peak for 30 s, then 5 s at
# 20 % to see when refusals stop. The open-loop generator is bench/OpenLoad.java (run as a source
# file by the JDK: wrk is closed-loop and wrk2 is not packaged in Debian): like wrk2, a fixed pool of
# keep-alive connections (OPEN_LOAD_CONNECTIONS, default 512: more than the servers' concurrency
# limit, as many clients would be), each sending on its own schedule, and latency measured from the
# moment each request was due, so a slow server cannot slow the load down. Appends to
# bench/RESULTS.md. Loopback only; ports 31610-31641 (below the ephemeral range: the run's own client connections cannot hold them); every process is stopped on exit.
#   bench/overload.sh [monolith|cluster]
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:-monolith}
PORT=${PORT:-31610}
BASE="http://127.0.0.1:$PORT"
DB=community_overload
case "$TARGET" in
  monolith) jars=(community-single/target/community-single.jar); modules=community-single ;;
  cluster) jars=(community-cluster/{user,relation,creation,gateway}/target/*.jar)
           modules=community-cluster/user,community-cluster/relation,community-cluster/creation,community-cluster/gateway ;;
  *) echo "usage: bench/overload.sh [monolith|cluster]" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
for jar in "${jars[@]}"; do [ -f "$jar" ] || { ./mvnw -q -DskipTests -pl "$modules" -am package; break; }; done

prefix="overload:$(date +%s):"
logs=$(mktemp -d)
pids=()
cleanup() {
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  redis-cli --scan --pattern "${prefix}*" | xargs -r redis-cli del >/dev/null
}
trap cleanup EXIT
export REDIS_URI="redis://127.0.0.1:6379" COMMUNITY_CACHE_KEY_PREFIX="$prefix" \
  COMMUNITY_JWT_SECRET="overload-secret-overload-secret-overload-1234" \
  COMMUNITY_CLUSTER_INTERNAL_SECRET="overload-internal-secret-of-the-cluster-0123456789" \
  DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= \
  COMMUNITY_BACKENDS_USER=127.0.0.1:31620 COMMUNITY_BACKENDS_RELATION=127.0.0.1:31630 COMMUNITY_BACKENDS_CREATION=127.0.0.1:31640
start() { # name database jar [VAR=value...]
  local name=$1 db=$2 jar=$3; shift 3
  mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4"
  env DATASOURCES_DEFAULT_URL="jdbc:mariadb://127.0.0.1:3306/$db" "$@" java -Xmx1g -jar "$jar" > "$logs/$name.log" 2>&1 &
  pids+=($!)
}
ready() { for _ in $(seq 90); do curl -fs "$1" >/dev/null && return 0; sleep 1; done; echo "$1 not ready; logs in $logs" >&2; exit 1; }
if [ "$TARGET" = monolith ]; then
  start monolith $DB community-single/target/community-single.jar MICRONAUT_SERVER_PORT=$PORT ENDPOINTS_ALL_PORT=31611 MICRONAUT_SERVER_HOST=127.0.0.1
  mail_log=$logs/monolith.log
else
  start user ${DB}_user community-cluster/user/target/user.jar GRPC_SERVER_PORT=31620 MICRONAUT_SERVER_PORT=31621 GRPC_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_HOST=127.0.0.1
  start relation ${DB}_relation community-cluster/relation/target/relation.jar GRPC_SERVER_PORT=31630 MICRONAUT_SERVER_PORT=31631 GRPC_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_HOST=127.0.0.1
  start creation ${DB}_creation community-cluster/creation/target/creation.jar GRPC_SERVER_PORT=31640 MICRONAUT_SERVER_PORT=31641 GRPC_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_HOST=127.0.0.1
  for mgmt in 31621 31631 31641; do ready "http://127.0.0.1:$mgmt/health/readiness"; done
  MICRONAUT_SERVER_PORT=$PORT ENDPOINTS_ALL_PORT=31611 MICRONAUT_SERVER_HOST=127.0.0.1 \
    java -Xmx1g -jar community-cluster/gateway/target/gateway.jar > "$logs/gateway.log" 2>&1 &
  pids+=($!)
  mail_log=$logs/user.log
fi
ready "$BASE/health/readiness"

json() { curl -fsS -H 'Content-Type: application/json' "$@"; }
email="overload-$(date +%s)@example.com"
json -X POST "$BASE/api/v1/auth/email" -d "{\"email\":\"$email\"}" >/dev/null
sleep 1
code=$(grep -oE "code is [0-9]{6}" "$mail_log" | tail -1 | cut -d' ' -f3)
id=$(json -X POST "$BASE/api/v1/auth/register" -d "{\"email\":\"$email\",\"emailCode\":\"$code\",\"password\":\"bench-password\"}" | grep -oE '"id":[0-9]+' | cut -d: -f2)
token=$(json -X POST "$BASE/api/v1/auth/login" -d "{\"email\":\"$email\",\"password\":\"bench-password\"}" | grep -oE '"token":"[^"]+"' | cut -d'"' -f4)
url="$BASE/api/v1/user/$id"

# warm-up, then the closed-loop peak
wrk -t2 -c64 -d40s -H "Authorization: Bearer $token" "$url" >/dev/null  # 40 s: four JVMs to compile (C2) in the cluster
# the peak: the better of 32 and 64 connections (64 = the limit's floor, so nothing is refused), counting
# only 2xx answers; more connections serve more per second here, and "twice the peak" must be twice
# what the process can really do
peak=0
for c in 32 64; do
  rate=$(wrk -t2 -c$c -d10s -H "Authorization: Bearer $token" "$url" | awk '
    /requests in/ {n = $1; gsub(/s,?/, "", $4); secs = $4}
    /Non-2xx/ {bad = $NF}
    END {printf "%d", (n - bad) / secs}')
  [ "$rate" -gt "$peak" ] && peak=$rate
done
low=$(( peak / 5 )); [ "$low" -ge 1 ] || low=1
double=$(( peak * 2 ))
connections=${OPEN_LOAD_CONNECTIONS:-512}
unloaded=$(java bench/OpenLoad.java "$url" "$token" "$low" 10 0 0 "$connections")
# CPU seconds spent during the overload run: the deployment's JVMs, MariaDB + Redis, the generator
# (all on the same cores: what the generator takes, the servers cannot use). The generator runs at a
# lower priority (GENERATOR_NICE, default 10), the nearest this machine has to its own cores: the
# servers get the CPU first, and the generator's own lag shows as latency from the due time or as
# "unsent", not as the servers' latency from the moment a request was written.
. bench/proc.sh
backing=($(pidof mariadbd redis-server))
servers_before=$(sum_ticks "${pids[@]}"); backing_before=$(sum_ticks "${backing[@]}")
overload=$(/usr/bin/time -f "%U %S" -o "$logs/generator.time" nice -n "${GENERATOR_NICE:-10}" java bench/OpenLoad.java "$url" "$token" "$double" 30 "$low" 5 "$connections")
hz=$(getconf CLK_TCK)
servers_cpu=$(( ($(sum_ticks "${pids[@]}") - servers_before) / hz ))
backing_cpu=$(( ($(sum_ticks "${backing[@]}") - backing_before) / hz ))
generator_cpu=$(awk '{printf "%d", $1 + $2}' "$logs/generator.time")
limit=$(curl -fs "http://127.0.0.1:31611/metrics" | grep -E '^community_limits_limit\{' | awk '{print $2}' | head -1)
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }
echo "peak $peak req/s; unloaded: $unloaded; overload: $overload; limit after: $limit; cpu s: servers $servers_cpu, mariadb+redis $backing_cpu, generator $generator_cpu"
{
  echo
  echo "### Overload: $TARGET, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo
  echo "GET /api/v1/user/{id}. Peak (wrk, closed loop, best of 32 and 64 connections, 2xx only): $peak req/s. Open loop over $connections keep-alive connections at 2x = $double req/s for 30 s, then $low req/s for 5 s."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| goodput under 2x (200/s) / peak | $(field okPerSec "$overload") / $peak |"
  echo "| p99 of admitted requests under 2x / unloaded p99 (ms) | $(field p99okMs "$overload") / $(field p99okMs "$unloaded") |"
  echo "| p99 of rejections (ms) | $(field p99rejectMs "$overload") |"
  echo "| the same two p99s from the moment the request was written (ms): admitted / rejections | $(field p99okSentMs "$overload") / $(field p99rejectSentMs "$overload") |"
  echo "| answers by kind (status/code) | $(field kinds "$overload") |"
  echo "| last refusal after the load dropped (s, -1 = none) | $(field recoveryLastRefusalS "$overload") |"
  echo "| concurrency limit after the run | $limit |"
  echo "| CPU seconds during the 35 s (of $(( 35 * $(nproc) )) on $(nproc) cores): $TARGET JVMs / MariaDB + Redis / generator | $servers_cpu / $backing_cpu / $generator_cpu |"
} >> bench/RESULTS.md
