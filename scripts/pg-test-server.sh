#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL 15 server, for the team-mode tests:
#   scripts/pg-test-server.sh COMMAND [ARGS...]
# The server lives in a temporary folder (initdb), listens on a free loopback port only, checks
# passwords (scram-sha-256) and is stopped and deleted when COMMAND ends, however it ends. The
# command sees REFUNDDESK_TEST_PG=postgresql://refunddesk_admin@127.0.0.1:PORT/postgres (a
# superuser) and PGPASSFILE (a 0600 file holding the one password every test role uses), so
# no password is ever on a command line. PostgreSQL refuses to run as root, so as root the server
# runs as the unprivileged `postgres` user that the postgresql-15 package creates.
# Without PostgreSQL the command runs alone and the PostgreSQL tests skip, saying why.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

bindir=${REFUNDDESK_PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
    echo "pg-test-server: no PostgreSQL 15 in $bindir; the PostgreSQL tests will skip" >&2
    exec "$@"
fi

as_server=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "pg-test-server: running as root needs the 'postgres' user (package postgresql-15)" >&2; exit 1; }
    as_server=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/refunddesk-pg.XXXXXX")
chmod 0755 "$dir"
data="$dir/data"
pgpass="$dir/pgpass"
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
started=0

cleanup() {
    if [ "$started" = 1 ]; then
        "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ ${#as_server[@]} -gt 0 ]; then
    chown postgres: "$dir"
fi
# The superuser's password reaches initdb through a file, never an argument.
umask 077
printf '%s\n' "$password" >"$dir/pwfile"
[ ${#as_server[@]} -gt 0 ] && chown postgres: "$dir/pwfile"
"${as_server[@]}" "$bindir/initdb" -D "$data" -U refunddesk_admin --pwfile="$dir/pwfile" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pwfile"
umask 022

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # fsync off: a test server that is thrown away needs no durability, and the machine is shared.
    if "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null 2>&1; then
        started=1
        break
    fi
    echo "pg-test-server: port $port was taken, trying another (attempt $attempt)" >&2
done
[ "$started" = 1 ] || { cat "$dir/server.log" >&2; exit 1; }

printf '127.0.0.1:%s:*:*:%s\n' "$port" "$password" >"$pgpass"
chmod 0600 "$pgpass"
export PGPASSFILE="$pgpass"
export REFUNDDESK_TEST_PG="postgresql://refunddesk_admin@127.0.0.1:$port/postgres"
echo "pg-test-server: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
