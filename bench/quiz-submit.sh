#!/usr/bin/env bash
# Design §9, second row: quiz submit (grade + store + completion), p99 < 50 ms at 32 concurrent learners.
# Publishes the site in Release, makes 32 learners in a fresh database, starts the site on loopback and runs
# bench/QuizLoad: every learner reads a module, starts its quiz, and all 32 submit at the same moment,
# one module per round. Another 32 learners first warm the site up with the same traffic (not counted).
#
# Usage: bash bench/quiz-submit.sh        Env: PORT (5088), LEARNERS (32), ROUNDS (9), WARMUP_ROUNDS (27), KEEP=1
set -euo pipefail

readonly PORT=${PORT:-5088}
readonly LEARNERS=${LEARNERS:-32}
readonly ROUNDS=${ROUNDS:-9}
readonly WARMUP_ROUNDS=${WARMUP_ROUNDS:-27}
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-quiz.XXXXXX")
site_pid=

cleanup() {
    if [[ -n $site_pid ]] && kill -0 "$site_pid" 2>/dev/null; then
        kill "$site_pid" 2>/dev/null || true
        wait "$site_pid" 2>/dev/null || true
    fi
    if [[ ${KEEP:-0} == 1 ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__Training="Data Source=$tmp/bench.db"
# 32 sign-ins from one address in a minute would trip the per-address limit meant for real visitors.
export Security__SignInsPerMinute=1000

echo "publishing (Release)…" >&2
(cd "$repo_root" && dotnet publish src/Training.Web -c Release --use-current-runtime --self-contained false -o "$tmp/site" >"$tmp/publish.log" 2>&1) \
    || { tail -n 30 "$tmp/publish.log" >&2; exit 2; }
(cd "$repo_root" && dotnet build bench/QuizLoad -c Release >"$tmp/build.log" 2>&1) \
    || { tail -n 30 "$tmp/build.log" >&2; exit 2; }
export Content__Path="$tmp/site/content"

(cd "$tmp/site" && ./Training.Web seed demo --employees 0 --password "bench-$(date +%s)-fras" >"$tmp/seed.log" 2>&1) \
    || { cat "$tmp/seed.log" >&2; exit 2; }
dotnet "$repo_root/bench/QuizLoad/bin/Release/net10.0/QuizLoad.dll" prepare "$LEARNERS" >&2

(cd "$tmp/site" && exec ./Training.Web --urls "http://127.0.0.1:$PORT") >"$tmp/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 1 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true) == 200 ]] && break
    sleep 0.5
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true) == 200 ]] \
    || { tail -n 30 "$tmp/site.log" >&2; echo "the site did not start" >&2; exit 2; }

dotnet "$repo_root/bench/QuizLoad/bin/Release/net10.0/QuizLoad.dll" run "http://127.0.0.1:$PORT" "$LEARNERS" "$ROUNDS" "$WARMUP_ROUNDS"
if grep -qE '^(fail|crit):' "$tmp/site.log"; then
    echo "the site logged errors:" >&2
    grep -A3 -E '^(fail|crit):' "$tmp/site.log" >&2
    exit 1
fi
