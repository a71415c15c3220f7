#!/usr/bin/env bash
# What the split costs, measured in one run: the monolith and then the cluster (the gateway in front
# of the user, relation and creation services, each on its own database) are started on MariaDB +
# Redis with the heap settings documented for containers, given the same data, and driven with the
# same wrk scenarios. Per scenario: throughput, p50/p99, the cluster / monolith ratio, CPU seconds
# per 1,000 requests summed over every process of the deployment (/proc/<pid>/stat), remote calls
# per request (the gRPC client counters of the gateway and the services), and a bare endpoint of the
# same process (liveness) as the same-run ceiling; per runnable: start-up time (launch to the first
# 200 on /health/liveness) and idle RSS. Appends a report to bench/RESULTS.md. Not a test; traffic
# goes to 127.0.0.1 only and every step is bounded in time.
#   bench/run.sh                               # 10 s per scenario after 30 s of warm-up, wrk -t2 -c32
#   DURATION=5s WARMUP=3s CONNECTIONS=16 bench/run.sh
#   BENCH_PORT=31500 (ports BENCH_PORT..+29, below the ephemeral range)   POSTS=200 (posts the author writes)
#   BENCH_SKIP_BUILD=1 (use the jars in target/ as they are)
#   BENCH_JAVA_OPTS="-XX:TieredStopAtLevel=1" (extra JVM flags for every process, e.g. to price a start-up flag)
#   BENCH_OVERLOAD=0 (skip the overload benchmark that follows: bench/overload.sh monolith, then cluster)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
POSTS=${POSTS:-200}
P=${BENCH_PORT:-31500}
DB=${BENCH_DB:-startup_bench}
# The image's JVM settings (deploy/docker/Dockerfile), with the memory limit of the deployment
# manifests (deploy/k8s: monolith 1Gi, gateway and services 768Mi) standing in for the container's.
JVM_CONTAINER="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError ${BENCH_JAVA_OPTS:-}"
HZ=$(getconf CLK_TCK)
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)

runnables=(community-single community-cluster/user community-cluster/relation community-cluster/creation community-cluster/gateway)
jar_of() { case $1 in community-single) echo community-single/target/community-single.jar ;; *) echo "$1/target/${1##*/}.jar" ;; esac; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  for m in "${runnables[@]}"; do
    [ -f "$(jar_of "$m")" ] || { ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${runnables[*]}")" -am package; break; }
  done
fi

logs=$(mktemp -d)
prefix="bench:$(date +%s):"
declare -a pids=() names=()
declare -A pid_of=() startup_of=() rss_of=() cds_of=()
stop_all() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=() names=()
}
cleanup() {
  stop_all
  redis-cli --scan --pattern "${prefix}*" | xargs -r redis-cli del >/dev/null || true
  for d in ${DB}_mono ${DB}_user ${DB}_relation ${DB}_creation; do
    mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $d" || true
  done
}
trap cleanup EXIT

export REDIS_URI="redis://127.0.0.1:6379?timeout=2s" COMMUNITY_CACHE_KEY_PREFIX="$prefix" \
  COMMUNITY_JWT_SECRET="bench-secret-bench-secret-bench-secret-1234" COMMUNITY_USER_BCRYPT_COST=10 \
  COMMUNITY_CACHE_CONNECT_TIMEOUT=5s COMMUNITY_CLUSTER_INTERNAL_SECRET="bench-internal-bench-internal-bench-internal-1" \
  DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= MICRONAUT_SERVER_HOST=127.0.0.1
unset COMMUNITY_ETCD_ENDPOINTS OTEL_TRACES_EXPORTER

