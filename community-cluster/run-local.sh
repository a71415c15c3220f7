#!/usr/bin/env bash
# Starts the whole cluster on this machine with no external service: the three gRPC services on
# their embedded defaults (each its own H2 file database under ./data, in-process cache, mails to
# the user service's log) and the gateway on :8080 (metrics on :8081). Everything listens on
# 127.0.0.1 only. Ctrl-C stops all four.
#   ./mvnw -q -DskipTests package && community-cluster/run-local.sh
# Logs: ./data/cluster-logs/<service>.log (the registration code of POST /api/v1/auth/email is in user.log).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
logs=${COMMUNITY_CLUSTER_LOGS:-./data/cluster-logs}
mkdir -p "$logs"

for m in user relation creation gateway; do
  [ -f "$root/community-cluster/$m/target/$m.jar" ] || {
    echo "community-cluster/$m/target/$m.jar is missing: run ./mvnw -q -DskipTests package first" >&2; exit 1; }
done

# The services verify each token locally, so they must share one secret; one random secret per run
# unless the caller provides one (then sessions outlive a restart only if Redis and real DBs are used too).
if [ -z "${COMMUNITY_JWT_SECRET:-}" ]; then
  COMMUNITY_JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
  echo "COMMUNITY_JWT_SECRET not set: using a random secret for this run"
fi
export COMMUNITY_JWT_SECRET
# Likewise the internal credential the gateway and the services present to the user service's
# cluster-only RPCs (Authenticate, Summaries).
if [ -z "${COMMUNITY_CLUSTER_INTERNAL_SECRET:-}" ]; then
  COMMUNITY_CLUSTER_INTERNAL_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
  echo "COMMUNITY_CLUSTER_INTERNAL_SECRET not set: using a random secret for this run"
fi
export COMMUNITY_CLUSTER_INTERNAL_SECRET

pids=()
stop() {
  # the gateway first, so no request reaches a service that is going away
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

start() { # module grpc-port http-port
  local m=$1 grpc=$2 http=$3
  local vars=(MICRONAUT_SERVER_PORT="$http" MICRONAUT_SERVER_HOST=127.0.0.1)
  [ -n "$grpc" ] && vars+=(GRPC_SERVER_PORT="$grpc" GRPC_SERVER_HOST=127.0.0.1)
  env "${vars[@]}" java -jar "$root/community-cluster/$m/target/$m.jar" >"$logs/$m.log" 2>&1 &
  pids+=($!)
}

await() { # name url
  for _ in $(seq 90); do
    curl -fsS "$2" >/dev/null 2>&1 && { echo "$1 ready"; return 0; }
    sleep 1
  done
  echo "$1 did not become ready; see $logs" >&2
  return 1
}

start user 18282 18283
start relation 28282 28283
start creation 38282 38283
await user http://127.0.0.1:18283/health/readiness
await relation http://127.0.0.1:28283/health/readiness
await creation http://127.0.0.1:38283/health/readiness
start gateway "" 8080
await gateway http://127.0.0.1:8080/health/readiness

echo "Gateway: http://127.0.0.1:8080/apis/swagger/index.html  (Ctrl-C stops the cluster)"
wait
