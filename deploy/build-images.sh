#!/usr/bin/env bash
# Builds the five images (monolith, gateway, user, relation, creation) from deploy/docker/Dockerfile
# with docker or podman, whichever exists, tagged <prefix>/<name>:<project version> and :<git revision>.
#   deploy/build-images.sh [--base IMAGE] [--prefix PREFIX] [--engine docker|podman] [--skip-maven] [--only a,b]
#     --base        base image with a JRE 17 (default: the Dockerfile's, eclipse-temurin:17-jre)
#     --prefix      image name prefix, e.g. registry.example.com/team/community (default: community)
#     --skip-maven  use the jars already built by ./mvnw package (or verify) instead of building them
#     --only        build only these images
# Prints the built image references, one a line, to stdout's last lines and to target/images.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }

base="" prefix=${IMAGE_PREFIX:-community} engine="" skip_maven="" only=""
while [ $# -gt 0 ]; do
  case $1 in
    --base) base=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --engine) engine=$2; shift 2 ;;
    --skip-maven) skip_maven=1; shift ;;
    --only) only=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if [ -z "$engine" ]; then
  # a docker CLI without a reachable engine (as on CI's machines) does not count
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then engine=docker
  elif command -v podman >/dev/null 2>&1; then engine=podman
  else echo "neither docker (with an engine) nor podman found" >&2; exit 1; fi
fi
if [ "$engine" = podman ]; then
  export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/containers.conf}
  format=(--format docker)   # the OCI format has no HEALTHCHECK
else
  format=()
fi

# name  module-dir  final-name  port  management-port  health-port
images=(
  "monolith community-single community-single 8080 8081 8080"
  "gateway community-cluster/gateway gateway 8080 8081 8080"
  "user community-cluster/user user 18282 18283 18283"
  "relation community-cluster/relation relation 28282 28283 28283"
  "creation community-cluster/creation creation 38282 38283 38283"
)

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
revision=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain 2>/dev/null)" ] && revision="$revision-dirty"
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
source_url=${IMAGE_SOURCE:-$(git remote get-url origin 2>/dev/null || echo unknown)}

if [ -z "$skip_maven" ]; then
  # package also copies each runnable's runtime classpath to target/dependency (parent pom), group id
  # first: io.community.* are the project's own jars; emptied first so no stale jar slips in
  for entry in "${images[@]}"; do read -r _ dir _ <<<"$entry"; rm -rf "$dir/target/dependency"; done
  ./mvnw -B -q -DskipTests package
fi

mkdir -p target
: > target/images.txt
for entry in "${images[@]}"; do
  read -r name dir final port mport hport <<<"$entry"
  if [ -n "$only" ] && [[ ",$only," != *",$name,"* ]]; then continue; fi
  main=$(sed -n 's:.*<exec.mainClass>\(.*\)</exec.mainClass>.*:\1:p' "$dir/pom.xml")
  thin="$dir/target/original-$final.jar"
  [ -f "$thin" ] && [ -d "$dir/target/dependency" ] || {
    echo "$thin or $dir/target/dependency missing: run without --skip-maven" >&2; exit 1; }
  ctx="target/image-context/$name"
  rm -rf "$ctx"; mkdir -p "$ctx/lib" "$ctx/app"
  cp deploy/docker/probe "$ctx/probe"
  cp community-runnable/cds-archive.sh "$ctx/cds-archive.sh"
  cp "$thin" "$ctx/app/$final.jar"
  for jar in "$dir"/target/dependency/*.jar; do
    case $(basename "$jar") in io.community.*) cp "$jar" "$ctx/app/" ;; *) cp "$jar" "$ctx/lib/" ;; esac
  done
  # stable timestamps: an unchanged jar gives an unchanged layer
  find "$ctx" -exec touch -d @0 {} +
  args=(--build-arg "APP_NAME=community-$name" --build-arg "MAIN_CLASS=$main"
        --build-arg "PORT=$port" --build-arg "MANAGEMENT_PORT=$mport" --build-arg "HEALTH_PORT=$hport"
        --build-arg "VERSION=$version" --build-arg "REVISION=$revision" --build-arg "CREATED=$created"
        --build-arg "SOURCE=$source_url")
  [ -n "$base" ] && args+=(--build-arg "BASE_IMAGE=$base")
  image="$prefix/$name"
  "$engine" build "${format[@]}" -q -f deploy/docker/Dockerfile "${args[@]}" \
    -t "$image:$version" -t "$image:$revision" "$ctx" >/dev/null
  echo "$image:$version $image:$revision" | tee -a target/images.txt
done
