#!/usr/bin/env bash
# Issue #17, item 7: the design's performance targets (§9) side by side in one run, printed as ONE table.
# Publishes the site in Release once, seeds the demo once (EMPLOYEES employees, the demo requirements and completions,
# a password of this run's own), starts the site once on loopback in Production and measures against it:
#   (a) a signed-in section page against the same bytes served as a static file by the same site (wrk);
#   (b) quiz-submit latency at 32 and at 128 concurrent learners (bench/QuizLoad);
#   (c) HR's CSV export (POST /hr/export) against `sqlite3 -csv` on the same rows, and the site's peak memory;
#   (d) HR's overview (GET /hr) against its aggregate query in `sqlite3`;
#   (e) start-up to the first 200 with 100 modules: a second site process on a fresh database and generated content;
#   (f) the learner mix: simulated learners (bench/QuizLoad mix) stepping up until the p95 passes 200 ms.
# Then the PostgreSQL pass: a throw-away cluster (bench/postgres.sh), seeded the same way while the SQLite database is
# seeded (and then vacuumed and analysed), a site started with Database__Provider=Postgres, and (a), (b) and (f)
# measured by the same functions (each takes the site's base URL). (c), (d) and (e) are SQLite only: their references
# are sqlite3 on the same file.
#
# Usage: bash bench/run.sh
# Env:   PROVIDERS ("sqlite postgres": either alone, or both in that order), EMPLOYEES (40000), DURATION (wrk's measured time for each of the page and the file, 10s, in two alternating halves), WARMUP (wrk's warm-up, 3s), QUIZ_ROUNDS (9),
#        QUIZ_WARMUP_ROUNDS (27), QUIZ_ROUNDS_128 (3), EXPORT_RUNS (2), MIX_FIRST (200), MIX_STEP_SECONDS (30), MIX_BUDGET (90),
#        PG_SETTINGS (extra PostgreSQL server options, e.g. "-c synchronous_commit=off"; see bench/postgres.sh),
#        KEEP=1 (keep the temporary folder), PUBLISHED=<a published site folder> (reuse it instead of publishing:
#        only while trying the script out, since it may be older than the code).
# The table goes to stdout; progress and each phase's duration to stderr. Exit 0 when the run finished (whatever
# the verdicts), 2 when something broke.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

readonly PROVIDERS=${PROVIDERS:-sqlite postgres}
readonly EMPLOYEES=${EMPLOYEES:-40000}
readonly DURATION=${DURATION:-10s}
readonly WARMUP=${WARMUP:-3s}
readonly QUIZ_ROUNDS=${QUIZ_ROUNDS:-9}
readonly QUIZ_WARMUP_ROUNDS=${QUIZ_WARMUP_ROUNDS:-27}
readonly QUIZ_ROUNDS_128=${QUIZ_ROUNDS_128:-3}
readonly EXPORT_RUNS=${EXPORT_RUNS:-2}
readonly MIX_FIRST=${MIX_FIRST:-200}
readonly MIX_STEP_SECONDS=${MIX_STEP_SECONDS:-30}
readonly MIX_BUDGET=${MIX_BUDGET:-90}
# Accounts for as many steps (200, 400, 800, …) as fit in the budget.
mix_learners=$(awk -v f="$MIX_FIRST" -v b="$MIX_BUDGET" -v s="$MIX_STEP_SECONDS" 'BEGIN { n = f; for (t = 2 * s; t <= b; t += s) n *= 2; print n }')
readonly SECTION_PATH=/moduler/vad-ar-manniskohandel/2
readonly STATIC_PATH=/bench-section.html

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-run.XXXXXX")
# The sites first (they hold connections to the cluster), then the cluster; with KEEP=1 its log joins the folder.
cleanup() {
    if [[ ${KEEP:-0} == 1 && -n $pg_dir ]]; then cp "$pg_dir/server.log" "$tmp/postgres-server.log" 2>/dev/null || true; fi
    bench_cleanup
    pg_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

site_dir="$tmp/site"
db="$tmp/bench.db"
quizload="" # set once QuizLoad is built
rows=() # the table: "order|measurement|figure|reference|ratio|target|result"
provider= # the pass's label in each row: SQLite or PostgreSQL
pg_ready= # 1 once the PostgreSQL cluster has started
providers_measured=() # for the table's header line

export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
export Email__PickupDirectory="$tmp/mail"
# QuizLoad and the learner mix sign hundreds of learners in from one loopback address within a minute; the limits
# (per address and account, and per address) are meant for visitors.
export Security__SignInsPerMinute=1000 Security__SignInsPerMinutePerAddress=100000

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk "BEGIN { print ($1) ? \"PASS\" : \"FAIL\" }"; }
# row ORDER MEASUREMENT FIGURE REFERENCE RATIO TARGET RESULT: rows print sorted by ORDER, in the order added within one.
row() { rows+=("$1|$2|$3|$4|$5|$6|$7"); }

