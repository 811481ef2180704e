# The database of ./atlas, sourced (never run) by ./atlas and bench/lib.sh after scripts/common.sh: the source
# (ATLAS_DB_URL, docker compose or the private local cluster), installing and running the local PostgreSQL cluster,
# its credentials, the docker compose database, and the `./atlas db ...` commands.
# shellcheck shell=bash

# --------------------------------------------------------------------------- source selection

DB_SOURCE=""
detect_source() {
  [ -n "$DB_SOURCE" ] && return 0
  if [ -n "${ATLAS_DB_URL:-}" ]; then
    DB_SOURCE="env"
    return 0
  fi
  case "${ATLAS_DB_SOURCE:-}" in
    docker) DB_SOURCE=docker; docker_usable || die "ATLAS_DB_SOURCE=docker but no Docker engine with the compose plugin answers"; return 0 ;;
    local) DB_SOURCE=local; return 0 ;;
    "") ;;
    *) die "ATLAS_DB_SOURCE must be 'docker' or 'local' (got '${ATLAS_DB_SOURCE}')" ;;
  esac
  if docker_usable; then DB_SOURCE=docker; else DB_SOURCE=local; fi
}

docker_compose_available() {
  command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1
}

docker_usable() {
  command -v docker >/dev/null 2>&1 || return 1
  timeout 5 docker info >/dev/null 2>&1 || return 1
  docker compose version >/dev/null 2>&1
}

# docker-compose.yml takes the database password from ATLAS_DB_PASSWORD (no default): pass ours.
compose() {
  docker_password
  (cd "$ROOT" && ATLAS_DB_PASSWORD="$DOCKER_PASSWORD" docker compose -f "$ROOT/docker-compose.yml" "$@")
}

# --------------------------------------------------------------------------- local cluster: install

ensure_pg_installed() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=("PostgreSQL $PG_MAJOR server ($PG_BIN/initdb)")
  [ -x "$PG_BIN/psql" ] || missing+=("PostgreSQL $PG_MAJOR client ($PG_BIN/psql)")
  # The control files and the libraries come from different packages: check both.
  [ -f "$PG_EXT_DIR/postgis.control" ] && compgen -G "$PG_LIB_DIR/postgis-3.so" >/dev/null \
    || missing+=("PostGIS 3 ($PG_EXT_DIR/postgis.control, $PG_LIB_DIR/postgis-3.so)")
  [ -f "$PG_EXT_DIR/pgrouting.control" ] && compgen -G "$PG_LIB_DIR/libpgrouting-*.so" >/dev/null \
    || missing+=("pgRouting ($PG_EXT_DIR/pgrouting.control, $PG_LIB_DIR/libpgrouting-*.so)")
  [ "${#missing[@]}" -eq 0 ] && return 0

  say "ILP Atlas needs PostgreSQL $PG_MAJOR + PostGIS 3 + pgRouting for its private database; installing Debian packages: ${PG_PACKAGES[*]}"
  local m
  for m in "${missing[@]}"; do say "  missing: $m"; done
  say "  (to avoid this, set ATLAS_DB_URL to an existing PostGIS database, or run a Docker engine)"
  command -v apt-get >/dev/null 2>&1 \
    || die "apt-get not found. Install PostgreSQL $PG_MAJOR with PostGIS 3 and pgRouting yourself, or set ATLAS_DB_URL / ATLAS_DB_USER / ATLAS_DB_PASSWORD."
  apt_install "${PG_PACKAGES[@]}"
  if [ ! -x "$PG_BIN/initdb" ] || [ ! -f "$PG_EXT_DIR/postgis.control" ] || [ ! -f "$PG_EXT_DIR/pgrouting.control" ]; then
    die "packages installed but $PG_BIN/initdb or the postgis/pgrouting extensions are still missing"
  fi
  say "packages installed (any system cluster on port 5432 is left alone; ILP Atlas never uses it)"
}

