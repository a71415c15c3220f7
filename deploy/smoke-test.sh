#!/usr/bin/env bash
# A short check that a deployed API answers as it should (after a rollout; the full user journey is
# the conformance suite's CommunityJourneyIT, which deploy/ci-check.sh runs against the images).
#   deploy/smoke-test.sh --base-url https://community.example.com [--timeout 120] [--no-mail]
# Waits for /health/readiness, then: liveness 200, an authenticated endpoint without a token 401,
# the OpenAPI document served, send-code accepted (code 0) for a throw-away address (mails a code:
# --no-mail skips it where no SMTP server listens).
set -euo pipefail
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; }
base="" timeout=120 mail=1
while [ $# -gt 0 ]; do
  case $1 in
    --base-url) base=${2%/}; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --no-mail) mail=""; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$base" ] || { echo "--base-url is required" >&2; usage >&2; exit 2; }
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

for ((i = 0; i < timeout; i++)); do
  curl -fsS -o /dev/null "$base/health/readiness" 2>/dev/null && break
  sleep 1
done
[ "$i" -lt "$timeout" ] || fail "$base/health/readiness not 200 within ${timeout}s"
status=$(curl -s -o /dev/null -w '%{http_code}' "$base/health/liveness")
[ "$status" = 200 ] || fail "liveness answered $status"
status=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/user/1")
[ "$status" = 401 ] || fail "GET /api/v1/user/1 without a token answered $status, expected 401"
spec=$(curl -fsS "$base/swagger/community-1.0.yml") || fail "no OpenAPI document"
grep -q '/api/v1/auth/register' <<<"$spec" || fail "the OpenAPI document lacks /api/v1/auth/register"
if [ -n "$mail" ]; then
  body=$(curl -sS -XPOST "$base/api/v1/auth/email" -H 'Content-Type: application/json' \
    -d "{\"email\":\"smoke-$(date +%s)-$RANDOM@example.com\"}")
  grep -q '"code":0' <<<"$body" || fail "send-code answered $body"
fi
echo "smoke test passed: $base"