# (a) ─────────────────────────────────────────────────────────────────────────────────────────────────────────────
# measure_section_page BASE_URL SITE_DIR: the learner's section page, then its bytes as a static file in SITE_DIR.
measure_section_page() {
    local url=$1 cookie section_rps static_rps r bytes
    cookie=$(sign_in "$url" learner@polisen.example "$password" "$tmp/learner.jar")
    curl -sS -o "$2/wwwroot/bench-section.html" -H "$cookie" -w '%{http_code}' "$url$SECTION_PATH" | grep -qx 200 \
        || die "GET $SECTION_PATH did not answer 200"
    curl -sS -o "$tmp/static-check.html" -H "$cookie" "$url$STATIC_PATH"
    cmp -s "$2/wwwroot/bench-section.html" "$tmp/static-check.html" || die "$STATIC_PATH does not serve the section's bytes"
    bytes=$(wc -c <"$tmp/static-check.html")
    # A light warm-up first: at full load on two cores .NET's background re-compilation of hot methods starves.
    run_wrk "$url$SECTION_PATH" "$WARMUP" 4 2 "$tmp/wrk.txt" "$cookie" >/dev/null
    run_wrk "$url$STATIC_PATH" "$WARMUP" 4 2 "$tmp/wrk.txt" "$cookie" >/dev/null
    # Each is measured in two halves, alternating (page, file, page, file): this machine's speed drifts by a third
    # within a minute, and a drift during one long run of either would show as a ratio.
    local half=$((${DURATION%s} / 2))s s1 f1 s2 f2
    s1=$(run_wrk "$url$SECTION_PATH" "$half" 32 2 "$tmp/wrk.txt" "$cookie")
    f1=$(run_wrk "$url$STATIC_PATH" "$half" 32 2 "$tmp/wrk.txt" "$cookie")
    s2=$(run_wrk "$url$SECTION_PATH" "$half" 32 2 "$tmp/wrk.txt" "$cookie")
    f2=$(run_wrk "$url$STATIC_PATH" "$half" 32 2 "$tmp/wrk.txt" "$cookie")
    section_rps=$(awk -v a="$s1" -v b="$s2" 'BEGIN { printf "%.2f", (a + b) / 2 }')
    static_rps=$(awk -v a="$f1" -v b="$f2" 'BEGIN { printf "%.2f", (a + b) / 2 }')
    r=$(ratio "$section_rps" "$static_rps")
    row a "(a) section page, $provider, signed in, $bytes B (wrk -c32, 2 × $half)" "$section_rps req/s" "static: $static_rps req/s" \
        "$r" ">= 0.50" "$(verdict "$r >= 0.50")"
}

