#!/usr/bin/env bash
# Builds, parses and runs every deployment asset on this machine; .ci/run calls it after the Maven
# build (the jars must exist: ./mvnw package or verify). Needs root on Debian (installs its tools).
#   1. tools: podman (runc), debootstrap, docker-compose and podman-compose, kubectl, Node packages
#   2. Dockerfile lint; a local JRE 17 base (debootstrap); the five images; a layer check
#   3. compose files validated by docker-compose and podman-compose
#   4. Kubernetes: both overlays rendered and schema-checked (a misspelled field must fail)
#   5. the images run (host network; private MariaDB, Redis and etcd on ports 41xxx): probes of the
#      manifests answer, env names of the manifests are read by the application, the conformance
#      journey (CommunityJourneyIT) passes through the gateway and through the monolith, readiness
#      fails while the database is unreachable and liveness does not
#   6. Jenkinsfile compiled; each script it calls answers --help (--dry-run where it would push/deploy)
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; "") ;; *) echo "usage: $0 [--help]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
root=$PWD
export CONTAINERS_CONF=$root/deploy/containers.conf
export COMMUNITY_TEST_DB_PREFIX=${COMMUNITY_TEST_DB_PREFIX:-deploy_}
export NODE_PATH=$root/deploy/tools/node_modules   # for the short node -e checks below
PORT_BASE=${PORT_BASE:-41000}
work=$(mktemp -d /tmp/community-deploy-check.XXXXXX)
started=$(date +%s)
step() { printf '\n=== deploy: %s (%ss)\n' "$*" $(( $(date +%s) - started )); }
fail() { echo "deploy check FAILED: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); echo "ok - $*"; }
pids=()
cleanup() {
  set +e
  RUN_NAME=community-ci deploy/run-images.sh down >/dev/null 2>&1
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; kill -CONT "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "tools"
need=()
for c in podman:podman buildah:buildah runc:runc debootstrap:debootstrap newuidmap:uidmap slirp4netns:slirp4netns \
    fuse-overlayfs:fuse-overlayfs skopeo:skopeo podman-compose:podman-compose docker-compose:docker-compose \
    unzip:unzip node:nodejs npm:npm mariadb-install-db:mariadb-server redis-server:redis-server etcd:etcd-server; do
  command -v "${c%%:*}" >/dev/null 2>&1 || need+=("${c#*:}")
done
# Debian's kubectl (1.20, kustomize 2.0) only where none exists: the kustomizations are written for it too
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
(cd deploy/tools && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
groovy_jar=$root/target/deploy-tools/groovy-4.0.33.jar
[ -f "$groovy_jar" ] || ./mvnw -B -q -N dependency:copy -Dartifact=org.apache.groovy:groovy:4.0.33 \
  -DoutputDirectory="$root/target/deploy-tools" >/dev/null
podman --version; kubectl version --client 2>/dev/null | head -1 || true

step "Dockerfile lint"
node deploy/tools/node_modules/dockerfile-utils/bin/dockerfile-utils lint deploy/docker/Dockerfile \
  | tee "$work/lint.txt"
[ ! -s "$work/lint.txt" ] || fail "dockerfile-utils found problems"
bash -n deploy/docker/probe
ok "Dockerfile lints clean"

step "images"
deploy/build-local-base.sh
deploy/build-images.sh --skip-maven --base localhost/community/jre17
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
for n in monolith gateway user relation creation; do
  img=community/$n:$version
  podman image exists "$img" || fail "$img was not built"
  user=$(podman image inspect -f '{{.Config.User}}' "$img")
  [ "${user%%:*}" != 0 ] && [ -n "$user" ] && [ "$user" != root ] || fail "$img runs as root"
  hc=$(podman image inspect -f '{{json .Config.Healthcheck}}' "$img")
  grep -q 'probe' <<<"$hc" || fail "$img has no HEALTHCHECK: $hc"
  for l in version revision created source; do
    v=$(podman image inspect -f "{{index .Config.Labels \"org.opencontainers.image.$l\"}}" "$img")
    [ -n "$v" ] || fail "$img: no label org.opencontainers.image.$l"
    [ "$l" = source ] || [ "$v" != unknown ] || fail "$img: label org.opencontainers.image.$l is unknown"
  done
  revision=$(podman image inspect -f '{{index .Config.Labels "org.opencontainers.image.revision"}}' "$img")
  podman image exists "community/$n:$revision" || fail "$img is not tagged with the revision $revision"
done
ok "five images: non-root, HEALTHCHECK, OCI labels, tagged $version and $revision"

# A code change must rebuild only the application layer and the CDS archive made for it (the last
# two layers); the base, scripts and dependency layers must be reused. Add a file to the monolith's
# own jar, rebuild, and compare the layers with the first build, position by position. A rebuild that
# changes nothing would mean a stale cache shipped the old jar.
thin=community-single/target/original-community-single.jar
cp "$thin" "$work/thin.jar"
cp target/images.txt "$work/images.txt"   # the list of the real images, for push-images below
(cd "$work" && echo changed > layer-check.txt && jar uf "$root/$thin" layer-check.txt)
deploy/build-images.sh --skip-maven --base localhost/community/jre17 --only monolith --prefix localhost/layer-check >/dev/null
cp "$work/thin.jar" "$thin"
cp "$work/images.txt" target/images.txt
before=$(podman image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' "community/monolith:$version" | grep .)
after=$(podman image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' "localhost/layer-check/monolith:$version" | grep .)
podman rmi -f "localhost/layer-check/monolith:$version" "localhost/layer-check/monolith:$revision" >/dev/null
total=$(wc -l <<<"$before")
[ "$(wc -l <<<"$after")" = "$total" ] || fail "the rebuilt image has a different number of layers"
changed=$(paste -d' ' <(echo "$before") <(echo "$after") | awk '$1 != $2 {printf "%d ", NR}')
[ "$changed" = "$((total - 1)) $total " ] \
  || fail "a change of the application jar changed layers ${changed:-none} of $total (expected $((total - 1)) and $total: the app jars and their CDS archive)"
size_mb=$(podman image inspect -f '{{.Size}}' "community/monolith:$version" | awk '{printf "%d", $1 / 1048576}')
ok "a code change rebuilds the app and CDS layers only ($total layers; the dependency layer is reused; image $size_mb MiB)"

step "compose files"
cat > "$work/compose.env" <<'EOV'
COMMUNITY_JWT_SECRET=compose-check-secret-compose-check-secret
COMMUNITY_CLUSTER_INTERNAL_SECRET=compose-check-internal-compose-check-internal
MONOLITH_DB_PASSWORD=x
USER_DB_PASSWORD=x
RELATION_DB_PASSWORD=x
CREATION_DB_PASSWORD=x
EOV
for f in monolith cluster; do
  (set -a; . "$work/compose.env"; set +a; docker-compose -f "deploy/compose/$f.yml" config -q) \
    || fail "docker-compose rejects deploy/compose/$f.yml"
  # podman-compose (1.0.x has no "config"): a dry run prints the podman commands it would run; it
  # still creates the project's volumes and network, which are removed right after
  project=community-compose-check
  (set -a; . "$work/compose.env"; set +a; podman-compose --dry-run -p "$project" -f "deploy/compose/$f.yml" up -d) \
    > "$work/$f.compose" 2>&1 || { cat "$work/$f.compose"; fail "podman-compose cannot run deploy/compose/$f.yml"; }
  podman volume ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman volume rm >/dev/null
  podman network ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman network rm >/dev/null
  services=$(node -e '
    const { parse } = require("yaml");
    console.log(Object.keys(parse(require("fs").readFileSync(process.argv[1], "utf8")).services).length)' "deploy/compose/$f.yml")
  [ "$(grep -c '^podman run ' "$work/$f.compose")" = "$services" ] \
    || fail "podman-compose would not start all $services services of deploy/compose/$f.yml"
  # our services' images are the ones just built, and each waits for readiness with the image's probe
  for img in $(grep '^podman run ' "$work/$f.compose" | grep -oE ' community/[a-z]+:[^ ]+' ); do
    podman image exists "$img" || fail "deploy/compose/$f.yml runs $img, which the build does not make"
  done
  [ "$(grep -c "healthcheck-command /bin/sh -c '/app/bin/probe readiness" "$work/$f.compose")" -ge 1 ] \
    || fail "deploy/compose/$f.yml: no readiness healthcheck for the project's services"
  # without the secrets the files refuse to start
  if (set -a; . "$work/compose.env"; set +a; unset COMMUNITY_JWT_SECRET
      docker-compose -f "deploy/compose/$f.yml" config -q) 2>/dev/null; then
    fail "deploy/compose/$f.yml starts without its secrets"
  fi
done
ok "compose files valid for docker-compose and podman-compose, images exist, secrets required"

step "Kubernetes manifests"
for o in monolith cluster; do
  kubectl kustomize "deploy/k8s/overlays/$o" > "$work/$o.yaml" 2>"$work/kustomize.err" \
    || { cat "$work/kustomize.err"; fail "kustomize cannot render overlay $o"; }
done
node deploy/tools/validate-k8s.mjs "$work/monolith.yaml" --facts "$work/monolith.facts.json"
node deploy/tools/validate-k8s.mjs "$work/cluster.yaml" --facts "$work/cluster.facts.json"
node deploy/tools/validate-k8s.mjs deploy/k8s/secrets/community-secrets.example.yaml
sed '0,/readinessProbe:/s//readinesProbe:/' "$work/cluster.yaml" > "$work/misspelled.yaml"
if node deploy/tools/validate-k8s.mjs "$work/misspelled.yaml" > "$work/misspelled.out" 2>&1; then
  fail "a misspelled field (readinesProbe) passed the schema check"
fi
grep -q readinesProbe "$work/misspelled.out" || fail "the misspelled field is not named: $(cat "$work/misspelled.out")"
sed '0,/replicas: 2/s//replicas: two/' "$work/monolith.yaml" > "$work/mistyped.yaml"
if node deploy/tools/validate-k8s.mjs "$work/mistyped.yaml" >/dev/null 2>&1; then
  fail "a mistyped value (replicas: two) passed the schema check"
fi
ok "both overlays pass the offline schema check; a misspelled field and a mistyped value fail it"
for o in monolith cluster; do
  # the liveness and readiness probes differ for every container, and each container has a startup probe
  node -e '
    const f = require(process.argv[1]);
    for (const c of f) {
      const p = c.probes;
      if (!p.startup || !p.liveness || !p.readiness) throw new Error(`${c.workload}: a probe is missing`);
      // Zipkin has one health endpoint; our processes separate the process from its dependencies
      if (c.image.startsWith("community/") && p.liveness.path === p.readiness.path) throw new Error(`${c.workload}: liveness and readiness are the same`);
    }' "$work/$o.facts.json"
done
ok "every container has startup, liveness and readiness probes; the project's liveness and readiness differ"

step "the images running (host network, private MariaDB, Redis, etcd)"
mysql_port=$((PORT_BASE + 306)) redis_port=$((PORT_BASE + 379)) etcd_port=$((PORT_BASE + 237)) smtp_port=$((PORT_BASE + 25))
mkdir -p "$work/db"
mariadb-install-db --no-defaults --user=root --datadir="$work/db" --auth-root-authentication-method=normal \
  > "$work/mariadb-install.log" 2>&1 || { cat "$work/mariadb-install.log"; fail "mariadb-install-db"; }
start_db() {
  mariadbd --no-defaults --user=root --datadir="$work/db" --port=$mysql_port --socket="$work/db/sock" \
    --bind-address=127.0.0.1 >> "$work/mariadb.log" 2>&1 &
  db_pid=$!; pids+=("$db_pid")
  for _ in $(seq 60); do mariadb -h127.0.0.1 -P$mysql_port -uroot -e 'SELECT 1' >/dev/null 2>&1 && return 0; sleep 1; done
  fail "the private MariaDB did not start: $(tail -5 "$work/mariadb.log")"
}
start_db
redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no > "$work/redis.log" 2>&1 &
pids+=($!)
etcd --name ci --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
  --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
  --initial-cluster "ci=http://127.0.0.1:$((etcd_port + 1))" > "$work/etcd.log" 2>&1 &
pids+=($!)
for db in community community_user community_relation community_creation; do
  mariadb -h127.0.0.1 -P$mysql_port -uroot -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
done
export RUN_NAME=community-ci PORT_BASE IMAGE_TAG=$version
export DB_USERNAME=root DB_PASSWORD= REDIS_URI="redis://127.0.0.1:$redis_port?timeout=5s"
export COMMUNITY_JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export COMMUNITY_CLUSTER_INTERNAL_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export COMMUNITY_MAIL_SINK=smtp COMMUNITY_MAIL_SMTP_HOST=127.0.0.1 COMMUNITY_MAIL_SMTP_PORT=$smtp_port
export COMMUNITY_USER_ADMIN_EMAILS=admin@example.com
export MONOLITH_DB_URL="jdbc:mariadb://127.0.0.1:$mysql_port/community"
export USER_DB_URL="jdbc:mariadb://127.0.0.1:$mysql_port/community_user"
export RELATION_DB_URL="jdbc:mariadb://127.0.0.1:$mysql_port/community_relation"
export CREATION_DB_URL="jdbc:mariadb://127.0.0.1:$mysql_port/community_creation"
COMMUNITY_CACHE_KEY_PREFIX=monolith: deploy/run-images.sh up monolith
COMMUNITY_CACHE_KEY_PREFIX=cluster: COMMUNITY_ETCD_ENDPOINTS="http://127.0.0.1:$etcd_port" \
  COMMUNITY_ETCD_KEY_PREFIX=/community/services/ deploy/run-images.sh up cluster
keys=$(ETCDCTL_API=3 etcdctl --endpoints="http://127.0.0.1:$etcd_port" get --prefix --keys-only /community/services/ | grep -c . || true)
[ "$keys" = 3 ] || fail "expected 3 service instances in etcd, found $keys"
ok "monolith and cluster (gateway + 3 services found through etcd) ready from their images"

# the manifests' probes, on the same ports as in Kubernetes shifted to this run's (run-images.sh)
local_port() { # image container-port
  case $1:$2 in
    monolith:8080) echo $((PORT_BASE + 80)) ;; gateway:8080) echo $((PORT_BASE + 180)) ;;
    user:18283) echo $((PORT_BASE + 283)) ;; relation:28283) echo $((PORT_BASE + 383)) ;;
    creation:38283) echo $((PORT_BASE + 483)) ;; *) echo "" ;;
  esac
}
for o in monolith cluster; do
  while read -r image kind port path; do
    name=${image#community/}; name=${name%%:*}
    lp=$(local_port "$name" "$port")
    [ -n "$lp" ] || fail "$o: the $kind probe of $image uses port $port, which the image does not serve HTTP on"
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$lp$path")
    [ "$status" = 200 ] || fail "$o: the $kind probe of $image ($path on $port) answers $status"
  done < <(node -e '
    for (const c of require(process.argv[1])) if (c.image.startsWith("community/"))
      for (const [k, p] of Object.entries(c.probes)) console.log(c.image, k, p.port, p.path)' "$work/$o.facts.json")
done
ok "every probe path and port of both overlays answers 200 on the running images"

# every env name the manifests and compose files give our images is a property the application
# reads: in the configuration metadata of its jars or in its application.yml
node deploy/tools/check-env.mjs target/image-context "$work/monolith.facts.json" "$work/cluster.facts.json" \
  deploy/compose/monolith.yml deploy/compose/cluster.yml
# and a name the application does not read fails that check
sed 's/"COMMUNITY_JWT_SECRET"/"COMMUNITY_JWT_SECRT"/' "$work/monolith.facts.json" > "$work/bad.facts.json"
if node deploy/tools/check-env.mjs target/image-context "$work/bad.facts.json" >/dev/null 2>&1; then
  fail "a misspelled env name (COMMUNITY_JWT_SECRT) passed the env check"
fi
ok "every env name of the manifests and compose files is read by the application; a misspelled one fails"

step "smoke test and the conformance journey through the containers"
# (the SMTP server the codes go to runs inside the journey's test JVM only: mail is the journey's part)
deploy/smoke-test.sh --base-url "http://127.0.0.1:$((PORT_BASE + 80))" --timeout 30 --no-mail
deploy/smoke-test.sh --base-url "http://127.0.0.1:$((PORT_BASE + 180))" --timeout 30 --no-mail
# with -am: the suite's test-jar dependencies come from this reactor (nothing is installed to ~/.m2)
./mvnw -B -q -pl conformance -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CommunityJourneyIT \
  -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dconformance.monolith.base-url="http://127.0.0.1:$((PORT_BASE + 80))" \
  -Dconformance.cluster.base-url="http://127.0.0.1:$((PORT_BASE + 180))" \
  -Dconformance.smtp.port=$smtp_port
for e in monolith cluster; do
  grep -q 'tests="1"' conformance/target/failsafe-reports/$e/TEST-io.community.conformance.CommunityJourneyIT.xml \
    || fail "CommunityJourneyIT did not run against the $e container"
  grep -qE '(failures|errors)="[1-9]' conformance/target/failsafe-reports/$e/TEST-io.community.conformance.CommunityJourneyIT.xml \
    && fail "CommunityJourneyIT failed against the $e container"
done
ok "CommunityJourneyIT passed through the monolith's container and through the gateway's"

step "readiness without the database, liveness unaffected"
# probed as the manifests do: 2 s timeout, only 200 passes
probe() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" || true; }
kill "$db_pid"; wait "$db_pid" 2>/dev/null || true
for n in monolith user; do
  [ $n = monolith ] && port=$((PORT_BASE + 80)) || port=$((PORT_BASE + 283))
  status=""
  for _ in $(seq 30); do
    status=$(probe "http://127.0.0.1:$port/health/readiness")
    [ "$status" != 200 ] && break; sleep 1
  done
  [ "$status" != 200 ] || fail "$n: still ready 30 s after the database went away"
  echo "$n: readiness $status without the database (000: no answer within the probes' 2 s)"
  for _ in 1 2 3; do
    status=$(probe "http://127.0.0.1:$port/health/liveness")
    [ "$status" = 200 ] || fail "$n: liveness answered $status with the database unreachable"
    sleep 1
  done
  podman healthcheck run "community-ci-$n" >/dev/null || fail "$n: the image's HEALTHCHECK fails with the database unreachable"
done
# not a hang: the answer is a 503, once the pool gives up (Hikari's connection timeout, 30 s by default)
status=$(curl -s -o /dev/null -m 45 -w '%{http_code}' "http://127.0.0.1:$((PORT_BASE + 80))/health/readiness" || true)
[ "$status" = 503 ] || fail "monolith: readiness answered $status (expected 503) without the database"
start_db
for n in monolith user; do
  [ $n = monolith ] && port=$((PORT_BASE + 80)) || port=$((PORT_BASE + 283))
  for _ in $(seq 60); do [ "$(probe "http://127.0.0.1:$port/health/readiness")" = 200 ] && break; sleep 1; done
  [ "$(probe "http://127.0.0.1:$port/health/readiness")" = 200 ] || fail "$n: not ready again after the database came back"
done
ok "with the database down readiness fails and liveness and the HEALTHCHECK pass (monolith, user service); ready again after"
deploy/run-images.sh down

step "Jenkinsfile and the scripts it calls"
mkdir -p "$work/groovy"
cp Jenkinsfile "$work/groovy/Jenkinsfile.groovy"
java -cp "$groovy_jar" org.codehaus.groovy.tools.FileSystemCompiler -d "$work/groovy/out" "$work/groovy/Jenkinsfile.groovy" >/dev/null \
  || fail "the Jenkinsfile does not compile as Groovy"
scripts=$(grep -oE "sh '[^']*'" Jenkinsfile | grep -oE "deploy/[a-z0-9-]+\.sh" | sort -u)
[ -n "$scripts" ] || fail "the Jenkinsfile calls no deploy script"
for s in $scripts; do
  [ -x "$s" ] || fail "the Jenkinsfile calls $s, which is missing or not executable"
  "$s" --help >/dev/null || fail "$s --help failed"
done
deploy/push-images.sh --registry registry.example.com/community --dry-run > "$work/push.txt"
[ "$(grep -c ' push ' "$work/push.txt")" = 10 ] || fail "push-images --dry-run: $(cat "$work/push.txt")"
for o in monolith cluster; do
  deploy/deploy-k8s.sh --overlay $o --registry registry.example.com/community --tag "$revision" --dry-run > "$work/deploy-$o.yaml"
  node deploy/tools/validate-k8s.mjs "$work/deploy-$o.yaml" >/dev/null
  grep -q "image: registry.example.com/community/$([ $o = monolith ] && echo monolith || echo gateway):$revision" \
    "$work/deploy-$o.yaml" || fail "deploy-k8s --dry-run did not pin the $o images"
done
[ "$(BRANCH_NAME=monolith deploy/deploy-k8s.sh --overlay auto --registry r/c --tag t --dry-run 2>&1 | grep -c 'name: monolith$')" -ge 1 ] \
  || fail "--overlay auto did not pick the monolith for branch monolith"
deploy/deploy-k8s.sh --overlay cluster --rollback --dry-run | grep -q 'rollout undo deployment/gateway' \
  || fail "deploy-k8s --rollback --dry-run"
ok "Jenkinsfile compiles; its scripts answer --help; push and deploy dry runs pin the right images"

step "done"
echo "deploy checks took $(( $(date +%s) - started ))s"
echo "deploy: $checks passed, 0 failed"
