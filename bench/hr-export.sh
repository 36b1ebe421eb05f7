#!/usr/bin/env bash
# Issue #15: on `seed demo --employees 40000`,
#   (a) the CSV export of all of polisen's rows (HR's POST /hr/export on the running site, in Production) must take at
#       most twice as long as `sqlite3 -csv` printing the same rows (each person × required module, with the person's
#       unit, job role and latest completion in force) from the same database, with the site's peak memory (its
#       VmHWM, from start through sign-in and the exports) under 200 MB;
#   (b) the whole-agency overview `/hr` must render within three times its underlying aggregate query (people and
#       people with a valid completion, per unit and module) run in `sqlite3`.
#
# Usage: bash bench/hr-export.sh          Env: EMPLOYEES (default 40000), KEEP=1 (keep the temporary folder),
#        SEEDED=<a kept folder> (reuse its seeded database and password instead of seeding again; it is copied).
#
# Publishes the site in Release, seeds the demo with EMPLOYEES employees (the demo requirements and completions
# included) and a password of this run's own, then times each side three times and reports the best of each.
set -euo pipefail

readonly EMPLOYEES=${EMPLOYEES:-40000}
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-hr.XXXXXX")
site_pid=

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; KEEP=1; exit 2; }
cleanup() {
    if [[ -n $site_pid ]]; then kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true; fi
    if [[ ${KEEP:-0} == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

export ConnectionStrings__Training="Data Source=$tmp/bench.db"
export Content__Path="$repo_root/content"
export Email__PickupDirectory="$tmp/mail"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
app="$tmp/site/Training.Web"

# best_of N COMMAND…: the fastest of N runs, in seconds.
best_of() {
    local n=$1 best= started ended took
    shift
    for _ in $(seq "$n"); do
        started=$(date +%s.%N)
        "$@" >/dev/null
        ended=$(date +%s.%N)
        took=$(awk -v s="$started" -v e="$ended" 'BEGIN { printf "%.3f", e - s }')
        if [[ -z $best ]] || awk -v a="$took" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$took; fi
    done
    printf '%s' "$best"
}

log "publishing (Release) …"
(cd "$repo_root" && dotnet publish src/Training.Web -c Release --use-current-runtime --self-contained false -o "$tmp/site") >"$tmp/publish.log" 2>&1 \
    || { tail -n 30 "$tmp/publish.log" >&2; die "dotnet publish failed"; }

if [[ -n ${SEEDED:-} ]]; then
    cp "$SEEDED/bench.db" "$tmp/bench.db" && password=$(cat "$SEEDED/password") || die "SEEDED=$SEEDED has no bench.db and password"
    log "reusing the database seeded in $SEEDED"
else
    password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s' "$password" >"$tmp/password"
    log "seed demo --employees $EMPLOYEES …"
    seed_started=$SECONDS
    (cd "$tmp/site" && ./Training.Web seed demo --employees "$EMPLOYEES" --password "$password") >"$tmp/seed.log" 2>&1 \
        || { tail -n 30 "$tmp/seed.log" >&2; die "seed demo failed"; }
    log "seeded in $((SECONDS - seed_started)) s"
fi

# The site, in Production, signed in as polisen's HR
port=$(( 5200 + RANDOM % 600 ))
base_url="http://127.0.0.1:$port"
# Staff must set up two-factor sign-in before anything else in Production; the benchmark measures the page, not that
# set-up, so this site process runs without the requirement (the only setting that differs from an operator's).
(cd "$tmp/site" && Security__RequireTwoFactorForStaff=false exec ./Training.Web --urls "$base_url") >"$tmp/site.log" 2>&1 &
site_pid=$!
deadline=$((SECONDS + 90))
until [[ $(curl -s -o /dev/null -w '%{http_code}' "$base_url/health" || true) == 200 ]]; do
    kill -0 "$site_pid" 2>/dev/null || { tail -n 30 "$tmp/site.log" >&2; die "the site exited"; }
    ((SECONDS < deadline)) || die "the site did not start within 90 s"
    sleep 0.5
done
jar="$tmp/cookies.txt"
token=$(curl -sS -c "$jar" "$base_url/konto/logga-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
status=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "Input.Email=hr@polisen.example" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$base_url/konto/logga-in")
[[ $status == 302 ]] || die "sign-in answered $status"
cookie="Cookie: $(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')"

# (a) the export, as HR downloads it
page=$(curl -sS -H "$cookie" -c "$jar" -b "$jar" "$base_url/hr/export")
export_token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
[[ -n $export_token ]] || die "GET /hr/export gave no form"
cookie="Cookie: $(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')"
export_once() {
    local code
    code=$(curl -sS -o "$tmp/export.csv" -w '%{http_code}' -H "$cookie" --data-urlencode "format=csv" \
        --data-urlencode "__RequestVerificationToken=$export_token" "$base_url/hr/export")
    [[ $code == 200 ]] || die "POST /hr/export answered $code"
}
export_s=$(best_of 3 export_once)
rows=$(($(grep -c $'\r$' "$tmp/export.csv") - 1)) # records end in CRLF; a line break inside a quoted name does not
peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$site_pid/status")

# The same rows from sqlite3: the required modules are those the export wrote (module_id is the 7th column).
modules=$(tail -n +2 "$tmp/export.csv" | cut -d';' -f7 | sort -u | awk '{ printf "%s(\x27%s\x27)", (NR > 1 ? "," : ""), $0 }')
[[ -n $modules ]] || die "the export has no rows"
cat >"$tmp/rows.sql" <<SQL
WITH required(module_id) AS (VALUES $modules),
inforce AS (SELECT c.* FROM Completions c WHERE NOT EXISTS (SELECT 1 FROM Completions l WHERE l.SupersedesId = c.Id)),
latest AS (SELECT UserId, ModuleId, MAX(CompletedAt) AS CompletedAt FROM inforce GROUP BY UserId, ModuleId)
SELECT a.Code, un.Name, u.EmployeeNumber, u.Name, u.Email, j.Name, r.module_id, c.Version, c.ContentHash,
       CASE WHEN c.Id IS NULL THEN 'not_started' ELSE 'completed' END, c.CompletedAt, c.ScorePercent, c.ExpiresAt, c.Source, c.VerificationCode
FROM AspNetUsers u JOIN Agencies a ON a.Id = u.AgencyId CROSS JOIN required r
LEFT JOIN Units un ON un.Id = u.UnitId LEFT JOIN JobRoles j ON j.Id = u.JobRoleId
LEFT JOIN latest l ON l.UserId = u.Id AND l.ModuleId = r.module_id
LEFT JOIN inforce c ON c.UserId = l.UserId AND c.ModuleId = l.ModuleId AND c.CompletedAt = l.CompletedAt
WHERE a.Code = 'polisen' AND u.IsActive = 1
ORDER BY u.Id, r.module_id;
SQL
sqlite_rows() { sqlite3 -csv -separator ';' "$tmp/bench.db" <"$tmp/rows.sql" >"$tmp/sqlite.csv"; }
sqlite_s=$(best_of 3 sqlite_rows)
sqlite_count=$(wc -l <"$tmp/sqlite.csv")

printf '\nHR export and overview — seed demo --employees %s\n' "$EMPLOYEES"
printf 'POST /hr/export (csv, whole agency): %s rows in %s s; sqlite3 -csv, %s rows: %s s; ratio %s (target <= 2)\n' \
    "$rows" "$export_s" "$sqlite_count" "$sqlite_s" "$(awk -v a="$export_s" -v b="$sqlite_s" 'BEGIN { printf "%.2f", a / b }')"
printf 'site peak memory (VmHWM, start to last export): %s MB (target < 200)\n' "$(awk -v k="$peak_kb" 'BEGIN { printf "%.0f", k / 1024 }')"

# (b) the overview against its aggregate query

overview_once() {
    local code
    code=$(curl -sS -o "$tmp/overview.html" -w '%{http_code} %{redirect_url}' -H "$cookie" "$base_url/hr")
    [[ $code == 200* ]] || die "GET /hr answered $code"
}
overview_once # warm-up (and the check that the page answers)
overview_s=$(best_of 3 overview_once)

now=$(date -u +%Y-%m-%dT%H:%M:%S)
cat >"$tmp/aggregate.sql" <<SQL
WITH required(module_id) AS (VALUES $modules),
inforce AS (SELECT c.* FROM Completions c WHERE NOT EXISTS (SELECT 1 FROM Completions l WHERE l.SupersedesId = c.Id)),
valid AS (SELECT DISTINCT UserId, ModuleId FROM inforce WHERE ExpiresAt IS NULL OR ExpiresAt > '$now')
SELECT u.UnitId, r.module_id, COUNT(*) AS people, COUNT(v.UserId) AS compliant
FROM AspNetUsers u JOIN Agencies a ON a.Id = u.AgencyId CROSS JOIN required r
LEFT JOIN valid v ON v.UserId = u.Id AND v.ModuleId = r.module_id
WHERE a.Code = 'polisen' AND u.IsActive = 1
GROUP BY u.UnitId, r.module_id;
SQL
aggregate_once() { sqlite3 "$tmp/bench.db" <"$tmp/aggregate.sql" >/dev/null; }
aggregate_s=$(best_of 3 aggregate_once)

printf 'GET /hr (whole agency): %s s; aggregate query in sqlite3: %s s; ratio %s (target <= 3)\n' \
    "$overview_s" "$aggregate_s" "$(awk -v a="$overview_s" -v b="$aggregate_s" 'BEGIN { printf "%.2f", a / b }')"
