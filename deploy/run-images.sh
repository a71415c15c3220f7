#!/usr/bin/env bash
# Runs the images on the host's network against MariaDB, Redis, etcd and SMTP that already run
# (where the compose files' own infrastructure images cannot be pulled, as on CI's machines).
#   deploy/run-images.sh up monolith|cluster   start, then wait until ready (up to 180 s)
#   deploy/run-images.sh down [monolith|cluster]
#   deploy/run-images.sh logs NAME              (NAME: monolith, gateway, user, relation, creation)
# Settings (environment):
#   IMAGE_PREFIX (community), IMAGE_TAG (the project version), RUN_NAME (community-run: container name prefix)
#   PORT_BASE (41000): monolith HTTP +80 (management +81), gateway +180/+181,
#                      user gRPC +282 (HTTP +283), relation +382/+383, creation +482/+483
#   MONOLITH_DB_URL, USER_DB_URL, RELATION_DB_URL, CREATION_DB_URL, DB_USERNAME, DB_PASSWORD,
#   REDIS_URI, COMMUNITY_CACHE_KEY_PREFIX, COMMUNITY_JWT_SECRET (required), COMMUNITY_CLUSTER_INTERNAL_SECRET
#   (cluster: gateway and services share it), COMMUNITY_ETCD_ENDPOINTS
#   (cluster; without it the gateway gets static addresses), COMMUNITY_ETCD_KEY_PREFIX,
#   COMMUNITY_MAIL_SINK, COMMUNITY_MAIL_SMTP_HOST, COMMUNITY_MAIL_SMTP_PORT, COMMUNITY_USER_ADMIN_EMAILS
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/containers.conf}
prefix=${IMAGE_PREFIX:-community}
tag=${IMAGE_TAG:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)}
name=${RUN_NAME:-community-run}
base=${PORT_BASE:-41000}

port() { # name -> http-port grpc-port
  case $1 in
    monolith) echo $((base + 80)) "" ;;
    gateway) echo $((base + 180)) "" ;;
    user) echo $((base + 283)) $((base + 282)) ;;
    relation) echo $((base + 383)) $((base + 382)) ;;
    creation) echo $((base + 483)) $((base + 482)) ;;
  esac
}

start() { # name, extra env...
  local n=$1; shift
  local http grpc; read -r http grpc <<<"$(port "$n")"
  local env=(-e "MICRONAUT_SERVER_PORT=$http" -e "HEALTH_PORT=$http" -e "MICRONAUT_SERVER_HOST=127.0.0.1"
             -e "COMMUNITY_JWT_SECRET=${COMMUNITY_JWT_SECRET:?COMMUNITY_JWT_SECRET is required}")
  if [ -n "$grpc" ]; then env+=(-e "GRPC_SERVER_PORT=$grpc" -e "GRPC_SERVER_HOST=127.0.0.1")
  else env+=(-e "ENDPOINTS_ALL_PORT=$((http + 1))"); fi   # monolith, gateway: the management port
  local v
  for v in REDIS_URI COMMUNITY_CACHE_KEY_PREFIX COMMUNITY_ETCD_ENDPOINTS COMMUNITY_ETCD_KEY_PREFIX COMMUNITY_CLUSTER_INTERNAL_SECRET JAVA_OPTS; do
    [ -n "${!v:-}" ] && env+=(-e "$v=${!v}")
  done
  podman rm -f "$name-$n" >/dev/null 2>&1 || true
  # the settings of deploy/k8s: read-only root, writable /tmp, no capabilities, a memory limit
  # without systemd podman cannot time the HEALTHCHECK (it says so on every run; filtered):
  # "podman healthcheck run NAME" checks it on demand
  # restarted on a failed start (e.g. Redis too slow to answer), as compose and Kubernetes would
  podman run -d --name "$name-$n" --network host --restart on-failure:3 --read-only --tmpfs /tmp --cap-drop ALL \
    --security-opt no-new-privileges --memory 768m "${env[@]}" "$@" "$prefix/$n:$tag" \
    2> >(grep -v 'systemd connection' >&2) >/dev/null
  echo "$name-$n: $prefix/$n:$tag on 127.0.0.1:$http${grpc:+ (gRPC $grpc)}"
}