# --------------------------------------------------------------------------- local cluster: layout

PG_OS_USER=""
PGDATA_DIR=""
PG_LOG=""

# Run a command as the OS user that owns the cluster.
run_pg() {
  if is_root; then
    (cd / && runuser -u "$SERVICE_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

ensure_service_user() {
  is_root || return 0
  if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    say "creating system user '$SERVICE_USER' to run the private PostgreSQL cluster (initdb refuses root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER" \
      || die "could not create system user $SERVICE_USER"
  fi
}

# Sets PGDATA_DIR / PG_LOG without creating anything.
resolve_layout() {
  if is_root; then PG_OS_USER="$SERVICE_USER"; else PG_OS_USER="$(id -un)"; fi
  if [ -f "$LOCATION_FILE" ]; then
    PGDATA_DIR="$(head -n1 "$LOCATION_FILE")"
    [ -n "$PGDATA_DIR" ] || die "$LOCATION_FILE is empty; remove it and retry"
  else
    PGDATA_DIR="$STATE_DIR/pg"
  fi
  PG_LOG="$(dirname "$PGDATA_DIR")/postgres.log"
}

cluster_exists() { [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/PG_VERSION" ]; }

# Decide (once) where the data directory lives and create it, owned by PG_OS_USER.
prepare_data_dir() {
  ensure_state_dir
  if [ -f "$LOCATION_FILE" ]; then
    mkdir -p "$PGDATA_DIR"
  elif is_root; then
    mkdir -p "$STATE_DIR/pg"
    chown "$SERVICE_USER:" "$STATE_DIR/pg"
    chmod 700 "$STATE_DIR/pg"
    if ! runuser -u "$SERVICE_USER" -- test -x "$STATE_DIR/pg" \
       || ! runuser -u "$SERVICE_USER" -- test -w "$STATE_DIR/pg"; then
      rmdir "$STATE_DIR/pg" 2>/dev/null || true
      local base="/var/lib/ilp-atlas/$PROJECT_HASH"
      say "user '$SERVICE_USER' cannot reach $STATE_DIR (a parent directory is not traversable); using $base/pg instead"
      mkdir -p /var/lib/ilp-atlas
      chmod 755 /var/lib/ilp-atlas
      mkdir -p "$base/pg"
      chmod 755 "$base"
      printf '%s\n' "$base/pg" >"$LOCATION_FILE"
      PGDATA_DIR="$base/pg"
    fi
  else
    mkdir -p "$STATE_DIR/pg"
  fi
  PG_LOG="$(dirname "$PGDATA_DIR")/postgres.log"
  if is_root; then
    chown "$SERVICE_USER:" "$PGDATA_DIR"
    touch "$PG_LOG"
    chown "$SERVICE_USER:" "$PG_LOG"
  else
    touch "$PG_LOG"
  fi
  chmod 700 "$PGDATA_DIR"
  run_pg test -w "$PGDATA_DIR" || die "$PG_OS_USER cannot write $PGDATA_DIR"
}

# --------------------------------------------------------------------------- credentials

SUPER_PASSWORD=""
APP_PASSWORD=""


cred_get() { sed -n "s/^$1=//p" "$CREDENTIALS_FILE" | head -n1; }

load_or_create_credentials() {
  if [ ! -f "$CREDENTIALS_FILE" ]; then
    cluster_exists && die "cluster $PGDATA_DIR exists but $CREDENTIALS_FILE is missing; remove the cluster (./atlas db stop; rm -rf '$PGDATA_DIR') to recreate it"
    ensure_state_dir
    (
      umask 077
      cat >"$CREDENTIALS_FILE" <<EOF
# ILP Atlas private PostgreSQL cluster credentials (generated by ./atlas; never commit)
ATLAS_PG_SUPERUSER=$PG_SUPERUSER
ATLAS_PG_SUPERUSER_PASSWORD=$(random_secret)
ATLAS_PG_APP_USER=$APP_ROLE
ATLAS_PG_APP_PASSWORD=$(random_secret)
EOF
    )
  fi
  chmod 600 "$CREDENTIALS_FILE"
  load_credentials
}

load_credentials() {
  [ -f "$CREDENTIALS_FILE" ] || die "$CREDENTIALS_FILE not found; run ./atlas db start first"
  SUPER_PASSWORD="$(cred_get ATLAS_PG_SUPERUSER_PASSWORD)"
  APP_PASSWORD="$(cred_get ATLAS_PG_APP_PASSWORD)"
  if [ -z "$SUPER_PASSWORD" ] || [ -z "$APP_PASSWORD" ]; then die "$CREDENTIALS_FILE is incomplete"; fi
}

# --------------------------------------------------------------------------- local cluster: control

# Prints the port of the running cluster (from postmaster.pid), empty if not running.
running_port() {
  cluster_exists || return 0
  if run_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true
  fi
}

su_psql() { # su_psql DB [psql args...]
  local db="$1"; shift
  PGPASSWORD="$SUPER_PASSWORD" PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d "$db" "$@"
}


init_cluster() {
  say "initialising private PostgreSQL $PG_MAJOR cluster in $PGDATA_DIR (OS user $PG_OS_USER)"
  local pwfile
  pwfile="$(dirname "$PGDATA_DIR")/.pwfile.$$"
  (umask 077; printf '%s\n' "$SUPER_PASSWORD" >"$pwfile")
  if is_root; then chown "$SERVICE_USER:" "$pwfile"; fi
  local -a locale_opts=(--no-locale)
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale_opts=(--locale=C.UTF-8); fi
  if ! run_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U "$PG_SUPERUSER" --pwfile="$pwfile" \
        --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 "${locale_opts[@]}" >"$STATE_DIR/initdb.log" 2>&1; then
    rm -f "$pwfile"
    tail -n 20 "$STATE_DIR/initdb.log" >&2 || true
    die "initdb failed (full log: $STATE_DIR/initdb.log)"
  fi
  rm -f "$pwfile"
  run_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null <<'EOF'

# ---- ILP Atlas private cluster (written by ./atlas) ----
# TCP on loopback only; the port is passed by ./atlas (ATLAS_PG_PORT, default 54329).
listen_addresses = '127.0.0.1'
# No unix socket: everything (incl. ./atlas itself) connects over TCP with a password.
unix_socket_directories = ''
max_connections = 200
password_encryption = 'scram-sha-256'
EOF
}

# Create role/database/extensions if missing and keep the role password in sync. Cheap when nothing to do.
ensure_roles_and_demo_db() {
  su_psql postgres <<EOF
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', '$APP_ROLE', $(sql_literal "$APP_PASSWORD"))
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$DEMO_DB', '$APP_ROLE')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DEMO_DB') \gexec
EOF
  create_extensions_local "$DEMO_DB"
  seal_audit_owner_local "$DEMO_DB"
}

create_extensions_local() { # create_extensions_local DB [postgis-only]
  su_psql "$1" <<'EOF'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgis;
EOF
  [ "${2:-}" = postgis-only ] && return 0
  su_psql "$1" <<'EOF'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgrouting;
EOF
}

# The audit log's own owner role and the superuser's part of its hand-over (db/setup/audit-owner.sql; idempotent):
# migration V17 then leaves the app role SELECT and INSERT on audit_log only (README "The audit log").
seal_audit_owner_local() {
  su_psql "$1" -v app_role="$APP_ROLE" -f "$ROOT/db/src/main/resources/db/setup/audit-owner.sql"
}

recreate_db_local() { # recreate_db_local NAME [postgis-only]
  local db="$1"
  su_psql postgres <<EOF
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER $APP_ROLE;
EOF
  create_extensions_local "$db" "${2:-}"
  seal_audit_owner_local "$db"
}

local_start() {
  ensure_state_dir
  # Serialise concurrent `./atlas` invocations (install, initdb, start) on this checkout.
  exec 9>"$STATE_DIR/lock"
  flock -w 900 9 || die "timed out waiting for another ./atlas process holding $STATE_DIR/lock"
  local_start_locked
  exec 9>&-
}

local_start_locked() {
  ensure_pg_installed
  ensure_service_user
  resolve_layout

  local rport
  rport="$(running_port)"
  if [ -n "$rport" ]; then
    [ "$rport" = "$PG_PORT" ] \
      || die "the local cluster is already running on port $rport, not ATLAS_PG_PORT=$PG_PORT; run ./atlas db stop first to change the port"
    load_credentials
    ensure_roles_and_demo_db
    say "local database already running on 127.0.0.1:$PG_PORT"
    return 0
  fi

  if port_in_use "$PG_PORT"; then
    die "port $PG_PORT on 127.0.0.1 is already in use by another process (not the ILP Atlas cluster). Stop it or choose another port, e.g. ATLAS_PG_PORT=54330 ./atlas db start"
  fi

  if ! cluster_exists; then
    prepare_data_dir
    load_or_create_credentials
    init_cluster
  else
    load_credentials
    PG_LOG="$(dirname "$PGDATA_DIR")/postgres.log"
    if is_root && [ ! -e "$PG_LOG" ]; then touch "$PG_LOG"; chown "$SERVICE_USER:" "$PG_LOG"; fi
  fi

  say "starting local PostgreSQL on 127.0.0.1:$PG_PORT (data: $PGDATA_DIR)"
  if ! run_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 -o "-p $PG_PORT" start >/dev/null 9>&-; then
    say "PostgreSQL failed to start; last lines of $PG_LOG:"
    tail -n 25 "$PG_LOG" >&2 || true
    die "could not start the local PostgreSQL cluster"
  fi
  ensure_roles_and_demo_db
  say "local database ready: $(local_url "$DEMO_DB") (user $APP_ROLE, password in .atlas/credentials)"
}

local_stop() {
  resolve_layout
  if ! cluster_exists; then say "no local cluster initialised ($PGDATA_DIR)"; return 0; fi
  if [ -z "$(running_port)" ]; then say "local database is not running"; return 0; fi
  run_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -w -t 60 -m fast stop >/dev/null
  say "local database stopped"
}

local_url() { printf 'jdbc:postgresql://127.0.0.1:%s/%s' "$PG_PORT" "$1"; }

# --------------------------------------------------------------------------- docker

DOCKER_USER=atlas
DOCKER_PASSWORD=""
DOCKER_PASSWORD_FILE="$STATE_DIR/docker-db-password"

# The password of the compose database: ATLAS_DB_PASSWORD when set, else one generated once and kept in
# .atlas/docker-db-password (mode 600, never in git).
docker_password() {
  [ -z "$DOCKER_PASSWORD" ] || return 0
  if [ -n "${ATLAS_DB_PASSWORD:-}" ]; then
    DOCKER_PASSWORD="$ATLAS_DB_PASSWORD"
    return 0
  fi
  ensure_state_dir
  if [ ! -s "$DOCKER_PASSWORD_FILE" ]; then
    (umask 077; random_secret >"$DOCKER_PASSWORD_FILE")
  fi
  DOCKER_PASSWORD="$(cat "$DOCKER_PASSWORD_FILE")"
}

docker_start() {
  say "starting docker compose service 'db' (127.0.0.1:$PG_PORT)"
  compose up -d --wait db || die "docker compose up -d --wait db failed"
  # A volume initialised earlier keeps its first password (once the fixed 'atlas'): set ours, and add pgRouting
  # where the volume predates the database image that has it.
  docker_psql_su postgres -c "ALTER ROLE $DOCKER_USER PASSWORD $(sql_literal "$DOCKER_PASSWORD")" >/dev/null
  docker_psql_su "$DEMO_DB" <<'EOF'
SET client_min_messages = warning;
SELECT 'CREATE EXTENSION IF NOT EXISTS pgrouting'
 WHERE EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') \gexec
EOF
}

docker_psql_su() { # docker_psql_su DB [psql args...]
  local db="$1"; shift
  compose exec -T db psql -X -q -v ON_ERROR_STOP=1 -U "$DOCKER_USER" -d "$db" "$@"
}

docker_recreate_db() { # docker_recreate_db NAME [postgis-only]
  local db="$1" only="${2:-}"
  docker_psql_su postgres <<EOF
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER $DOCKER_USER;
EOF
  docker_psql_su "$db" <<'EOF'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgis;
EOF
  [ "$only" = postgis-only ] && return 0
  docker_psql_su "$db" <<'EOF'
SET client_min_messages = warning;
SELECT 'CREATE EXTENSION IF NOT EXISTS pgrouting'
 WHERE EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') \gexec
EOF
}

# --------------------------------------------------------------------------- source-independent db API

# Start/prepare the selected source and export ATLAS_DB_URL/USER/PASSWORD for database $1 (default: demo).
db_start_and_export() {
  local db="${1:-$DEMO_DB}"
  detect_source
  case "$DB_SOURCE" in
    env)
      say "using ATLAS_DB_URL=$ATLAS_DB_URL (external database; nothing started)"
      export ATLAS_DB_URL
      if [ -n "${ATLAS_DB_USER:-}" ]; then export ATLAS_DB_USER; fi
      if [ -n "${ATLAS_DB_PASSWORD:-}" ]; then export ATLAS_DB_PASSWORD; fi
      ;;
    docker)
      docker_start
      export ATLAS_DB_URL ATLAS_DB_USER ATLAS_DB_PASSWORD
      ATLAS_DB_URL="$(local_url "$db")"; ATLAS_DB_USER="$DOCKER_USER"; ATLAS_DB_PASSWORD="$DOCKER_PASSWORD"
      ;;
    local)
      local_start
      export ATLAS_DB_URL ATLAS_DB_USER ATLAS_DB_PASSWORD
      ATLAS_DB_URL="$(local_url "$db")"; ATLAS_DB_USER="$APP_ROLE"; ATLAS_DB_PASSWORD="$APP_PASSWORD"
      ;;
  esac
}