# (b) ─────────────────────────────────────────────────────────────────────────────────────────────────────────────
# measure_quiz_submit BASE_URL LEARNERS ROUNDS WARM-UP-ROUNDS TARGET-P99-MS (empty: no target)
measure_quiz_submit() {
    local out="$tmp/quiz-$provider-$2.txt" p50 p95 p99 n result target
    local order label="(b) quiz submit, $provider, $2 learners at once"
    order="b$(printf %04d "$2")"
    if ! dotnet "$quizload" run "$1" "$2" "$3" "$4" >"$out" 2>&1; then
        # A submit that fails under load is a result, not a broken run: the row says so, and the run goes on.
        sed 's/^/    /' "$out" >&2
        log "QuizLoad run with $2 learners on $provider failed; the site's log has the errors"
        row "$order" "$label" "failed: $(grep -m1 -o 'Exception: .*' "$out" | sed 's/^Exception: //' || echo 'QuizLoad exited with an error')" \
            "-" "-" "$(if [[ -n $5 ]]; then echo "p99 < $5 ms"; else echo "none set"; fi)" "FAIL"
        return
    fi
    sed 's/^/    /' "$out" >&2
    read -r p50 p95 p99 < <(sed -n 's/^ *p50 \([0-9.]*\) ms *p95 \([0-9.]*\) ms *p99 \([0-9.]*\) ms.*/\1 \2 \3/p' "$out")
    n=$(sed -n 's/.*concurrent learners, \([0-9]*\) submissions.*/\1/p' "$out")
    [[ -n ${p99:-} ]] || die "QuizLoad printed no percentiles"
    if [[ -n $5 ]]; then target="p99 < $5 ms"; result=$(verdict "$p99 < $5"); else target="none set"; result="-"; fi
    row "$order" "$label, $n submits" "p50 $p50 / p95 $p95 / p99 $p99 ms" "-" "-" "$target" "$result"
}

# (c) and (d) ─────────────────────────────────────────────────────────────────────────────────────────────────────
# measure_hr BASE_URL PID: as polisen's HR. The references are SQLite queries on the same database file.
measure_hr() {
    local url=$1 pid=$2 jar="$tmp/hr.jar" cookie page token export_s sqlite_s export_rows sqlite_count modules peak_kb
    local rest_kb unit unit_rows unit_peak_kb
    local overview_s aggregate_s r now
    cookie=$(sign_in "$url" hr@polisen.example "$password" "$jar")
    page=$(curl -sS -H "$cookie" -c "$jar" -b "$jar" "$url/hr/export")
    token=$(form_token "$page")
    [[ -n $token ]] || die "GET /hr/export gave no form"
    cookie=$(cookie_header "$jar")
    # What the export costs shows against the process before it: its resting size, then its peak after one unit's
    # export (a tenth of the rows or so), then after the whole agency's.
    rest_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    unit=$(sed -n '/<select id="enhet"/,/<\/select>/ s/.*<option value="\([0-9][0-9]*\)".*/\1/p' <<<"$page" | head -n 1)
    [[ -n $unit ]] || die "GET /hr/export offered no unit"
    export_once() { # export_once [UNIT]
        local code
        code=$(curl -sS -o "$tmp/export.csv" -w '%{http_code}' -H "$cookie" --data-urlencode "format=csv" \
            --data-urlencode "enhet=${1:-}" --data-urlencode "__RequestVerificationToken=$token" "$url/hr/export")
        [[ $code == 200 ]] || die "POST /hr/export answered $code"
    }
    csv_rows() { echo $(($(grep -c $'\r$' "$tmp/export.csv") - 1)); } # records end in CRLF; a line break inside a quoted name does not
    export_once "$unit"
    unit_rows=$(csv_rows)
    unit_peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
    export_s=$(best_of "$EXPORT_RUNS" export_once)
    export_rows=$(csv_rows)
    peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")

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
    sqlite_rows() { sqlite3 -csv -separator ';' "$db" <"$tmp/rows.sql" >"$tmp/sqlite.csv"; }
    sqlite_s=$(best_of "$EXPORT_RUNS" sqlite_rows)
    sqlite_count=$(wc -l <"$tmp/sqlite.csv")
    r=$(ratio "$export_s" "$sqlite_s")
    row c "(c) CSV export, POST /hr/export, $export_rows rows" "$export_s s" "sqlite3 -csv, $sqlite_count rows: $sqlite_s s" \
        "$r" "<= 2" "$(verdict "$r <= 2")"
    row c "(c) site peak memory (VmHWM, start to last export)" "$((peak_kb / 1024)) MB" \
        "at rest $((rest_kb / 1024)) MB; after $unit_rows rows $((unit_peak_kb / 1024)) MB" "-" "< 200 MB" "$(verdict "$peak_kb < 200 * 1024")"

    overview_once() {
        local code
        code=$(curl -sS -o "$tmp/overview.html" -w '%{http_code}' -H "$cookie" "$url/hr")
        [[ $code == 200 ]] || die "GET /hr answered $code"
    }
    overview_once # warm-up, and the check that the page answers
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
    aggregate_once() { sqlite3 "$db" <"$tmp/aggregate.sql" >/dev/null; }
    aggregate_s=$(best_of 3 aggregate_once)
    r=$(ratio "$overview_s" "$aggregate_s")
    row d "(d) HR overview, GET /hr (whole agency)" "$overview_s s" "aggregate in sqlite3: $aggregate_s s" "$r" "<= 3" \
        "$(verdict "$r <= 3")"
}

