# A throw-away PostgreSQL cluster for the benchmarks: source it after bench/lib.sh (it uses log, die and free_port).
# Debian's packages (installed when missing and running as root), a cluster in its own temporary folder owned by the
# postgres user, listening on a free port on 127.0.0.1 only, a role and a database `training`.
#
# Durability stays as an operator would have it: fsync, full_page_writes and synchronous_commit keep PostgreSQL's
# defaults (every commit waits for its WAL flush), which is stricter than the site's SQLite (WAL with synchronous=NORMAL:
# a commit is not flushed until the next checkpoint). PG_SETTINGS adds server options, e.g.
# PG_SETTINGS="-c synchronous_commit=off" for the same durability as SQLite's; max_connections is raised to 300 so
# that the site's pool (100) and the harness's own connections never run out.
#
#   pg_start [PORT-FROM]   sets pg_connection (an Npgsql connection string), pg_version and pg_port, or returns 1 and
#                          sets pg_problem (why PostgreSQL could not be installed or started); never exits the script.
#   pg_stop                stops the cluster (immediate) and removes its folder; safe to call twice.

pg_dir=
pg_bin=

pg_as_postgres() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
    pg_problem=
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        if [[ $(id -u) != 0 ]]; then
            pg_problem="PostgreSQL is not installed (apt-get install -y postgresql)"
            return 1
        fi
        log "installing PostgreSQL (Debian's postgresql package)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1; } \
            || { pg_problem="apt-get install postgresql failed"; return 1; }
    fi
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    pg_dir=$(mktemp -d /tmp/bench-pg.XXXXXX) # not TMPDIR: the postgres user must reach it
    if [[ $(id -u) == 0 ]]; then
        id postgres >/dev/null 2>&1 || { pg_problem="there is no postgres user to run the cluster as"; return 1; }
        chown postgres "$pg_dir"
    fi
    chmod 700 "$pg_dir"
    pg_port=$(free_port "${1:-55470}")
    pg_as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
        --auth-host=scram-sha-256 >"$pg_dir/initdb.log" 2>&1 || { pg_problem="initdb failed (see $pg_dir/initdb.log)"; return 1; }
    # shellcheck disable=SC2086 # PG_SETTINGS is a list of options
    pg_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start -o \
        "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_SETTINGS:-}" >/dev/null 2>&1 \
        || { pg_problem="the cluster did not start on port $pg_port ($( (grep -m1 -E 'FATAL|PANIC' "$pg_dir/server.log" || tail -n 1 "$pg_dir/server.log") 2>/dev/null))"; return 1; }
    pg_as_postgres "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE training LOGIN PASSWORD 'training'" -c "CREATE DATABASE training OWNER training" >/dev/null 2>&1 \
        || { pg_problem="could not create the role and database"; return 1; }
    pg_version=$("$pg_bin/postgres" --version | awk '{ print $3 }')
    pg_connection="Host=127.0.0.1;Port=$pg_port;Database=training;Username=training;Password=training"
    log "PostgreSQL $pg_version on 127.0.0.1:$pg_port ($pg_dir)"
}

# pg_setting NAME: the running cluster's value of a setting (for the table's header).
pg_setting() {
    pg_as_postgres "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -d postgres -qAt -c "SHOW $1" 2>/dev/null
}

pg_stop() {
    [[ -n $pg_dir ]] || return 0
    if [[ -f $pg_dir/data/postmaster.pid ]]; then
        pg_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
    pg_dir=
}
