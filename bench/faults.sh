#!/usr/bin/env bash
# Fault benchmark: a REAL restart of the project's private PostgreSQL (`./atlas db stop`, then `./atlas db start`)
# under a mixed load, with the app left running: what clients get while the database is away, and how long the app
# takes to answer everything again. (The JUnit fault tests never restart a cluster: they cut a TCP proxy,
# api/src/test/java/id/ilpatlas/api/faults/.)
#
# Usage:  bench/faults.sh            (from anywhere; not with ATLAS_DB_URL: it must be able to restart the database)
#
# What it does:
#   1. builds the jar if missing; `./atlas db start` and a database BENCH_DB (default atlas_bench_faults) recreated;
#   2. starts the app with the demo profile and waits for the synthetic cases;
#   3. runs bench/faults.mjs (Node fetch, no packages) for BENCH_SECONDS (60): BENCH_WORKERS (16) loops over
#      registry, choropleth, tiles and growth (as bench/load.sh, anonymously), every request logged with its outcome:
#      OK, UNAVAILABLE (GraphQL error extensions.code DATABASE_UNAVAILABLE, or a tile 503 with that code) or OTHER
#      (anything else: an opaque error, a timeout, an HTML page); /actuator/health/readiness polled every 0.5 s;
#   4. after BENCH_BEFORE (15) s: `./atlas db stop` (fast shutdown: sessions terminated), BENCH_OUTAGE (10) s away,
#      `./atlas db start`;
#   5. reports per operation and phase (before / outage / after) requests, OK, DATABASE_UNAVAILABLE, other, p50 and
#      max latency, the time from the database being up to the last failed answer, readiness DOWN/UP, and writes
#      bench/results/faults-<date>.txt. Fails when any answer is OTHER or recovery takes more than 30 s.
#
# Environment: BENCH_WORKERS=16 BENCH_SECONDS=60 BENCH_BEFORE=15 BENCH_OUTAGE=10 BENCH_DB=atlas_bench_faults BENCH_PORT
#              BENCH_REBUILD=1 BENCH_JAVA_OPTS BENCH_HEALTH_TIMEOUT=600 ATLAS_PG_PORT
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
BENCH_DB="${BENCH_DB:-atlas_bench_faults}"
WORKERS="${BENCH_WORKERS:-16}"
SECONDS_LOAD="${BENCH_SECONDS:-60}"
BEFORE="${BENCH_BEFORE:-15}"
OUTAGE="${BENCH_OUTAGE:-10}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-600}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in WORKERS SECONDS_LOAD BEFORE OUTAGE HEALTH_TIMEOUT; do is_uint "${!v}" || die "$v='${!v}' must be a whole number"; done
[ $((BEFORE + OUTAGE + 15)) -le "$SECONDS_LOAD" ] || die "BENCH_SECONDS must leave >= 15 s after the outage"
[ -z "${ATLAS_DB_URL:-}" ] || die "ATLAS_DB_URL is set: this benchmark restarts the database ./atlas manages; unset it"
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17"
command -v curl >/dev/null 2>&1 || die "curl not found"
command -v node >/dev/null 2>&1 || die "node not found (apt-get install nodejs)"

build_jar_if_needed
prepare_bench_db
[ "$DB_SOURCE" = local ] || [ "$DB_SOURCE" = docker ] || die "unknown database source"
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"
export ATLAS_NIK_KEY="${ATLAS_NIK_KEY:-bench-only-nik-key-0123456789abcdef0123456789}"

LOAD_PID=""
POLL_PID=""
# Run by the EXIT trap before the app is stopped.
bench_cleanup_extra() {
  for pid in "$LOAD_PID" "$POLL_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  done
  # The database must be up again whatever happened.
  (cd "$ROOT" && env -u ATLAS_DB_URL -u ATLAS_DB_USER -u ATLAS_DB_PASSWORD ./atlas db start >/dev/null 2>&1) \
    || say "warning: ./atlas db start failed; start it yourself"
}
bench_app_setup faults 18490

start_demo_app
city_tiles "$WORK/tiles.txt"
pool_timeout="$(grep -o 'connection-timeout: [0-9a-z]*' "$ROOT/api/src/main/resources/application.yml" 2>/dev/null | head -n1 || true)"

now_ms() { date +%s%3N; }
# ./atlas itself, without the ATLAS_DB_* the app was given (with them it treats the database as external).
atlas_db() { (cd "$ROOT" && env -u ATLAS_DB_URL -u ATLAS_DB_USER -u ATLAS_DB_PASSWORD ./atlas db "$@"); }
say "load: $WORKERS workers for ${SECONDS_LOAD}s; database stop after ${BEFORE}s, ${OUTAGE}s away"
node "$BENCH_DIR/faults.mjs" run "$BASE" "$WORK/tiles.txt" "$YEAR" "$MONTH" "$WORKERS" "$SECONDS_LOAD" \
  "$WORK/requests.csv" 2>"$WORK/load.err" &
LOAD_PID=$!
( while :; do
    printf '%s,%s\n' "$(now_ms)" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/actuator/health/readiness")"
    sleep 0.5
  done ) >"$WORK/health.csv" 2>/dev/null &
POLL_PID=$!
sleep "$BEFORE"
t_stop=$(now_ms)
atlas_db stop >&2 || die "./atlas db stop failed"
t_down=$(now_ms)
[ -z "$(db_value 'SELECT 1')" ] || die "the database still answers after ./atlas db stop"

sleep "$OUTAGE"
t_start=$(now_ms)
atlas_db start >&2 || die "./atlas db start failed"
t_up=$(now_ms)
wait "$LOAD_PID" || true
LOAD_PID=""
kill "$POLL_PID" 2>/dev/null || true
wait "$POLL_PID" 2>/dev/null || true
POLL_PID=""

set +e
node "$BENCH_DIR/faults.mjs" report "$WORK/requests.csv" "$t_stop" "$t_down" "$t_start" "$t_up" "$WORK/health.csv" \
  >"$WORK/report.txt"
report_rc=$?
set -e
mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/faults-$(date +%Y-%m-%d-%H%M%S).txt"
{
  echo "ILP Atlas database-restart benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1); node $(node --version); app, load and database on one machine"
  echo "postgresql: $(db_value 'SELECT version()' | cut -c1-60) ($DB_SOURCE, restarted by ./atlas db stop/start)"
  echo "app:        demo data, month $YEAR-$MONTH; pool ${pool_timeout:-connection-timeout: Hikari default 30 s}"
  echo "load:       $WORKERS workers, ${SECONDS_LOAD}s; stop after ${BEFORE}s, ${OUTAGE}s away"
  cat "$WORK/report.txt"
} | tee "$RESULT"
say "written to $RESULT"
[ "$report_rc" -eq 0 ] || { head -n 5 "$WORK/load.err" >&2; die "answers other than OK / DATABASE_UNAVAILABLE, or no recovery within 30 s"; }
