#!/usr/bin/env bash
# Builds a JRE 17 base image from Debian's packages, for machines that cannot pull
# eclipse-temurin:17-jre (no registry reachable, like CI's). Needs root, debootstrap and podman.
#   deploy/build-local-base.sh [--tag localhost/community/jre17]
# The suite is plain bookworm (no security updates): a base for tests here, not for production.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=localhost/community/jre17
usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --tag) tag=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/containers.conf}
if podman image exists "$tag"; then echo "$tag exists"; exit 0; fi

# the machine's own Debian mirror (the only package source reachable)
mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -E '^(URIs:|deb )' | grep -oE 'https?://[^ ]+' | grep -v security | head -1 || true)
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates-java \
  bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" > "$rootfs.log" 2>&1 \
  || { tail -20 "$rootfs.log" >&2; exit 1; }
rm -rf "$rootfs"/usr/share/{doc,man,locale}/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | podman import --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' - "$tag"
rm -f "$rootfs.log"
echo "built $tag"
