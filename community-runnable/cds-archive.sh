#!/usr/bin/env bash
# Writes a class-data-sharing archive (JDK 17 dynamic AppCDS) for one runnable by starting it once on
# its embedded defaults (in-memory H2, in-process cache, mails to the log, random local ports),
# answering one liveness request, and stopping it: the JVM dumps every class it loaded at exit.
#   community-runnable/cds-archive.sh OUT.jsa -jar target/x.jar       (or: OUT.jsa -cp CLASSPATH MAIN)
# Run the process later with the same classpath and -XX:SharedArchiveFile=OUT.jsa. Best effort: on any
# failure it says so and exits 0 without an archive (the JVM then starts without one, only slower).
# Why: docs/decisions/0040-start-up-time.md.
set -uo pipefail
out=$1; shift
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ "$1" = -jar ] && [ ! -f "$2" ]; then exit 0; fi   # community-runnable itself: no jar, no archive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$out"
port() { echo $((20000 + RANDOM % 40000)); }
# GET /health/<kind> answers 200 (bash only, like the image's probe: no curl in a container image)
http_ok() { # port kind
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /health/%s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 \
    && read -r -t 3 _ status _ <&3 && [ "$status" = 200 ]) 2>/dev/null
}
http=$(port); management=$((http + 1)) grpc=$((http + 2))
(
  # every port is a random local one; the gateway starts without its backends (readiness is DOWN)
  exec env -u REDIS_URI -u COMMUNITY_ETCD_ENDPOINTS -u OTEL_TRACES_EXPORTER MICRONAUT_SERVER_PORT="$http" MICRONAUT_SERVER_HOST=127.0.0.1 ENDPOINTS_ALL_PORT="$management" \
    GRPC_SERVER_PORT="$grpc" GRPC_SERVER_HOST=127.0.0.1 \
    DATASOURCES_DEFAULT_URL="jdbc:h2:mem:cds;MODE=MySQL;DATABASE_TO_LOWER=TRUE" \
    "$java" -XX:ArchiveClassesAtExit="$out" -Xlog:cds=off -Xlog:cds+dynamic=off "$@"
) >"$work/run.log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 600); do   # at most ~2 min on a busy machine
  # health is on the API port (monolith, gateway) or, for a service, on its management port
  if http_ok "$http" liveness || http_ok "$management" liveness; then ready=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if [ -n "$ready" ]; then
  # the request path's classes too: a few more answers, then the graceful stop that dumps the archive
  for _ in 1 2 3; do http_ok "$http" readiness || http_ok "$management" readiness; done
fi
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -n "$ready" ] && [ -s "$out" ]; then
  echo "CDS archive $out ($(du -m "$out" | cut -f1) MiB)"
else
  rm -f "$out"
  echo "WARNING: no CDS archive for $*: the training start failed; the jar runs without it. Log:" >&2
  tail -20 "$work/run.log" >&2
fi
exit 0
