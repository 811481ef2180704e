# Shared by the benchmark scripts (sourced, not run): logging, the app jar, and the benchmark database.
# The sourcing script sets ROOT, APP_JAR, PG_PORT and BENCH_DB first.

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

check_bench_db_name() {
  if [[ ! "$BENCH_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || [ "$BENCH_DB" = atlas ] || [ "$BENCH_DB" = postgres ] \
     || [ "$BENCH_DB" = "${ATLAS_TEST_DB:-atlas_test}" ] || [ "$BENCH_DB" = atlas_test ]; then
    die "BENCH_DB='$BENCH_DB' must be a plain lower-case identifier other than atlas, atlas_test, postgres"
  fi
}

# Builds the app jar when it is missing (BENCH_REBUILD=1: always).
build_jar_if_needed() {
  if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f "$APP_JAR" ]; then
    say "building the app (./mvnw -B -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
    [ -f "$APP_JAR" ] || die "build finished but $APP_JAR does not exist"
  else
    newer="$(find "$ROOT"/*/src "$ROOT/pom.xml" "$ROOT"/*/pom.xml -path '*/src/test' -prune \
               -o -type f -newer "$APP_JAR" -print -quit 2>/dev/null || true)"
    if [ -n "$newer" ]; then
      say "note: $APP_JAR is older than $newer; measuring the jar as it is (BENCH_REBUILD=1 rebuilds it)"
    fi
  fi
}


PSQL=""
if [ -x /usr/lib/postgresql/15/bin/psql ]; then PSQL=/usr/lib/postgresql/15/bin/psql
elif command -v psql >/dev/null 2>&1; then PSQL="$(command -v psql)"; fi
DB_SOURCE="env"

# Superuser SQL on the database server `./atlas db start` started (local cluster or docker compose).
su_sql() { # su_sql DB [psql args...]
  local db="$1"; shift
  if [ "$DB_SOURCE" = docker ]; then
    (cd "$ROOT" && docker compose exec -T db psql -X -q -v ON_ERROR_STOP=1 -U atlas -d "$db" "$@")
  else
    [ -n "$PSQL" ] || die "psql not found"
    PGPASSWORD="$SU_PASSWORD" PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -v ON_ERROR_STOP=1 \
      -h 127.0.0.1 -p "$PG_PORT" -U "$SU_USER" -d "$db" "$@"
  fi
}

# One value from the benchmark database as the app's role; empty when psql cannot reach it.
db_value() {
  if [ -n "$PSQL" ]; then
    local uri="${ATLAS_DB_URL#jdbc:}"
    uri="${uri%%\?*}"
    PGUSER="${ATLAS_DB_USER:-${PGUSER:-}}" PGPASSWORD="${ATLAS_DB_PASSWORD:-${PGPASSWORD:-}}" PGCONNECT_TIMEOUT=10 \
      "$PSQL" -X -q -A -t -d "$uri" -c "$1" 2>/dev/null || true
  elif [ "$DB_SOURCE" = docker ]; then
    su_sql "$BENCH_DB" -A -t -c "$1" 2>/dev/null || true
  fi
}

# The database: ATLAS_DB_URL as it is, or a fresh BENCH_DB on the database `./atlas db start` starts.
prepare_bench_db() {
  if [ -n "${ATLAS_DB_URL:-}" ]; then
    say "using ATLAS_DB_URL=$ATLAS_DB_URL as it is (no database recreated)"
    export ATLAS_DB_URL ATLAS_DB_USER="${ATLAS_DB_USER:-}" ATLAS_DB_PASSWORD="${ATLAS_DB_PASSWORD:-}"
  else
    (cd "$ROOT" && ./atlas db start) || die "./atlas db start failed"
    case "$( (cd "$ROOT" && ./atlas db status) | sed -n 's/^source: *//p' | head -n1)" in
      docker*)
        DB_SOURCE=docker
        export ATLAS_DB_USER=atlas ATLAS_DB_PASSWORD=atlas
        ;;
      local*)
        DB_SOURCE=local
        creds="$ROOT/.atlas/credentials"
        [ -r "$creds" ] || die "$creds not readable"
        SU_USER="$(sed -n 's/^ATLAS_PG_SUPERUSER=//p' "$creds" | head -n1)"
        SU_PASSWORD="$(sed -n 's/^ATLAS_PG_SUPERUSER_PASSWORD=//p' "$creds" | head -n1)"
        ATLAS_DB_USER="$(sed -n 's/^ATLAS_PG_APP_USER=//p' "$creds" | head -n1)"
        ATLAS_DB_PASSWORD="$(sed -n 's/^ATLAS_PG_APP_PASSWORD=//p' "$creds" | head -n1)"
        if [ -z "$SU_USER" ] || [ -z "$SU_PASSWORD" ] || [ -z "$ATLAS_DB_USER" ]; then die "$creds is incomplete"; fi
        export ATLAS_DB_USER ATLAS_DB_PASSWORD
        ;;
      *) die "cannot tell the database source from './atlas db status'" ;;
    esac
    export ATLAS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$BENCH_DB"
    say "recreating database '$BENCH_DB' ($DB_SOURCE, 127.0.0.1:$PG_PORT)"
    su_sql postgres <<EOF
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE);
CREATE DATABASE $BENCH_DB OWNER $ATLAS_DB_USER;
EOF
    su_sql "$BENCH_DB" <<'EOF'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgis;
SELECT 'CREATE EXTENSION IF NOT EXISTS pgrouting'
 WHERE EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') \gexec
EOF
  fi
}