cmd_db_start() { db_start_and_export "$DEMO_DB"; }

cmd_db_stop() {
  detect_source
  case "$DB_SOURCE" in
    env) say "ATLAS_DB_URL is set: './atlas db stop' only manages the local/docker database; nothing to stop" ;;
    docker) compose stop db; say "docker service 'db' stopped" ;;
    local) local_stop ;;
  esac
}

cmd_db_status() {
  detect_source
  case "$DB_SOURCE" in
    env)
      echo "source:   ATLAS_DB_URL (external database, managed by you)"
      echo "url:      $ATLAS_DB_URL"
      echo "user:     ${ATLAS_DB_USER:-<unset>}"
      ;;
    docker)
      echo "source:   docker compose service 'db' ($ROOT/docker-compose.yml)"
      local state
      state="$(compose ps --format '{{.State}} ({{.Health}})' db 2>/dev/null || true)"
      echo "running:  ${state:-no}"
      echo "port:     127.0.0.1:$PG_PORT"
      echo "url:      $(local_url "$DEMO_DB")  (user $DOCKER_USER, password: ATLAS_DB_PASSWORD or .atlas/docker-db-password)"
      echo "data:     docker volume atlas-pgdata"
      ;;
    local)
      resolve_layout
      echo "source:   local private PostgreSQL $PG_MAJOR cluster (OS user $PG_OS_USER)"
      if ! cluster_exists; then
        echo "running:  no (not initialised yet; ./atlas db start creates it)"
        echo "data:     $PGDATA_DIR"
        return 0
      fi
      local rport
      rport="$(running_port)"
      if [ -n "$rport" ]; then
        echo "running:  yes (pid $(head -n1 "$PGDATA_DIR/postmaster.pid"))"
        echo "port:     127.0.0.1:$rport"
        [ "$rport" = "$PG_PORT" ] || echo "note:     ATLAS_PG_PORT is $PG_PORT but the cluster runs on $rport"
      else
        echo "running:  no"
        echo "port:     127.0.0.1:$PG_PORT (when started)"
      fi
      echo "url:      $(local_url "$DEMO_DB")  (user $APP_ROLE, password in .atlas/credentials)"
      echo "data:     $PGDATA_DIR"
      echo "log:      $(dirname "$PGDATA_DIR")/postgres.log"
      ;;
  esac
}

