# shellcheck shell=bash
# Private, throw-away PostgreSQL 15 cluster for the test suite.
#
# Sourced by scripts/test. Usage:
#   trap pg_stop EXIT          # (scripts/test does this in its own EXIT handler)
#   pg_start                   # sets PG_PORT, PG_TMP, exports FENGQIAO_TEST_DATABASE_URL
#   ... tests ...
#   pg_stop                    # idempotent; safe after a partial pg_start
#
# The cluster lives in a fresh `mktemp -d` directory owned by `postgres`
# (PostgreSQL refuses to run as root), listens on 127.0.0.1 only, uses trust
# auth and is tuned for speed, not durability (fsync off).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DB=${PG_DB:-fengqiao_test}
PG_FIRST_PORT=${PG_FIRST_PORT:-55432}
PG_PORT_TRIES=${PG_PORT_TRIES:-50}
PG_TMP=""
PG_PORT=""

# Run a command as the `postgres` OS user when we are root, else as ourselves.
pg__as_owner() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# True if something already accepts TCP connections on 127.0.0.1:$1.
pg__port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_start() {
    if [[ ! -x $PG_BIN/initdb ]]; then
        echo "postgres: $PG_BIN/initdb not found (is postgresql-15 installed?)" >&2
        return 1
    fi
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        echo "postgres: OS user 'postgres' does not exist (is postgresql-15 installed?)" >&2
        return 1
    fi

    PG_TMP=$(mktemp -d /tmp/fengqiao-pg.XXXXXX)
    if [[ $EUID -eq 0 ]]; then
        chown postgres: "$PG_TMP"
    fi
    chmod 700 "$PG_TMP"

    if ! pg__as_owner "$PG_BIN/initdb" -D "$PG_TMP/data" --auth=trust -U postgres \
            --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_TMP/initdb.log" 2>&1; then
        echo "postgres: initdb failed:" >&2
        cat "$PG_TMP/initdb.log" >&2
        return 1
    fi

    local port=$PG_FIRST_PORT last=$((PG_FIRST_PORT + PG_PORT_TRIES - 1))
    while ((port <= last)); do
        if pg__port_in_use "$port"; then
            port=$((port + 1))
            continue
        fi
        if pg__as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w -t 60 \
                -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
                start >"$PG_TMP/pg_ctl.log" 2>&1; then
            PG_PORT=$port
            break
        fi
        # Lost a race for the port, or a real failure: show why, try the next port.
        echo "postgres: could not start on port $port; log tail:" >&2
        tail -n 5 "$PG_TMP/postgres.log" >&2 2>/dev/null || true
        pg__as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
        port=$((port + 1))
    done
    if [[ -z $PG_PORT ]]; then
        echo "postgres: no usable port in $PG_FIRST_PORT..$last" >&2
        return 1
    fi

    if ! "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DB"; then
        echo "postgres: createdb $PG_DB failed" >&2
        return 1
    fi

    export FENGQIAO_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"
    echo "postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT, data in $PG_TMP"
}

# Stop the cluster (immediately: it is disposable) and delete its directory.
# Never fails, so it is safe in an EXIT trap.
pg_stop() {
    if [[ -n $PG_TMP && -d $PG_TMP ]]; then
        if [[ -f $PG_TMP/data/postmaster.pid ]]; then
            pg__as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PG_TMP" || true
        echo "postgres: stopped and removed $PG_TMP"
    fi
    PG_TMP=""
    PG_PORT=""
    return 0
}