# (e) ─────────────────────────────────────────────────────────────────────────────────────────────────────────────
# make_modules DIR N: a content folder with N small valid modules (two sections, a knowledge check, a graded quiz).
make_modules() {
    local dir=$1 i id
    mkdir -p "$dir/modules"
    cp "$bench_repo_root/content/agencies.yml" "$dir/"
    for i in $(seq -w 1 "$2"); do
        id="prestanda-$i"
        mkdir -p "$dir/modules/$id"
        cat >"$dir/modules/$id/index.md" <<MD
---
id: $id
title: Prestandamodul $i
version: "1.0"
summary: En liten modul för att mäta start-tiden.
language: sv
estimated_minutes: 5
quiz:
  pass_mark: 50
  questions: 2
---
Inledning till modul $i.

## Första avsnittet

Text i **första** avsnittet av modul $i, med en lista:

- ett
- två

\`\`\`gift check
::k1:: Är detta en testmodul? {T#Fel.#Rätt.}
\`\`\`

## Andra avsnittet

Text i andra avsnittet.

\`\`\`gift
// [id:p$i-1]
::Fråga ett:: Vilket avsnitt kom först? { =Första avsnittet ~Andra avsnittet }

// [id:p$i-2]
::Fråga två:: Är detta modul $i? {T}
\`\`\`
MD
    done
}

# measure_startup BASE_URL: a second site process on a fresh database and 100 generated modules, timed from its
# start to the first 200 from /health/ready (database reachable, migrations applied, content imported).
measure_startup() {
    local url=$1 content="$tmp/content-100" started took pid
    make_modules "$content" 100
    (cd "$site_dir" && Content__Path="$content" ./Training.Web content check "$content") >"$tmp/content-check.log" 2>&1 \
        || { tail -n 20 "$tmp/content-check.log" >&2; die "the generated modules do not pass content check"; }
    started=$(date +%s.%N)
    start_site "$site_dir" "$url" "$tmp/startup-site.log" ConnectionStrings__Training="Data Source=$tmp/startup.db" \
        Content__Path="$content"
    pid=$site_pid
    wait_for_200 "$url" /health/ready "$pid" "$tmp/startup-site.log" 60 0.05
    took=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    row e "(e) start-up to first 200 on /health/ready, 100 modules, fresh database" "$took s" "-" "-" "< 3 s" \
        "$(verdict "$took < 3")"
}

# (f) ─────────────────────────────────────────────────────────────────────────────────────────────────────────────
# measure_learner_mix BASE_URL: bench/QuizLoad's learner mix, stepping MIX_FIRST, twice as many, … learners (MIX_STEP_SECONDS each)
# within MIX_BUDGET seconds; the largest number held at a p95 of at most 200 ms is the figure.
measure_learner_mix() {
    local out="$tmp/mix-$provider.txt" held why figure
    dotnet "$quizload" mix "$1" "$mix_learners" "$MIX_STEP_SECONDS" "$MIX_BUDGET" "$MIX_FIRST" >"$out" 2>&1 \
        || { cat "$out" >&2; die "QuizLoad mix failed"; }
    sed 's/^/    /' "$out" >&2
    held=$(sed -n 's/^MIX held \([0-9]*\) .*/\1/p' "$out")
    why=$(sed -n 's/^MIX held [0-9]* stopped: //p' "$out")
    [[ -n $held ]] || die "QuizLoad mix printed no result"
    if ((held == 0)); then
        figure="fewer than $MIX_FIRST learners"
    elif [[ $why == p95* || $why == *failed* ]]; then
        figure="$held learners"
    else
        figure=">= $held learners (the run ended before p95 passed 200 ms)"
    fi
    row f "(f) learner mix, $provider: sign in, read, check, quiz; think 5-15 s" "$figure" "Moodle: 2000 quiz users (12+4 vCPU)" "-" \
        "largest at p95 <= 200 ms" "stopped: $why"
}

print_table() {
    printf '\nPerformance (design §9) — seed demo --employees %s, %s, %s cores, %s\n' "$EMPLOYEES" \
        "$(IFS=';'; printf '%s' "${providers_measured[*]}" | sed 's/;/; /g')" "$(nproc)" "$(date -u '+%Y-%m-%d %H:%M UTC')"
    {
        printf 'measurement|figure|reference|ratio|target|result\n'
        printf '%s\n' "${rows[@]}" | sort -s -t'|' -k1,1 | cut -d'|' -f2-
    } | column -t -s '|' -o '  '
    if [[ " $PROVIDERS " == *" sqlite "* ]]; then
        printf '(c), (d) and (e) run on SQLite only: their references are sqlite3 queries on the same database file.\n'
    fi
}

# seed_and_prepare PROVIDER: seed demo into the database that Database__Provider and ConnectionStrings__Training
# name, then QuizLoad's accounts (2 × 128 quiz learners, the learner mix's), with the run's one password.
seed_and_prepare() {
    (cd "$site_dir" && ./Training.Web seed demo --employees "$EMPLOYEES" --password "$password") >"$tmp/seed-$1.log" 2>&1 \
        || { tail -n 30 "$tmp/seed-$1.log" >&2; die "seed demo failed on $1"; }
    grep -E 'demoanställda tillagda,|demogenomföranden' "$tmp/seed-$1.log" | sed "s/^/    $1: /" >&2 || true
    dotnet "$quizload" prepare 128 >"$tmp/prepare-$1.log" 2>&1 \
        || { tail -n 30 "$tmp/prepare-$1.log" >&2; die "QuizLoad prepare failed on $1"; }
    dotnet "$quizload" prepare-mix "$mix_learners" >>"$tmp/prepare-$1.log" 2>&1 \
        || { tail -n 30 "$tmp/prepare-$1.log" >&2; die "QuizLoad prepare-mix failed on $1"; }
}

# seed_all: starts the PostgreSQL cluster when it is measured, then seeds both databases at once (the PostgreSQL one
# in the background: nothing is measured yet, and two seeds share the two cores better than they run one after the
# other). The PostgreSQL database is then vacuumed, analysed and checkpointed, so that autovacuum's work on the
# freshly loaded tables does not run during the measurements, of either provider.
seed_all() {
    local pg_seed_pid=
    if [[ " $PROVIDERS " == *" postgres "* ]]; then
        phase "start a throw-away PostgreSQL cluster"
        if pg_start; then pg_ready=1; else log "PostgreSQL is not measured: $pg_problem"; fi
        phase_done
    fi
    local seeded=()
    if [[ " $PROVIDERS " == *" sqlite "* ]]; then seeded+=(SQLite); fi
    if [[ -n $pg_ready ]]; then seeded+=(PostgreSQL); fi
    if ((${#seeded[@]} == 0)); then return; fi
    phase "seed demo --employees $EMPLOYEES, 2 × 128 learners for QuizLoad and $mix_learners for the learner mix ($(
        if ((${#seeded[@]} == 2)); then printf 'SQLite and PostgreSQL at once'; else printf '%s' "${seeded[0]}"; fi))"
    if [[ -n $pg_ready ]]; then
        (
            export Database__Provider=Postgres ConnectionStrings__Training="$pg_connection"
            seed_and_prepare PostgreSQL
            pg_as_postgres "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -d training -qAt -v ON_ERROR_STOP=1 \
                -c "VACUUM (ANALYZE)" -c "CHECKPOINT" >"$tmp/vacuum-postgres.log" 2>&1 \
                || { cat "$tmp/vacuum-postgres.log" >&2; die "VACUUM ANALYZE failed on PostgreSQL"; }
        ) &
        pg_seed_pid=$!
    fi
    if [[ " $PROVIDERS " == *" sqlite "* ]]; then
        (export Database__Provider=Sqlite ConnectionStrings__Training="Data Source=$db"; seed_and_prepare SQLite) \
            || { [[ -z $pg_seed_pid ]] || kill "$pg_seed_pid" 2>/dev/null || true; exit 2; }
    fi
    if [[ -n $pg_seed_pid ]]; then wait "$pg_seed_pid" || exit 2; fi
    phase_done
}

# start_main_site LOG: the site on a free loopback port for the current provider; sets base_url and main_pid.
# Staff must set up two-factor sign-in before anything else in Production; the benchmark measures HR's pages, not
# that set-up, so the site runs without the requirement (the only setting that differs from an operator's besides the
# sign-in rate limits above).
start_main_site() {
    phase "start the site ($provider)"
    base_url="http://127.0.0.1:$(free_port 5300)"
    start_site "$site_dir" "$base_url" "$1" Security__RequireTwoFactorForStaff=false
    main_pid=$site_pid
    wait_for_200 "$base_url" /health "$main_pid" "$1" 120
    phase_done
}

stop_main_site() {
    kill "$main_pid" 2>/dev/null || true
    wait "$main_pid" 2>/dev/null || true
    local errors
    errors=$(grep -cE '^(fail|crit):|"LogLevel":"(Error|Critical)"' "$1" || true)
    if ((errors > 0)); then
        log "warning: the $provider site logged $errors errors during the run; the first (all in $1, kept with KEEP=1):"
        grep -m1 -A3 -E '^(fail|crit):|"LogLevel":"(Error|Critical)"' "$1" | cut -c1-600 >&2 || true
    fi
}

# (a), (b) and (f): the measurements both providers share, against the site at base_url.
measure_shared() {
    phase "(a) section page vs static file ($provider)"
    measure_section_page "$base_url" "$site_dir"
    phase_done
    phase "(b) quiz submit, 32 learners ($provider)"
    measure_quiz_submit "$base_url" 32 "$QUIZ_ROUNDS" "$QUIZ_WARMUP_ROUNDS" 50
    phase_done
    phase "(b) quiz submit, 128 learners ($provider)"
    measure_quiz_submit "$base_url" 128 "$QUIZ_ROUNDS_128" 0 ""
    phase_done
    phase "(f) learner mix, up to $mix_learners learners ($provider)"
    measure_learner_mix "$base_url"
    phase_done
}

sqlite_pass() {
    provider=SQLite
    providers_measured+=("SQLite (WAL, synchronous=NORMAL)")
    export Database__Provider=Sqlite ConnectionStrings__Training="Data Source=$db"
    start_main_site "$tmp/site-sqlite.log"
    # HR first: the site's peak memory then covers start-up, sign-in and the exports, as in bench/hr-export.sh,
    # not the load of (a) and (b).
    phase "(c, d) HR export and overview"
    measure_hr "$base_url" "$main_pid"
    phase_done
    measure_shared
    # The start-up is timed alone: the main site stops first, so the two processes do not share the two cores.
    stop_main_site "$tmp/site-sqlite.log"
    phase "(e) start-up with 100 modules"
    measure_startup "http://127.0.0.1:$(free_port 5500)"
    phase_done
}

postgres_pass() {
    provider=PostgreSQL
    if [[ -z $pg_ready ]]; then
        providers_measured+=("PostgreSQL not measured")
        local why="not measured: $pg_problem"
        row a "(a) section page, $provider" "$why" "-" "-" ">= 0.50" "-"
        row b0032 "(b) quiz submit, $provider, 32 learners at once" "$why" "-" "-" "p99 < 50 ms" "-"
        row b0128 "(b) quiz submit, $provider, 128 learners at once" "$why" "-" "-" "none set" "-"
        row f "(f) learner mix, $provider" "$why" "-" "-" "largest at p95 <= 200 ms" "-"
        return
    fi
    providers_measured+=("PostgreSQL $pg_version (fsync=$(pg_setting fsync), synchronous_commit=$(pg_setting synchronous_commit), shared_buffers=$(pg_setting shared_buffers))")
    export Database__Provider=Postgres ConnectionStrings__Training="$pg_connection"
    start_main_site "$tmp/site-postgres.log"
    measure_shared
    stop_main_site "$tmp/site-postgres.log"
    if [[ ${KEEP:-0} == 1 ]]; then cp "$pg_dir/server.log" "$tmp/postgres-server.log" 2>/dev/null || true; fi
    pg_stop
}

main() {
    local run_started=$SECONDS p
    for p in $PROVIDERS; do
        [[ $p == sqlite || $p == postgres ]] || die "PROVIDERS takes sqlite and postgres, not '$p'"
    done
    ensure_wrk
    if [[ " $PROVIDERS " == *" sqlite "* ]]; then
        command -v sqlite3 >/dev/null || die "sqlite3 is missing (apt-get install -y sqlite3)"
    fi

    phase "publish (Release) and build QuizLoad"
    if [[ -n ${PUBLISHED:-} ]]; then
        cp -r "$PUBLISHED" "$site_dir" && rm -f "$site_dir/wwwroot/bench-section.html" || die "cannot copy PUBLISHED=$PUBLISHED"
        log "reusing the site published in $PUBLISHED"
    else
        publish_site "$site_dir"
    fi
    # Built for the same runtime as the published site, so that Training.Web, which QuizLoad references, is already
    # compiled (a build without a runtime compiled it a second time: 50 s of a fresh clone's run).
    (cd "$bench_repo_root" && dotnet build bench/QuizLoad -c Release --use-current-runtime --self-contained false) \
        >"$tmp/quizload-build.log" 2>&1 || { tail -n 30 "$tmp/quizload-build.log" >&2; die "building bench/QuizLoad failed"; }
    quizload=$(sed -n 's/^ *QuizLoad -> \(.*QuizLoad\.dll\)$/\1/p' "$tmp/quizload-build.log" | tail -n 1)
    [[ -f $quizload ]] || die "bench/QuizLoad was built, but its QuizLoad.dll is not where the build said"
    phase_done
    export Content__Path="$site_dir/content"
    password=$(new_password)

    seed_all
    for p in $PROVIDERS; do
        "${p}_pass"
    done

    log "whole run: $((SECONDS - run_started)) s"
    print_table
}

main