cmd_db_url() {
  detect_source
  case "$DB_SOURCE" in
    env) printf '%s\n' "$ATLAS_DB_URL" ;;
    *) printf '%s\n' "$(local_url "$DEMO_DB")" ;;
  esac
}

cmd_db_psql() {
  detect_source
  case "$DB_SOURCE" in
    env)
      command -v psql >/dev/null 2>&1 || die "psql not found (apt-get install postgresql-client)"
      local uri="${ATLAS_DB_URL#jdbc:}"
      uri="${uri%%\?*}"
      PGUSER="${ATLAS_DB_USER:-${PGUSER:-}}" PGPASSWORD="${ATLAS_DB_PASSWORD:-${PGPASSWORD:-}}" exec psql "$uri" "$@"
      ;;
    docker)
      local psql_bin=""
      if [ -x "$PG_BIN/psql" ]; then psql_bin="$PG_BIN/psql"; elif command -v psql >/dev/null 2>&1; then psql_bin="$(command -v psql)"; fi
      if [ -n "$psql_bin" ]; then
        docker_password
        PGPASSWORD="$DOCKER_PASSWORD" exec "$psql_bin" -h 127.0.0.1 -p "$PG_PORT" -U "$DOCKER_USER" -d "$DEMO_DB" "$@"
      fi
      local -a tty=()
      [ -t 0 ] || tty=(-T)
      cd "$ROOT" && exec docker compose exec "${tty[@]}" db psql -U "$DOCKER_USER" -d "$DEMO_DB" "$@"
      ;;
    local)
      resolve_layout
      load_credentials
      [ -n "$(running_port)" ] || die "local database is not running; run ./atlas db start"
      PGPASSWORD="$APP_PASSWORD" exec "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$APP_ROLE" -d "$DEMO_DB" "$@"
      ;;
  esac
}

cmd_db_reset() {
  local yes=0 a
  for a in "$@"; do
    case "$a" in
      --yes|-y) yes=1 ;;
      *) die "unknown option for db reset: $a" ;;
    esac
  done
  detect_source
  if [ "$DB_SOURCE" = env ]; then
    die "ATLAS_DB_URL is set: './atlas db reset' only manages the local/docker database; reset your external database yourself"
  fi
  if [ "$yes" -eq 0 ] && [ -t 0 ]; then
    local answer=""
    read -r -p "atlas: drop and recreate database '$DEMO_DB' ($DB_SOURCE)? All demo data is lost. [y/N] " answer
    case "$answer" in y|Y|yes|YES) ;; *) say "aborted"; exit 1 ;; esac
  fi
  db_start_and_export "$DEMO_DB"
  say "dropping and recreating database '$DEMO_DB'"
  case "$DB_SOURCE" in
    docker) docker_recreate_db "$DEMO_DB" ;;
    local) recreate_db_local "$DEMO_DB" ;;
  esac
  say "database '$DEMO_DB' recreated (empty, with extensions); the app's Flyway migrations fill it on next start"
}
