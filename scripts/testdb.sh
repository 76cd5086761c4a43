#!/usr/bin/env bash
# Starts the MariaDB server the handler tests use, installing it first when it is missing.
#
#   scripts/testdb.sh start   install if needed, start (idempotent), print the DSN export line
#   scripts/testdb.sh stop    stop the server
#
# The server is private to this checkout: data in .cache/mariadb, TCP on 127.0.0.1:$WPFLEET_TEST_DB_PORT
# (default 33306), a test user with a password. It never touches a system MariaDB/MySQL.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.cache/mariadb"
port="${WPFLEET_TEST_DB_PORT:-33306}"
user=wpfleet_test
password=wpfleet_test_pw
sock="$dir/mysqld.sock"

log() { echo "testdb: $*" >&2; }

find_bin() {
  for b in "$@"; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
    for d in /usr/sbin /usr/libexec /usr/local/sbin; do
      [ -x "$d/$b" ] && { echo "$d/$b"; return 0; }
    done
  done
  return 1
}

install_server() {
  if find_bin mariadbd mysqld >/dev/null && find_bin mariadb-install-db mysql_install_db >/dev/null; then
    return 0
  fi
  log "MariaDB is not installed: installing mariadb-server with apt-get"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p "$dir"
  $sudo apt-get update -qq >"$dir/apt.log" 2>&1 || log "apt-get update failed; trying the install anyway"
  # The package's own service is not needed: policy-rc.d keeps it from starting.
  if [ -n "$sudo" ] || [ -w /usr/sbin ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
  fi
  if ! $sudo apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client >>"$dir/apt.log" 2>&1; then
    tail -30 "$dir/apt.log" >&2
    log "installing mariadb-server failed (full log: $dir/apt.log)"
    exit 1
  fi
  log "installed $(find_bin mariadbd mysqld)"
  $sudo rm -f /usr/sbin/policy-rc.d
}

client() { "$(find_bin mariadb mysql)" --no-defaults --protocol=socket -S "$sock" -uroot "$@"; }

running() { [ -S "$sock" ] && client -e 'SELECT 1' >/dev/null 2>&1; }

start() {
  install_server
  if running; then
    log "already running on 127.0.0.1:$port"
  else
    local mysqld installdb me
    mysqld=$(find_bin mariadbd mysqld)
    installdb=$(find_bin mariadb-install-db mysql_install_db)
    me=$(id -un)
    mkdir -p "$dir"
    if [ ! -d "$dir/data/mysql" ]; then
      log "initializing $dir/data"
      "$installdb" --no-defaults --datadir="$dir/data" --user="$me" --auth-root-authentication-method=socket \
        --skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
    fi
    log "starting MariaDB on 127.0.0.1:$port"
    "$mysqld" --no-defaults --datadir="$dir/data" --socket="$sock" --pid-file="$dir/mysqld.pid" \
      --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --user="$me" --skip-log-bin --innodb-buffer-pool-size=64M \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --log-error="$dir/error.log" >/dev/null 2>&1 &
    for _ in $(seq 1 60); do
      running && break
      sleep 0.5
    done
    running || { log "MariaDB did not start:"; tail -20 "$dir/error.log" >&2; exit 1; }
  fi
  client -e "CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
             CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
             GRANT ALL PRIVILEGES ON *.* TO '$user'@'127.0.0.1' WITH GRANT OPTION;
             GRANT ALL PRIVILEGES ON *.* TO '$user'@'localhost' WITH GRANT OPTION;"
  echo "export WPFLEET_TEST_MYSQL='$user:$password@tcp(127.0.0.1:$port)/'"
}

stop() {
  if [ -f "$dir/mysqld.pid" ]; then
    kill "$(cat "$dir/mysqld.pid")" 2>/dev/null || true
    log "stopped"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