. bench/proc.sh
# start NAME MODULE MEMORY_LIMIT HEALTH_PORT [VAR=value...]: one JVM; waits for its liveness and
# records the start-up time and, after 3 idle seconds, its resident set size
start() {
  local name=$1 module=$2 limit=$3 health=$4; shift 4
  local jar jsa flags=()
  jar=$(jar_of "$module"); jsa=${jar%.jar}.jsa
  if [ -f "$jsa" ]; then flags+=("-XX:SharedArchiveFile=$jsa"); cds_of[$name]=yes; else cds_of[$name]=no; fi
  local t0 pid ok=""
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  env "$@" java -XX:MaxRAM="$limit" $JVM_CONTAINER "${flags[@]}" -jar "$jar" >"$logs/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid") names+=("$name"); pid_of[$name]=$pid
  for _ in $(seq 6000); do   # at most ~2 min on a busy machine
    if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$health/health/liveness"; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  [ -n "$ok" ] || { echo "$name did not start; log: $logs/$name.log" >&2; tail -20 "$logs/$name.log" >&2; exit 1; }
  startup_of[$name]=$(awk -v s="$t0" -v e="$(date +%s%N)" 'BEGIN {printf "%.2f", (e - s) / 1e9}')
  sleep 3
  rss_of[$name]=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  echo "$name: ready in ${startup_of[$name]} s, idle RSS ${rss_of[$name]} MiB, CDS archive ${cds_of[$name]}" >&2
}
fresh_db() { mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $1; CREATE DATABASE $1 CHARACTER SET utf8mb4"; }
ready() { # url
  for _ in $(seq 360); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "$1 did not become ready" >&2; exit 1
}

json() { curl -fsS -H 'Content-Type: application/json' "$@"; }
user() { # base mail_log email -> "id token"
  local base=$1 mail_log=$2 email=$3 code id token
  # retried: on a busy machine the first requests may find the cache still connecting (503)
  json --retry 10 --retry-delay 1 -X POST "$base/api/v1/auth/email" -d "{\"email\":\"$email\"}" >/dev/null
  code=$(grep -oE "code is [0-9]{6}" "$mail_log" | tail -1 | cut -d' ' -f3)
  id=$(json -X POST "$base/api/v1/auth/register" -d "{\"email\":\"$email\",\"emailCode\":\"$code\",\"password\":\"bench-password\"}" | grep -oE '"id":[0-9]+' | cut -d: -f2)
  token=$(json -X POST "$base/api/v1/auth/login" -d "{\"email\":\"$email\",\"password\":\"bench-password\"}" | grep -oE '"token":"[^"]+"' | cut -d'"' -f4)
  echo "$id $token"
}
# The data every scenario reads: an author with $POSTS posts, a reader who follows the author.
# Hook: once the monolith jar has a seeder (`java -jar community-single.jar seed ...`), seed the
# monolith's database with it here instead of the API calls below; the cluster's three databases
# are then filled through the gateway the same way, or by the seeder pointed at each context's database.
seed() { # base mail_log
  local base=$1 mail_log=$2
  read -r A_ID A_TOKEN < <(user "$base" "$mail_log" author@bench.local)
  read -r B_ID B_TOKEN < <(user "$base" "$mail_log" reader@bench.local)
  # retried on 5xx too: on a saturated machine a call through the gateway can pass its deadline (504)
  json --retry 5 --retry-delay 1 -X POST "$base/api/v1/relation/follow" -H "Authorization: Bearer $B_TOKEN" -d "{\"followedUid\":$A_ID}" >/dev/null
  for i in $(seq "$POSTS"); do
    json --retry 5 --retry-delay 1 -X POST "$base/api/v1/post" -H "Authorization: Bearer $A_TOKEN" -d "{\"title\":\"post $i\",\"text\":\"benchmark text $i\"}" >/dev/null
  done
  POST_ID=$(json -X POST "$base/api/v1/post/latest/list" -H "Authorization: Bearer $B_TOKEN" -d '{"page":0,"limit":1}' | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)
}

# remote calls so far: every gRPC call a client made (Micrometer's grpc.client.processing.duration
# timer, one count per call, as Prometheus text on the management ports)
grpc_calls() { # management ports...
  local total=0 n port
  for port in "$@"; do
    n=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^grpc_client_processing_duration_seconds_count/ {s += $NF} END {printf "%d", s}')
    total=$((total + n))
  done
  echo "$total"
}
deployment_ticks() { sum_ticks "${pids[@]}"; }

lua=$(mktemp --suffix .lua)
# measure KEY METHOD URL BODY: one wrk run; prints "requests rps p50 p99 max errors cpu_s_per_1k calls_gw calls_all"
measure() {
  local key=$1 method=$2 url=$3 body=$4
  cat >"$lua" <<LUA
wrk.method = "$method"
wrk.headers["Authorization"] = "Bearer $B_TOKEN"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$body'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.0f %.1f %.1f %.1f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors))
end
LUA
  local t0 t1 g0 g1 a0 a1 line
  t0=$(deployment_ticks); g0=$(grpc_calls $GW_MGMT); a0=$(grpc_calls $ALL_MGMT)
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$lua" "$url" | grep '^RESULT')
  t1=$(deployment_ticks); g1=$(grpc_calls $GW_MGMT); a1=$(grpc_calls $ALL_MGMT)
  awk -v l="$line" -v dt=$((t1 - t0)) -v hz="$HZ" -v dg=$((g1 - g0)) -v da=$((a1 - a0)) 'BEGIN {
    split(l, f, " "); n = f[2] > 0 ? f[2] : 1
    printf "%s %s %s %s %s %s %.2f %.2f %.2f\n", f[2], f[3], f[4], f[5], f[6], f[7], dt / hz / n * 1000, dg / n, da / n }' \
    >"$logs/$DEPLOYMENT.$key"
}

