# Shared by the scripts in bench/: source it after `set -euo pipefail`.
# Publishing, starting and stopping site processes, signing in through the real form, wrk and best-of timing.
# Every function reports to stderr and prints only its result on stdout.

bench_repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_site_pids=()

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; KEEP=1; exit 2; }

# Stops every site this script started (by its own process id) and removes the temporary folder unless KEEP=1.
bench_cleanup() {
    local pid
    for pid in "${bench_site_pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    done
    if [[ -n ${tmp:-} ]]; then
        if [[ ${KEEP:-0} == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
    fi
}

# phase NAME: starts timing a phase; phase_done prints how long it took, to stderr.
phase() { bench_phase_name=$1; bench_phase_started=$(date +%s.%N); log "── $1 …"; }
phase_done() {
    log "── $bench_phase_name: $(awk -v s="$bench_phase_started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
}

ensure_wrk() {
    command -v wrk >/dev/null && return
    [[ $(id -u) == 0 ]] || die "wrk is missing; install it with: sudo apt-get install -y wrk"
    log "installing wrk"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; } \
        || die "could not install wrk"
}

new_password() { printf 'bench-%s' "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port FROM: the first free loopback port from FROM on.
free_port() {
    local port
    for port in $(seq "$1" $(($1 + 200))); do
        port_is_free "$port" && { echo "$port"; return; }
    done
    die "no free port from $1"
}

# publish_site DIR: Release build of the site into DIR (log in DIR-publish.log).
publish_site() {
    (cd "$bench_repo_root" && dotnet publish src/Training.Web -c Release --use-current-runtime --self-contained false -o "$1") >"$1-publish.log" 2>&1 \
        || { tail -n 30 "$1-publish.log" >&2; die "dotnet publish failed"; }
}

# start_site DIR BASE_URL LOG [NAME=VALUE …]: starts the published site in DIR on BASE_URL, with extra environment
# settings for this process only; sets site_pid (stopped by bench_cleanup).
start_site() {
    local dir=$1 url=$2 logfile=$3
    shift 3
    (cd "$dir" && exec env "$@" ./Training.Web --urls "$url") >"$logfile" 2>&1 &
    site_pid=$!
    bench_site_pids+=("$site_pid")
}

# wait_for_200 BASE_URL PATH PID LOG [SECONDS] [INTERVAL]: waits until GET PATH answers 200.
wait_for_200() {
    local url=$1$2 pid=$3 logfile=$4 deadline=$((SECONDS + ${5:-90}))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; do
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logfile" >&2; die "the site exited during start-up (log above)"; }
        ((SECONDS < deadline)) || { tail -n 30 "$logfile" >&2; die "GET $url did not answer 200 in time"; }
        sleep "${6:-0.5}"
    done
}

# form_token HTML: the page's first antiforgery token.
form_token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$1" | head -n 1; }

# cookie_header JAR: the jar's cookies as one header (curl's jar would keep the Secure session cookie off plain http).
cookie_header() { printf 'Cookie: %s' "$(sed 's/^#HttpOnly_//' "$1" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')"; }

# sign_in BASE_URL EMAIL PASSWORD JAR: signs in through the real form (antiforgery token included), as a browser
# would; prints the Cookie header to send with later requests.
sign_in() {
    local url=$1 jar=$4 token status
    token=$(form_token "$(curl -sS -c "$jar" "$url/konto/logga-in")")
    [[ -n $token ]] || die "the sign-in page has no antiforgery token"
    status=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "Input.Email=$2" \
        --data-urlencode "Input.Password=$3" --data-urlencode "__RequestVerificationToken=$token" "$url/konto/logga-in")
    [[ $status == 302 ]] || die "sign-in as $2 answered $status, expected 302"
    cookie_header "$jar"
}

# run_wrk URL DURATION CONNECTIONS THREADS OUT [HEADER]: prints Requests/sec; fails on non-2xx answers, so a
# broken page is never measured.
run_wrk() {
    local url=$1 out=$5 rps
    local headers=()
    [[ -n ${6:-} ]] && headers=(-H "$6")
    wrk -t"$4" -c"$3" -d"$2" "${headers[@]}" "$url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed against $url"; }
    grep -q 'Non-2xx or 3xx responses' "$out" && { cat "$out" >&2; die "$url gave non-2xx answers under load"; }
    grep -q 'Socket errors' "$out" && log "warning ($url): $(grep 'Socket errors' "$out")"
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    [[ -n $rps ]] || { cat "$out" >&2; die "no Requests/sec in wrk output for $url"; }
    echo "$rps"
}

# best_of N COMMAND…: the fastest of N runs, in seconds (the command's stdout is discarded).
best_of() {
    local n=$1 best= started took
    shift
    for _ in $(seq "$n"); do
        started=$(date +%s.%N)
        "$@" >/dev/null
        took=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')
        if [[ -z $best ]] || awk -v a="$took" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$took; fi
    done
    printf '%s' "$best"
}
