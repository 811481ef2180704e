# Shared by the benchmark scripts (sourced, not run): logging, the app jar, and the benchmark database.
# The sourcing script sets ROOT first, and APP_JAR and BENCH_DB where it uses them. The database is ./atlas's own
# (scripts/common.sh, scripts/db.sh, sourced here): the same source (ATLAS_DB_URL, docker compose or the private
# local cluster), port (ATLAS_PG_PORT), credentials and extensions as `./atlas db start`.
# shellcheck shell=bash

SAY_AS=bench
# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"
# shellcheck source=scripts/db.sh
. "$ROOT/scripts/db.sh"

BENCH_DIR="$ROOT/bench"
# shellcheck disable=SC2034  # where the sourcing scripts write their results
RESULTS_DIR="$BENCH_DIR/results"

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

check_bench_db_name() {
  if [[ ! "${BENCH_DB:-}" =~ ^[a-z_][a-z0-9_]*$ ]] || [ "$BENCH_DB" = atlas ] || [ "$BENCH_DB" = postgres ] \
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

# abs_path PATH: PATH made absolute, a relative one taken from the directory the script was started in ($PWD); the
# directory's symbolic links resolved when it exists.
abs_path() {
  local path="$1"
  case "$path" in /*) ;; *) path="$PWD/$path" ;; esac
  if [ -d "$(dirname "$path")" ]; then path="$(cd "$(dirname "$path")" && pwd -P)/$(basename "$path")"; fi
  printf '%s\n' "$path"
}

# bench_jar build|nobuild: APP_JAR, the jar measured: BENCH_JAR as given (abs_path; never rebuilt), else
# api/target/ilp-atlas-api.jar, built when missing (BENCH_REBUILD=1: always) with build, never with nobuild.
# Dies when it does not exist.
bench_jar() {
  if [ -n "${BENCH_JAR:-}" ]; then
    APP_JAR="$(abs_path "$BENCH_JAR")"
  else
    APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
    [ "$1" = nobuild ] || build_jar_if_needed
  fi
  [ -f "$APP_JAR" ] || die "BENCH_JAR=$APP_JAR does not exist"
}

# need TOOL HINT: dies with "TOOL not found: HINT" when TOOL is not on the PATH.
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found${2:+: $2}"; }

# floor_preamble TOOL...: what bench/floor-*.sh and bench/peer.sh check first: BENCH_DB's name and the TOOLs (java,
# curl, ...) on the PATH; and a NIK key of the benchmark's own for the app unless ATLAS_NIK_KEY is set.
floor_preamble() {
  local tool
  check_bench_db_name
  for tool in "$@"; do
    case "$tool" in
      java) need java "install a JDK 17 (apt-get install openjdk-17-jdk-headless)" ;;
      *) need "$tool" "apt-get install $tool" ;;
    esac
  done
  export ATLAS_NIK_KEY="${ATLAS_NIK_KEY:-bench-only-nik-key-0123456789abcdef0123456789}"
}


PSQL=""
if [ -x "$PG_BIN/psql" ]; then PSQL="$PG_BIN/psql"
elif command -v psql >/dev/null 2>&1; then PSQL="$(command -v psql)"; fi

# Superuser SQL on the database server `./atlas db start` started (local cluster or docker compose).
su_sql() { # su_sql DB [psql args...]
  if [ "$DB_SOURCE" = docker ]; then docker_psql_su "$@"; else su_psql "$@"; fi
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

# The database: ATLAS_DB_URL as it is (DB_SOURCE env), or a fresh BENCH_DB on the database `./atlas db start` starts
# (DB_SOURCE local or docker; ATLAS_DB_URL, ATLAS_DB_USER and ATLAS_DB_PASSWORD exported for it).
prepare_bench_db() {
  if [ -n "${ATLAS_DB_URL:-}" ]; then
    say "using ATLAS_DB_URL=$ATLAS_DB_URL as it is (no database recreated)"
    DB_SOURCE="env"
    export ATLAS_DB_URL ATLAS_DB_USER="${ATLAS_DB_USER:-}" ATLAS_DB_PASSWORD="${ATLAS_DB_PASSWORD:-}"
  else
    valid_port "$PG_PORT" || die "ATLAS_PG_PORT='$PG_PORT' is not a valid TCP port"
    db_start_and_export "$BENCH_DB"
    say "recreating database '$BENCH_DB' ($DB_SOURCE, 127.0.0.1:$PG_PORT)"
    case "$DB_SOURCE" in
      local) recreate_db_local "$BENCH_DB" ;;
      docker)
        docker_recreate_db "$BENCH_DB"
        # The audit log's own owner role (V17 refuses to migrate without it), as ./atlas does for its databases.
        su_sql "$BENCH_DB" -v app_role="$ATLAS_DB_USER" <"$ROOT/db/src/main/resources/db/setup/audit-owner.sql"
        ;;
    esac
  fi
}

# bench_prepare: what every bench of the app does first: the app jar (built when stale), the bench database, psql,
# and the bench's own NIK key.
bench_prepare() {
  build_jar_if_needed
  prepare_bench_db
  [ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"
  export ATLAS_NIK_KEY="${ATLAS_NIK_KEY:-bench-only-nik-key-0123456789abcdef0123456789}"
}

# ------------------------------------------------------------------------------------------------ the app under test
# Shared by the scripts that run the app jar (indicators, tiles, load, faults, outreach, registry).

# bench_app_setup NAME FIRST_PORT: PORT (BENCH_PORT, else the first free one of FIRST_PORT..FIRST_PORT+99), BASE,
# WORK (a temporary folder: removed when the script succeeds, kept for its logs when it fails), APP_LOG, APP_PID, and
# the EXIT trap that stops the app (after the script's own bench_cleanup_extra, when it defines one).
bench_app_setup() {
  local name="$1" first="$2" p
  PORT="${BENCH_PORT:-}"
  if [ -z "$PORT" ]; then
    for p in $(seq "$first" $((first + 99))); do if ! port_in_use "$p"; then PORT="$p"; break; fi; done
  fi
  [ -n "$PORT" ] || die "no free port; set BENCH_PORT"
  BASE="http://127.0.0.1:$PORT"
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/atlas-bench-$name.XXXXXX")"
  APP_LOG="$WORK/app.log"
  APP_PID=""
  trap bench_exit EXIT
}

bench_exit() {
  local rc=$?
  if declare -F bench_cleanup_extra >/dev/null; then bench_cleanup_extra; fi
  stop_app
  if [ "$rc" -eq 0 ]; then rm -rf "$WORK"; else say "logs kept in $WORK"; fi
}

# stop_pid PID: TERM, up to 30 s, then KILL (nothing when PID is empty or gone).
stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$1" 2>/dev/null || break; sleep 1; done
    if kill -0 "$1" 2>/dev/null; then kill -9 "$1" 2>/dev/null || true; fi
    wait "$1" 2>/dev/null || true
  fi
}

# Stops the app started by start_app.
stop_app() { stop_pid "${APP_PID:-}"; }

# start_app [ARG...]: the app jar with the demo profile (and the ARGs) on PORT, logging to APP_LOG, JVM options from
# BENCH_JAVA_OPTS; returns once /actuator/health answers (APP_STARTED: $SECONDS when it was started); dies when the
# app exits or is not healthy within HEALTH_TIMEOUT seconds.
# shellcheck disable=SC2120  # the bench scripts (peer.sh, floor-startup.sh, ...) pass app arguments; lib.sh itself none
start_app() {
  local -a java_opts
  read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
  say "starting the app on port $PORT with the demo profile (log: $APP_LOG)"
  (cd "$ROOT" && ATLAS_PORT="$PORT" exec java "${java_opts[@]}" -jar "$APP_JAR" --spring.profiles.active=demo "$@") \
    >"$APP_LOG" 2>&1 &
  APP_PID=$!
  APP_STARTED=$SECONDS
  until curl -fsS -o /dev/null --max-time 5 "$BASE/actuator/health" 2>/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$APP_LOG" >&2; die "the app exited during start-up"; }
    [ $((SECONDS - APP_STARTED)) -lt "$HEALTH_TIMEOUT" ] || die "the app was not healthy after ${HEALTH_TIMEOUT}s"
    sleep 1
  done
}

# Waits (at most HEALTH_TIMEOUT seconds) until the demo has loaded its synthetic cases in the background.
wait_for_demo_cases() {
  for _ in $(seq 1 "$HEALTH_TIMEOUT"); do
    [ "$(db_value "SELECT count(*) FROM reference_data_loads WHERE dataset = 'synthetic-cases'")" = 1 ] && break
    sleep 1
  done
}

# start_demo_app: start_app without extra arguments, wait for the demo case data, then set YEAR and MONTH to the latest
# month with growth measurements (the month the benches ask for).
start_demo_app() {
  # shellcheck disable=SC2119  # no extra app arguments: start_app passes its own, not the script's
  start_app
  wait_for_demo_cases
  say "app and demo data ready after $((SECONDS - APP_STARTED))s"
  # shellcheck disable=SC2034  # YEAR and MONTH are this function's results, read by the calling script
  read -r YEAR MONTH < <(db_value "SELECT to_char(max(measured_on), 'YYYY MM') FROM growth_measurements" | sed 's/ 0/ /')
  [ -n "${YEAR:-}" ] || die "no growth measurements in the demo data"
}

# SQL as the app's role on the benchmark database (psql; several statements allowed).
app_sql() {
  local uri="${ATLAS_DB_URL#jdbc:}"
  uri="${uri%%\?*}"
  PGUSER="${ATLAS_DB_USER:-}" PGPASSWORD="${ATLAS_DB_PASSWORD:-}" "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -d "$uri" "$@"
}

# city_tiles FILE: every tile covering Kota Pekalongan at z12-15, one "z x y" per line.
city_tiles() {
  app_sql -F ' ' -c "
  WITH e AS (SELECT ST_XMin(b) x0, ST_XMax(b) x1, ST_YMin(b) y0, ST_YMax(b) y1
               FROM (SELECT ST_Extent(geom)::geometry b FROM regions WHERE code = '33.75') q)
  SELECT z, x, y FROM e, generate_series(12, 15) z,
         generate_series(floor((x0 + 180) / 360 * 2 ^ z)::int, floor((x1 + 180) / 360 * 2 ^ z)::int) x,
         generate_series(floor((1 - ln(tan(radians(y1)) + 1 / cos(radians(y1))) / pi()) / 2 * 2 ^ z)::int,
                         floor((1 - ln(tan(radians(y0)) + 1 / cos(radians(y0))) / pi()) / 2 * 2 ^ z)::int) y
   ORDER BY z, x, y" >"$1"
}

# Resident memory (KiB) of a process and all its descendants.
tree_rss() {
  local total child
  local -a child_pids=()
  total="$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)"
  # Every thread's children file: process ids separated by spaces, no line end.
  read -r -a child_pids < <(cat /proc/"$1"/task/*/children 2>/dev/null; echo) || true
  for child in "${child_pids[@]}"; do
    total=$((total + $(tree_rss "$child")))
  done
  echo "${total:-0}"
}

# measure_peak CMD...: runs CMD in the background, sampling the resident memory of its process tree every 0.2 s;
# sets MEASURED to "<wall seconds> <peak RSS in MiB>" and returns CMD's exit status.
measure_peak() {
  local start peak=0 rss pid rc=0
  start="$(date +%s.%N)"
  "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    rss="$(tree_rss "$pid")"
    if [ -n "$rss" ] && [ "$rss" -gt "$peak" ]; then peak="$rss"; fi
    sleep 0.2
  done
  wait "$pid" || rc=$?
  # shellcheck disable=SC2034  # the result, read by the caller
  MEASURED="$(awk -v s="$start" -v e="$(date +%s.%N)" -v p="$peak" 'BEGIN {printf "%.2f %.0f", e - s, p / 1024}')"
  return "$rc"
}