await() { # name, seconds
  local n=$1 http; read -r http _ <<<"$(port "$n")"
  for _ in $(seq "$2"); do
    curl -fsS "http://127.0.0.1:$http/health/readiness" >/dev/null 2>&1 && { echo "$n ready"; return 0; }
    sleep 1
  done
  echo "$n did not become ready ($(podman inspect -f '{{.State.Status}}, {{.RestartCount}} restarts' "$name-$n" 2>&1)); its log:" >&2
  podman logs --tail 60 "$name-$n" >&2 || true
  return 1
}

db() { # name url
  echo -e "DATASOURCES_DEFAULT_URL=$2" ; echo "DATASOURCES_DEFAULT_USERNAME=${DB_USERNAME:-root}"
  echo "DATASOURCES_DEFAULT_PASSWORD=${DB_PASSWORD:-}"
}
mail() {
  echo "COMMUNITY_MAIL_SINK=${COMMUNITY_MAIL_SINK:-log}"
  [ -n "${COMMUNITY_MAIL_SMTP_HOST:-}" ] && echo "COMMUNITY_MAIL_SMTP_HOST=$COMMUNITY_MAIL_SMTP_HOST"
  [ -n "${COMMUNITY_MAIL_SMTP_PORT:-}" ] && echo "COMMUNITY_MAIL_SMTP_PORT=$COMMUNITY_MAIL_SMTP_PORT"
  [ -n "${COMMUNITY_USER_ADMIN_EMAILS:-}" ] && echo "COMMUNITY_USER_ADMIN_EMAILS=$COMMUNITY_USER_ADMIN_EMAILS"
  true
}

envfile() { # lines on stdin -> a private env file (credentials stay off the command line)
  local f; f=$(mktemp); chmod 600 "$f"; cat > "$f"; echo "$f"
}

up() {
  local files=() f
  case $1 in
    monolith)
      f=$( { db monolith "${MONOLITH_DB_URL:?}"; mail; } | envfile); files+=("$f")
      start monolith --env-file "$f"
      await monolith 180 ;;
    cluster)
      local wiring=()
      if [ -z "${COMMUNITY_ETCD_ENDPOINTS:-}" ]; then
        for s in user relation creation; do
          wiring+=(-e "COMMUNITY_BACKENDS_$(tr a-z A-Z <<<"$s")=127.0.0.1:$(port "$s" | cut -d' ' -f2)")
        done
      fi
      f=$( { db user "${USER_DB_URL:?}"; mail; } | envfile); files+=("$f")
      start user --env-file "$f" "${wiring[@]}"
      f=$(db relation "${RELATION_DB_URL:?}" | envfile); files+=("$f")
      start relation --env-file "$f" "${wiring[@]}"
      f=$(db creation "${CREATION_DB_URL:?}" | envfile); files+=("$f")
      start creation --env-file "$f" "${wiring[@]}"
      await user 180
      await relation 180
      await creation 180
      start gateway "${wiring[@]}"
      await gateway 120 ;;
    *) usage >&2; exit 2 ;;
  esac
  rm -f "${files[@]}"
}

down() {
  local which=${1:-all} n
  for n in gateway creation relation user monolith; do
    case $which:$n in all:*|monolith:monolith|cluster:gateway|cluster:user|cluster:relation|cluster:creation)
      podman rm -f -t 20 "$name-$n" >/dev/null 2>&1 || true ;;
    esac
  done
}

case ${1:-} in
  up) [ $# -eq 2 ] || { usage >&2; exit 2; }; up "$2" ;;
  down) down "${2:-all}" ;;
  logs) podman logs "$name-${2:?name}" ;;
  -h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
