#!/usr/bin/env bash
# Issue #4: importing 40 000 employees must take under a minute, invitations included.
#
# Usage: bash bench/employee-import.sh [rows]
# Env:   ROWS (default 40000), KEEP=1 (keep the temporary folder with the file, the database and the mail).
#
# Publishes the site in Release, makes a file of ROWS made-up Polismyndigheten employees (every tenth without a
# unit, five job roles, start dates over six years), lets the verb prepare a fresh database (migrations, roles,
# the agencies of content/agencies.yml) with a file of no rows, then times `users import` of the file: every
# row new, so every row is inserted and gets an invitation (.eml files in the pickup folder). A second run of the
# same file is timed too; it must find every row unchanged and send nothing.
set -euo pipefail

readonly ROWS=${1:-${ROWS:-40000}}
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-import.XXXXXX")

log() { printf '%s\n' "$*" >&2; }
cleanup() { if [[ ${KEEP:-0} == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT

log "publishing the site (Release) …"
dotnet publish "$repo_root/src/Training.Web" -c Release --use-current-runtime --self-contained false -o "$tmp/publish" >"$tmp/publish.log" 2>&1 \
    || { log "publish failed, see $tmp/publish.log"; KEEP=1; exit 2; }

log "writing $ROWS rows …"
awk -v rows="$ROWS" 'BEGIN {
    srand(4);
    split("Anna Erik Maria Karl Sara Johan Emma Lars Ida Per Åsa Björn", first, " ");
    split("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Öberg", last, " ");
    split("Region Bergslagen|Region Mitt|Region Nord|Region Stockholm|Region Syd|Region Väst|Region Öst", units, "|");
    split("polis-yttre-tjanst utredare granspolis forundersokningsledare Civilanställd", roles, " ");
    print "employee_number;name;email;unit;job_role;start_date";
    for (i = 1; i <= rows; i++) {
        f = first[1 + int(rand() * 12)]; l = last[1 + int(rand() * 10)];
        unit = (i % 10 == 0) ? "" : units[1 + int(rand() * 7)];
        printf "B%06d;%s %s;bench.%06d@polisen.se;%s;%s;%04d-%02d-%02d\n", i, f, l, i, unit, roles[1 + int(rand() * 5)],
            2019 + int(rand() * 6), 1 + int(rand() * 12), 1 + int(rand() * 28);
    }
}' >"$tmp/personal.csv"
printf 'employee_number;name;email;unit;job_role;start_date\n' >"$tmp/empty.csv"

export ConnectionStrings__Training="Data Source=$tmp/training.db"
export Email__PickupDirectory="$tmp/mail"
export Content__Path="$repo_root/content"
export DOTNET_ENVIRONMENT=Production
app=("$tmp/publish/Training.Web")

log "preparing a fresh database …"
"${app[@]}" users import "$tmp/empty.csv" --agency polisen >"$tmp/prepare.log"

run() {
    local started ended
    started=$(date +%s.%N)
    "${app[@]}" users import "$tmp/personal.csv" --agency polisen >"$tmp/$1.log" || true
    ended=$(date +%s.%N)
    awk -v s="$started" -v e="$ended" 'BEGIN { printf "%.1f", e - s }'
}

log "importing (first run) …"
first=$(run first)
log "importing (second run) …"
second=$(run second)

printf 'users import of %s rows (%s bytes), Release, fresh SQLite database\n' "$ROWS" "$(stat -c %s "$tmp/personal.csv")"
printf '  first run    %6s s   %s\n' "$first" "$(grep -E '^[0-9]+ nya' "$tmp/first.log")"
printf '  second run   %6s s   %s\n' "$second" "$(grep -E '^[0-9]+ nya' "$tmp/second.log")"
printf '  mails        %6s .eml files\n' "$(find "$tmp/mail" -name '*.eml' | wc -l)"
