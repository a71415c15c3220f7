#!/usr/bin/env bash
# Start-up time and idle memory of one runnable: wall time from launching `java` to the first 200 on
# /health/liveness, over several runs (min/median/max), and the resident set size a few seconds
# after it is ready, and the CPU seconds the process used until ready (user + system, from /proc: a
# figure that stays comparable when other processes compete for the cores). Not a test.
#   bench/startup.sh [-n RUNS] [-p HEALTH_PORT] [-w IDLE_WAIT_S] -- java [JVM flags] -jar x.jar
#   (the environment passes through: set MICRONAUT_SERVER_PORT etc. before it)
# Prints one line per run ("run 1: 1.234 s, rss 150 MiB") and a summary line
# "startup min/median/max s: a b c; rss median MiB: r".
set -euo pipefail
runs=5 port=8080 idle=3
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -p) port=$2; shift 2 ;;
    -w) idle=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [-n RUNS] [-p HEALTH_PORT] [-w IDLE_WAIT_S] -- java ..." >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "no command after --" >&2; exit 2; }
log=${STARTUP_LOG:-/dev/null}
times=() rsss=() cpus=()
. "$(dirname "$0")/proc.sh"
# utime + stime of a process, in seconds
cpu_seconds() { awk -v t="$(cpu_ticks "$1")" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}'; }
for ((r = 1; r <= runs; r++)); do
  start=$(date +%s%N)
  "$@" >"$log" 2>&1 &
  pid=$!
  ok=""
  for _ in $(seq 3000); do   # at most ~60 s
    if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port/health/liveness"; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  end=$(date +%s%N)
  cpu=$(cpu_seconds "$pid")
  if [ -z "$ok" ]; then
    echo "run $r: not ready (exit or timeout); log: $log" >&2
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; exit 1
  fi
  sleep "$idle"
  rss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  t=$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", (e - s) / 1e9}')
  echo "run $r: $t s, cpu $cpu s, rss $rss MiB"
  times+=("$t") rsss+=("$rss") cpus+=("$cpu")
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
min=$(head -1 <<<"$sorted") max=$(tail -1 <<<"$sorted") med=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
rmed=$(printf '%s\n' "${rsss[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
cmed=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
echo "startup min/median/max s: $min $med $max; cpu median s: $cmed; rss median MiB: $rmed"