# key | label | method | path | body
scenarios=(
  "bare|GET /health/liveness (bare endpoint, same process)|GET|/health/liveness|"
  "profile|GET /user/{id} (token check + cached user)|GET|/api/v1/user/@A_ID@|"
  "latest|POST /post/latest/list (20 posts + authors)|POST|/api/v1/post/latest/list|{\"page\":0,\"limit\":20}"
  "hot|POST /post/hot/list (20 posts + authors)|POST|/api/v1/post/hot/list|{\"page\":0,\"limit\":20}"
  "feed|POST /feed/list (20 posts + authors)|POST|/api/v1/feed/list|{\"page\":0,\"limit\":20}"
  "count|GET /relation/count (cached)|GET|/api/v1/relation/count?userId=@A_ID@|"
  "view|POST /post/view (atomic counter + hot score)|POST|/api/v1/post/view|{\"id\":@POST_ID@}"
  "like|POST /like (idempotent, same row)|POST|/api/v1/like|{\"objType\":1,\"objId\":@POST_ID@}"
)
run_scenarios() { # base
  local base=$1 entry key label method path body
  # warm up the JIT and the caches before measuring
  wrk -t2 -c8 -d"$WARMUP" -H "Authorization: Bearer $B_TOKEN" "$base/api/v1/user/$A_ID" >/dev/null
  wrk -t2 -c8 -d"$WARMUP" -s <(printf 'wrk.method="POST"\nwrk.headers["Authorization"]="Bearer %s"\nwrk.headers["Content-Type"]="application/json"\nwrk.body=%s\n' "$B_TOKEN" "'{\"page\":0,\"limit\":20}'") "$base/api/v1/feed/list" >/dev/null
  for entry in "${scenarios[@]}"; do
    IFS='|' read -r key label method path body <<<"$entry"
    path=${path//@A_ID@/$A_ID}; body=${body//@POST_ID@/$POST_ID}
    echo "  $DEPLOYMENT: $label" >&2
    measure "$key" "$method" "$base$path" "$body"
  done
  local post
  post=$(json "$base/api/v1/post/$POST_ID" -H "Authorization: Bearer $B_TOKEN")
  echo "$(grep -oE '"viewCount":[0-9]+' <<<"$post" | cut -d: -f2) $(grep -oE '"likeCount":[0-9]+' <<<"$post" | cut -d: -f2)" >"$logs/$DEPLOYMENT.counts"
}

# --- the monolith
DEPLOYMENT=monolith
fresh_db ${DB}_mono
start monolith community-single 1g $P DATASOURCES_DEFAULT_URL="jdbc:mariadb://127.0.0.1:3306/${DB}_mono" \
  MICRONAUT_SERVER_PORT=$P ENDPOINTS_ALL_PORT=$((P + 1))
ready "http://127.0.0.1:$P/health/readiness"
GW_MGMT="" ALL_MGMT=""
seed "http://127.0.0.1:$P" "$logs/monolith.log"
run_scenarios "http://127.0.0.1:$P"
stop_all

# --- the cluster: each service on its own database; the gateway finds them at fixed local ports
DEPLOYMENT=cluster
for s in user relation creation; do fresh_db ${DB}_$s; done
svc_env() { # grpc http db
  echo GRPC_SERVER_PORT="$1" GRPC_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT="$2" \
    DATASOURCES_DEFAULT_URL="jdbc:mariadb://127.0.0.1:3306/$3" \
    COMMUNITY_BACKENDS_USER=127.0.0.1:$((P + 12))
}
# shellcheck disable=SC2046
start user community-cluster/user 768m $((P + 13)) $(svc_env $((P + 12)) $((P + 13)) ${DB}_user)
# shellcheck disable=SC2046
start relation community-cluster/relation 768m $((P + 15)) $(svc_env $((P + 14)) $((P + 15)) ${DB}_relation)
# shellcheck disable=SC2046
start creation community-cluster/creation 768m $((P + 17)) $(svc_env $((P + 16)) $((P + 17)) ${DB}_creation)
start gateway community-cluster/gateway 768m $((P + 10)) MICRONAUT_SERVER_PORT=$((P + 10)) ENDPOINTS_ALL_PORT=$((P + 11)) \
  COMMUNITY_BACKENDS_USER=127.0.0.1:$((P + 12)) COMMUNITY_BACKENDS_RELATION=127.0.0.1:$((P + 14)) \
  COMMUNITY_BACKENDS_CREATION=127.0.0.1:$((P + 16))
ready "http://127.0.0.1:$((P + 10))/health/readiness"
GW_MGMT=$((P + 11)) ALL_MGMT="$((P + 11)) $((P + 13)) $((P + 15)) $((P + 17))"
seed "http://127.0.0.1:$((P + 10))" "$logs/user.log"
run_scenarios "http://127.0.0.1:$((P + 10))"
stop_all

# --- the report
field() { awk -v i="$3" '{print $i}' "$logs/$1.$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — monolith vs cluster, commit $(git rev-parse --short HEAD)$([ -n "$(git status --porcelain --untracked-files=no)" ] && echo ' (dirty)')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average before the run $LOAD_BEFORE;"
  echo "MariaDB + Redis on the same machine; wrk -t$THREADS -c$CONNECTIONS -d$DURATION per scenario (warm-up $WARMUP); JVMs with the image's"
  echo "heap settings and -XX:MaxRAM of the manifests' memory limit (monolith 1g, cluster 768m each)${BENCH_JAVA_OPTS:+, extra JVM flags: $BENCH_JAVA_OPTS}. Remote calls: the"
  echo "gRPC client counters (grpc_client_processing_duration_seconds_count) of the gateway, and of all processes."
  echo
  echo "| scenario | monolith req/s | p50 / p99 ms | cluster req/s | p50 / p99 ms | cluster ÷ monolith | CPU s / 1k req monolith | cluster | CPU ratio | remote calls / req gateway (all) | errors m / c |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for entry in "${scenarios[@]}"; do
    IFS='|' read -r key label _ <<<"$entry"
    m=($(cat "$logs/monolith.$key")) c=($(cat "$logs/cluster.$key"))
    echo "| $label | ${m[1]} | ${m[2]} / ${m[3]} | ${c[1]} | ${c[2]} / ${c[3]} | $(ratio "${c[1]}" "${m[1]}") | ${m[6]} | ${c[6]} | $(ratio "${c[6]}" "${m[6]}") | ${c[7]} (${c[8]}) | ${m[5]} / ${c[5]} |"
  done
  echo
  echo "Same-run ceiling: the monolith's cached profile read is $(ratio "$(field monolith profile 2)" "$(field monolith bare 2)")× its bare liveness endpoint; the cluster's $(ratio "$(field cluster profile 2)" "$(field cluster bare 2)")× the gateway's."
  read -r mv ml <"$logs/monolith.counts"; read -r cv cl <"$logs/cluster.counts"
  echo "Integrity: viewCount after the runs monolith $mv for $(field monolith view 1) acknowledged views, cluster $cv for $(field cluster view 1) (each + at most $CONNECTIONS in flight); likeCount $ml / $cl (idempotent: 1)."
  echo
  echo "| runnable | start-up s (launch → first 200 on /health/liveness, MariaDB + Redis) | idle RSS MiB | CDS archive |"
  echo "|---|---|---|---|"
  for n in monolith user relation creation gateway; do
    echo "| $n | ${startup_of[$n]} | ${rss_of[$n]} | ${cds_of[$n]} |"
  done
  echo
} | tee -a bench/RESULTS.md

# The overload benchmark (twice the peak, open loop) against both deployments, appended after this
# report; its own processes and ports (bench/overload.sh), started once these are stopped.
if [ "${BENCH_OVERLOAD:-1}" != 0 ]; then
  cleanup
  trap - EXIT
  for target in monolith cluster; do bench/overload.sh "$target"; done
fi
