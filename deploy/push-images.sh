#!/usr/bin/env bash
# Pushes the images that deploy/build-images.sh built (target/images.txt) to a registry.
#   deploy/push-images.sh --registry REGISTRY/PATH [--dry-run]
# Each local image <prefix>/<name>:<tag> becomes REGISTRY/PATH/<name>:<tag> (every tag). With
# REGISTRY_USER and REGISTRY_PASSWORD set (Jenkins credentials) it logs in first, password on stdin.
# --dry-run prints the commands instead of running them.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; }
registry="" dry=""
while [ $# -gt 0 ]; do
  case $1 in
    --registry) registry=${2%/}; shift 2 ;;
    --dry-run) dry=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$registry" ] || { echo "--registry is required" >&2; usage >&2; exit 2; }
[ -s target/images.txt ] || { echo "target/images.txt is missing: run deploy/build-images.sh first" >&2; exit 1; }
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then engine=docker
else engine=podman; export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/containers.conf}; fi
run() { if [ -n "$dry" ]; then echo "+ $*"; else "$@"; fi; }
if [ -n "${REGISTRY_USER:-}" ]; then
  if [ -n "$dry" ]; then echo "+ $engine login --username $REGISTRY_USER --password-stdin ${registry%%/*}"
  else printf '%s' "${REGISTRY_PASSWORD:?REGISTRY_PASSWORD is required with REGISTRY_USER}" \
    | "$engine" login --username "$REGISTRY_USER" --password-stdin "${registry%%/*}"; fi
fi
for ref in $(cat target/images.txt); do
  target="$registry/${ref#*/}"      # community/gateway:1.2.3 -> REGISTRY/PATH/gateway:1.2.3
  run "$engine" tag "$ref" "$target"
  run "$engine" push "$target"
done
