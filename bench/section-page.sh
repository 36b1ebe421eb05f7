#!/usr/bin/env bash
# Design §9, first row: a module section page must reach at least 50 % of the requests/s
# that the same server manages for the same bytes served as a static file.
#
# Usage: bash bench/section-page.sh [port]
# Env:   PORT (default: first free from 5077), DURATION (15s), WARMUP (5s), CONNECTIONS (32),
#        THREADS (2), STRICT=1 (exit 1 below target), KEEP=1 (keep the temporary folder).
set -euo pipefail

readonly SECTION_PATH=/moduler/vad-ar-manniskohandel/2
readonly STATIC_PATH=/bench-section.html
readonly TARGET=0.50
readonly DURATION=${DURATION:-15s}
readonly WARMUP=${WARMUP:-10s}
readonly CONNECTIONS=${CONNECTIONS:-32}
readonly THREADS=${THREADS:-2}
readonly STRICT=${STRICT:-0}

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-section.XXXXXX")
port=${1:-${PORT:-}}
base_url=
site_pid=
# Extra request headers sent by both curl and wrk; sign_in fills in a Cookie header once pages need one.
auth_headers=()

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

cleanup() {
    if [[ -n $site_pid ]] && kill -0 "$site_pid" 2>/dev/null; then
        kill "$site_pid" 2>/dev/null || true
        wait "$site_pid" 2>/dev/null || true
    fi
    if [[ ${KEEP:-0} == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_wrk() {
    command -v wrk >/dev/null && return
    [[ $(id -u) == 0 ]] || die "wrk is missing; install it with: sudo apt-get install -y wrk"
    log "installing wrk"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; } \
        || die "could not install wrk"
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

choose_port() {
    if [[ -n $port ]]; then
        port_is_free "$port" || die "port $port is already in use"
        return
    fi
    for port in $(seq 5077 5176); do
        port_is_free "$port" && return
    done
    die "no free port between 5077 and 5176"
}

publish_site() {
    log "publishing (Release) to $tmp/site"
    (cd "$repo_root" && dotnet publish src/Training.Web -c Release --use-current-runtime --self-contained false -o "$tmp/site") >"$tmp/publish.log" 2>&1 \
        || { tail -n 30 "$tmp/publish.log" >&2; die "dotnet publish failed (full log above)"; }
}

start_site() {
    base_url="http://127.0.0.1:$port"
    log "starting the site on $base_url"
    (cd "$tmp/site" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Training="Data Source=$tmp/bench.db" \
        exec ./Training.Web --urls "$base_url") >"$tmp/site.log" 2>&1 &
    site_pid=$!
}

wait_for_health() {
    local deadline=$((SECONDS + 60))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$base_url/health" || true) == 200 ]]; do
        if ! kill -0 "$site_pid" 2>/dev/null; then
            tail -n 30 "$tmp/site.log" >&2
            die "the site exited during start-up (log above)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 30 "$tmp/site.log" >&2
            die "GET /health did not answer 200 within 60 s (log above)"
        fi
        sleep 0.5
    done
    log "site ready"
}

readonly LEARNER=learner@polisen.example

# The demo accounts, with a password of this run's own, in the benchmark's database (no employees needed).
seed_learner() {
    password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    (cd "$tmp/site" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Training="Data Source=$tmp/bench.db" \
        ./Training.Web seed demo --employees 0 --password "$password") >"$tmp/seed.log" 2>&1 \
        || { cat "$tmp/seed.log" >&2; die "seed demo failed"; }
}

# Signs in through the real form, as a browser would, and sends the resulting cookies with every measured
# request (curl's jar would keep the Secure session cookie off plain http, so the header is built by hand).
sign_in() {
    local jar="$tmp/cookies.txt" token status
    token=$(curl -sS -c "$jar" "$base_url/konto/logga-in" \
        | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
    [[ -n $token ]] || die "the sign-in page has no antiforgery token"
    status=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' \
        --data-urlencode "Input.Email=$LEARNER" --data-urlencode "Input.Password=$password" \
        --data-urlencode "__RequestVerificationToken=$token" "$base_url/konto/logga-in")
    [[ $status == 302 ]] || die "sign-in answered $status, expected 302"
    auth_headers=(-H "Cookie: $(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')")
    log "signed in as $LEARNER"
}

# get URL FILE: saves the body, fails unless the answer is 200.
get() {
    local status
    status=$(curl -sS -o "$2" -w '%{http_code}' "${auth_headers[@]}" "$1") || die "GET $1 failed"
    [[ $status == 200 ]] || die "GET $1 answered $status, expected 200"
}

prepare_static_copy() {
    get "$base_url$SECTION_PATH" "$tmp/site/wwwroot/bench-section.html"
    get "$base_url$STATIC_PATH" "$tmp/static-check.html"
    cmp -s "$tmp/site/wwwroot/bench-section.html" "$tmp/static-check.html" \
        || die "$STATIC_PATH does not serve the same bytes as $SECTION_PATH"
    page_bytes=$(wc -c <"$tmp/static-check.html")
    log "section page: $page_bytes bytes, served identically as $STATIC_PATH"
}

# run_wrk DURATION PATH [CONNECTIONS]: prints Requests/sec; fails on non-2xx answers so a broken page is never measured.
run_wrk() {
    local out="$tmp/wrk.txt" rps
    wrk -t"$THREADS" -c"${3:-$CONNECTIONS}" -d"$1" "${auth_headers[@]}" "$base_url$2" >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed against $2"; }
    if grep -q 'Non-2xx or 3xx responses' "$out"; then
        cat "$out" >&2
        die "$2 gave non-2xx answers under load"
    fi
    grep -q 'Socket errors' "$out" && log "warning ($2): $(grep 'Socket errors' "$out")"
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    [[ -n $rps ]] || { cat "$out" >&2; die "no Requests/sec in wrk output for $2"; }
    echo "$rps"
}

measure() {
    # The warm-up runs at a light load: .NET compiles hot methods again, optimised, on a background thread,
    # and under full load on two cores that thread starves, so the site would be measured before it is warm.
    log "warming up ($WARMUP each, 4 connections)"
    run_wrk "$WARMUP" "$SECTION_PATH" 4 >/dev/null
    run_wrk "$WARMUP" "$STATIC_PATH" 4 >/dev/null
    log "measuring ($DURATION each, -t$THREADS -c$CONNECTIONS)"
    section_rps=$(run_wrk "$DURATION" "$SECTION_PATH")
    static_rps=$(run_wrk "$DURATION" "$STATIC_PATH")
}

report() {
    local ratio verdict
    ratio=$(awk -v a="$section_rps" -v b="$static_rps" 'BEGIN { printf "%.2f", a / b }')
    # Compare the rounded ratio, so the verdict agrees with the figure shown.
    verdict=$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { print (r >= t ? "PASS" : "FAIL") }')
    printf '\nSection page vs. static copy (design §9) — wrk -t%s -c%s -d%s, %s bytes\n' \
        "$THREADS" "$CONNECTIONS" "$DURATION" "$page_bytes"
    printf '  %-14s %-34s %10s req/s\n' "section page" "$SECTION_PATH" "$section_rps"
    printf '  %-14s %-34s %10s req/s\n' "static file" "$STATIC_PATH" "$static_rps"
    printf '  %-14s %-34s %10s\n' "ratio" "section / static (target >= $TARGET)" "$ratio"
    printf '  %-14s %s\n' "result" "$verdict"
    [[ $verdict == PASS || $STRICT != 1 ]] || exit 1
}

main() {
    ensure_wrk
    command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is missing"
    choose_port
    publish_site
    seed_learner
    start_site
    wait_for_health
    sign_in
    prepare_static_copy
    measure
    report
}

main
