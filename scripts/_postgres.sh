# Sourced by scripts/test: start a throwaway PostgreSQL server on 127.0.0.1 for the
# suite's PostgreSQL half, and stop it when the script ends. Sets
# BELIEFUPDATE_TEST_POSTGRES (an admin URL) on success; otherwise sets
# BELIEFUPDATE_TEST_POSTGRES_MISSING to the reason, which the tests that need a
# server show when they skip. Expects $VENV.

pg_bin_dir() {
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return
    fi
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_test_postgres() {
    local bin dir port password as=""
    bin="$(pg_bin_dir)"
    if [ -z "$bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing PostgreSQL for the tests (postgresql)" >&2
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1 || true
        bin="$(pg_bin_dir)"
    fi
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        export BELIEFUPDATE_TEST_POSTGRES_MISSING="PostgreSQL is not installed (sudo apt-get install postgresql)"
        return
    fi
    dir="$(mktemp -d "${TMPDIR:-/tmp}/beliefupdate-pg.XXXXXX")"
    # initdb refuses to run as root: the server runs as Debian's postgres user then.
    if [ "$(id -u)" = 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            export BELIEFUPDATE_TEST_POSTGRES_MISSING="running as root and there is no postgres user to run the server as"
            rm -rf "$dir"
            return
        fi
        chown postgres "$dir"
        as="runuser -u postgres --"
    fi
    password="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))')"
    port="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    printf '%s\n' "$password" > "$dir/pw"
    chmod 600 "$dir/pw"
    [ -n "$as" ] && chown postgres "$dir/pw"
    # Password authentication over TCP, as a real server has it: the tests check that a wrong
    # password is reported well and that a password never shows. Durability settings are off:
    # a test server that loses power loses nothing anyone needs.
    if ! $as "$bin/initdb" -D "$dir/data" -U beliefupdate_test --pwfile="$dir/pw" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || ! $as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null 2>&1; then
        export BELIEFUPDATE_TEST_POSTGRES_MISSING="the test PostgreSQL server did not start: $(tail -n 1 "$dir/server.log" "$dir/initdb.log" 2>/dev/null | tr '\n' ' ')"
        rm -rf "$dir"
        return
    fi
    rm -f "$dir/pw"
    TEST_PG_DIR="$dir"
    TEST_PG_AS="$as"
    TEST_PG_BIN="$bin"
    export BELIEFUPDATE_TEST_POSTGRES="postgresql://beliefupdate_test:$password@127.0.0.1:$port/postgres"
    # pg_dump and psql of the same version as the server, for the backup tests.
    export PATH="$PATH:$bin"
    echo "test PostgreSQL server $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

stop_test_postgres() {
    if [ -n "${TEST_PG_DIR:-}" ]; then
        $TEST_PG_AS "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$TEST_PG_DIR"
        TEST_PG_DIR=""
    fi
}
