#!/usr/bin/env bash
# Benchmark of the facility registry over GraphQL: the whole city's facilities with every nested field.
#
# Usage:  bench/registry.sh            (from anywhere; the project root is this script's parent)
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if it is missing (BENCH_REBUILD=1: always);
#   2. database: ATLAS_DB_URL/ATLAS_DB_USER/ATLAS_DB_PASSWORD when set (used as is: the demo profile loads the
#      Pekalongan data into it if it is empty); otherwise `./atlas db start` and a dedicated database BENCH_DB
#      (default atlas_bench) dropped and recreated with postgis + pgrouting, like `./atlas test` does for
#      atlas_test (the atlas and atlas_test databases are never touched);
#   3. starts the app with --spring.profiles.active=demo on BENCH_PORT (default: first free port from 18090),
#      waits for /actuator/health, and stops it on exit;
#   4. runs bench/RegistryBench.java (JDK 17 single-file program, no dependencies): sequential requests,
#      warm-up first, scenarios nested (whole-city walk with 11 nested fields), flat (the same walk, id and name
#      only: the baseline), list (posyandu of one kecamatan) and nearest (5 nearest to random points), with
#      latency mean/p50/p95/p99/max, HTTP requests, bytes and SQL statements (metric atlas.sql.statements) per
#      request;
#   5. prints machine and database versions and the table, and writes both to bench/results/registry-<date>.txt.
#
# Environment:
#   BENCH_WARMUP=20  BENCH_REQUESTS=200   warm-up / measured requests per scenario
#   BENCH_PAGE_SIZE=500                   page size of the nested and flat walks (1-1000)
#   BENCH_SEED=42                         seed of the random points of `nearest`
#   BENCH_SCENARIOS=nested,flat,list,nearest
#   BENCH_PORT                            HTTP port of the app (default: first free of 18090-18189)
#   BENCH_DB=atlas_bench                  database recreated when ATLAS_DB_URL is not set
#   BENCH_REBUILD=1                       rebuild the jar even if it exists
#   BENCH_JAVA_OPTS                       JVM options for the app, e.g. "-Xmx1g"
#   BENCH_HEALTH_TIMEOUT=300              seconds to wait for the app (first start loads the demo data)
#   ATLAS_DB_URL, ATLAS_DB_USER, ATLAS_DB_PASSWORD, ATLAS_PG_PORT, ATLAS_DB_SOURCE: as for ./atlas
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
BENCH_DB="${BENCH_DB:-atlas_bench}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-300}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
for v in BENCH_WARMUP BENCH_REQUESTS BENCH_PAGE_SIZE BENCH_PORT BENCH_HEALTH_TIMEOUT; do
  if [ -n "${!v:-}" ] && ! is_uint "${!v}"; then die "$v='${!v}' is not a non-negative integer"; fi
done
check_bench_db_name

command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install curl)"

# ------------------------------------------------------------------------------------------- 1./2. jar, database

build_jar_if_needed
prepare_bench_db

# ------------------------------------------------------------------------------------------- 3. the app

if [ -n "${BENCH_PORT:-}" ]; then
  port_in_use "$BENCH_PORT" && die "BENCH_PORT=$BENCH_PORT is in use"
  PORT="$BENCH_PORT"
else
  PORT=""
  for p in $(seq 18090 18189); do
    if ! port_in_use "$p"; then PORT="$p"; break; fi
  done
  [ -n "$PORT" ] || die "no free port in 18090-18189; set BENCH_PORT"
fi
BASE="http://127.0.0.1:$PORT"

APP_LOG="$(mktemp "${TMPDIR:-/tmp}/atlas-bench-app.XXXXXX.log")"
APP_PID=""
cleanup() {
  local rc=$?
  if [ -n "$APP_PID" ]; then say "stopping the app (pid $APP_PID)"; fi
  stop_app
  if [ "$rc" -eq 0 ]; then rm -f "$APP_LOG"; else say "app log kept: $APP_LOG"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# /actuator/metrics needs the scraper token (README "Operations"): one of this run.
BENCH_METRICS_TOKEN="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export BENCH_METRICS_TOKEN
start_app --management.endpoints.web.exposure.include=health,info,metrics \
  --atlas.ops.metrics-token="$BENCH_METRICS_TOKEN"
say "app healthy after $((SECONDS - APP_STARTED))s"
if ! curl -fsS -o /dev/null --max-time 5 -H "Authorization: Bearer $BENCH_METRICS_TOKEN" \
     "$BASE/actuator/metrics/atlas.sql.statements"; then
  say "note: the app has no metric atlas.sql.statements; SQL statements per request are shown as n/a"
fi

# ------------------------------------------------------------------------------------------- 4./5. measure, report

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/registry-$(date +%Y-%m-%d-%H%M%S).txt"

pg_version="$(db_value 'SELECT version()')"
postgis_version="$(db_value 'SELECT postgis_lib_version()')"
facilities="$(db_value 'SELECT count(*) FROM facilities WHERE active')"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
mem="$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)"
if [ -n "$commit" ] && [ -n "$(git -C "$ROOT" status --porcelain -uno 2>/dev/null)" ]; then commit="$commit (modified)"; fi

{
  echo "ILP Atlas registry benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, ${cpu:-unknown CPU}, ${mem:-unknown memory}, $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1)"
  echo "postgresql: ${pg_version:-unknown}"
  echo "postgis:    ${postgis_version:-unknown}"
  echo "database:   ${ATLAS_DB_URL%%\?*} (${facilities:-?} active facilities)"
  echo "app:        $APP_JAR, commit ${commit:-unknown}, ${BENCH_JAVA_OPTS:-default JVM options}"
  echo
} | tee "$RESULT"

java "$BENCH_DIR/RegistryBench.java" "$BASE" | tee -a "$RESULT"
say "written to $RESULT"
