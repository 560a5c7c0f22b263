#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests: initdb in a temp dir as an unprivileged user,
# listening only on 127.0.0.1:$PORT; prints the URL to export as KETNOI_TEST_PG_URL.
#   tools/pg-test-cluster.sh [start]   # -> postgresql://ketnoi@127.0.0.1:54329/ketnoi
#   tools/pg-test-cluster.sh stop      # stops it and removes its directory
# Env: KETNOI_PG_PORT (54329), KETNOI_PG_DIR (/tmp/ketnoi-pg-$PORT), KETNOI_PG_USER
# (ketnoi-ci, created when running as root; otherwise the current user runs the cluster).
set -euo pipefail
port=${KETNOI_PG_PORT:-54329}
dir=${KETNOI_PG_DIR:-/tmp/ketnoi-pg-$port}
bin=${KETNOI_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/initdb" ] || { echo "pg-test-cluster: no PostgreSQL server (apt-get install postgresql)" >&2; exit 2; }

# PostgreSQL refuses to run as root: run it as an unprivileged system user.
if [ "$(id -u)" = 0 ]; then
  user=${KETNOI_PG_USER:-ketnoi-ci}
  id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  as() { runuser -u "$user" -- "$@"; }
else
  as() { "$@"; }
fi

case "${1:-start}" in
  start)
    if [ -f "$dir/data/postmaster.pid" ] && as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "postgresql://ketnoi@127.0.0.1:$port/ketnoi"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown "$user" "$dir"
    as "$bin/initdb" -D "$dir/data" -U ketnoi --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback TCP only, socket in the cluster dir: nothing else on the machine is touched.
    # fsync off: a throw-away cluster trades durability for test speed.
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=100" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as "$bin/createdb" -h 127.0.0.1 -p "$port" -U ketnoi ketnoi
    echo "postgresql://ketnoi@127.0.0.1:$port/ketnoi"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
