# ILP Atlas shell basics, sourced (never run) by ./atlas and bench/lib.sh: the project's state directory, the
# database constants, logging, ports, secrets and Debian packages. The sourcing script sets ROOT (the project root)
# first, and SAY_AS (the name its messages start with: atlas, bench) when it is not ./atlas.
# shellcheck shell=bash
# The constants below are read by the files that source this one (db.sh, app.sh, test.sh, bench/lib.sh), which
# a check of this file alone cannot see.
# shellcheck disable=SC2034

# --------------------------------------------------------------------------- basics

STATE_DIR="$ROOT/.atlas"
CREDENTIALS_FILE="$STATE_DIR/credentials"
LOCATION_FILE="$STATE_DIR/pgdata-location"

PG_MAJOR=15
PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_EXT_DIR="/usr/share/postgresql/$PG_MAJOR/extension"
PG_LIB_DIR="/usr/lib/postgresql/$PG_MAJOR/lib"
PG_PACKAGES=("postgresql-$PG_MAJOR" "postgresql-$PG_MAJOR-postgis-3" "postgresql-$PG_MAJOR-pgrouting")
PG_PORT="${ATLAS_PG_PORT:-54329}"
PG_SUPERUSER=postgres
APP_ROLE=atlas
DEMO_DB=atlas
TEST_DB="${ATLAS_TEST_DB:-atlas_test}"
# A second test database with PostGIS and without pgRouting: the app must start and serve on it (PgRoutingMissingTest).
TEST_DB_NO_ROUTING="${TEST_DB}_without_pgrouting"
SERVICE_USER=ilpatlas   # unprivileged OS user that runs the cluster when we are root

PROJECT_HASH="$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)"

SAY_AS="${SAY_AS:-atlas}"
say() { printf '%s: %s\n' "$SAY_AS" "$*" >&2; }
die() { printf '%s: error: %s\n' "$SAY_AS" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

valid_port() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

# True when something accepts TCP connections (or listens) on 127.0.0.1:$1.
port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
      return 0
    fi
  fi
  if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    return 0
  fi
  return 1
}

ensure_state_dir() {
  mkdir -p "$STATE_DIR"
  chmod 755 "$STATE_DIR"
}


random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

# --------------------------------------------------------------------------- local cluster: install

# apt_install PKG...: install Debian packages as root or via 'sudo -n'; on failure run apt-get update and retry once.
apt_install() {
  local cmd="apt-get install -y --no-install-recommends $*"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install these yourself: $*"
  local -a sudo_cmd=()
  if ! is_root; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo_cmd=(sudo -n)
    else
      die "installing packages needs root and 'sudo -n' is not available. Run this once, then retry:
    sudo apt-get update && sudo $cmd"
    fi
  fi
  local -a apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
  if ! "${apt[@]}" install -y --no-install-recommends "$@"; then
    say "apt-get install failed; running apt-get update and retrying"
    "${apt[@]}" update \
      || die "apt-get update failed; fix the package sources, then run: $cmd"
    "${apt[@]}" install -y --no-install-recommends "$@" \
      || die "could not install $*; run manually: $cmd"
  fi
}
