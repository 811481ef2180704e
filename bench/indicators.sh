#!/usr/bin/env bash
# Benchmark of the per-RW indicators: the city choropleth GraphQL query under load, and the indicator refresh after
# a 100k-row e-PPGBM import.
#
# Usage:  bench/indicators.sh            (from anywhere)
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if it is missing (BENCH_REBUILD=1: always);
#   2. database: ATLAS_DB_URL/... when set (used as is), otherwise `./atlas db start` and a database BENCH_DB
#      (default atlas_bench_indicators) dropped and recreated;
#   3. starts the app with the demo profile (reference data and synthetic cases loaded, indicators refreshed by the
#      importer's hook), waits for /actuator/health;
#   4. runs bench/IndicatorBench.java: the anonymous city choropleth (rwIndicators(33.75, month) { choropleth }) from
#      BENCH_CONNECTIONS (16) threads for BENCH_SECONDS (20) after a warm-up -> requests/s, p50, p99;
#   5. writes a seeded BENCH_ROWS-row (100,000) e-PPGBM file (`--atlas.cli=generate-eppgbm`) and imports it with
#      `--atlas.cli=import-cases` (a second JVM, while the app runs); the importer's hook rebuilds the kota's
#      summaries and logs the time; then times the app's first choropleth after the import (cache rebuilt);
#   6. prints the figures and writes them to bench/results/indicators-<date>.txt.
#
# Environment: BENCH_ROWS=100000 BENCH_CONNECTIONS=16 BENCH_SECONDS=20 BENCH_DB=atlas_bench_indicators
#              BENCH_PORT BENCH_REBUILD=1 BENCH_JAVA_OPTS BENCH_HEALTH_TIMEOUT=600; ATLAS_DB_URL etc. as for ./atlas
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
BENCH_DB="${BENCH_DB:-atlas_bench_indicators}"
ROWS="${BENCH_ROWS:-100000}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
SECONDS_LOAD="${BENCH_SECONDS:-20}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-600}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in ROWS CONNECTIONS SECONDS_LOAD HEALTH_TIMEOUT; do is_uint "${!v}" || die "$v='${!v}' must be a whole number"; done
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17"
command -v curl >/dev/null 2>&1 || die "curl not found"

build_jar_if_needed
prepare_bench_db
export ATLAS_NIK_KEY="${ATLAS_NIK_KEY:-bench-only-nik-key-0123456789abcdef0123456789}"

bench_app_setup indicators 18190

# shellcheck disable=SC2119  # no extra app arguments: start_app passes its own, not the script's
start_app
say "app healthy after $((SECONDS - APP_STARTED))s"
# The demo loads its synthetic cases in the background: wait until the kota's indicators have been refreshed.
wait_for_demo_cases
demo_refresh="$(grep -o 'RW indicators of 33.75 refreshed: .*' "$APP_LOG" | tail -n1 || true)"
say "demo data: ${demo_refresh:-no refresh logged}"
# The month of the demo's latest measurements.
read -r YEAR MONTH < <(db_value "SELECT to_char(max(measured_on), 'YYYY MM') FROM growth_measurements" | sed 's/ 0/ /')
[ -n "${YEAR:-}" ] || { YEAR=2026; MONTH=3; }

say "choropleth load: $CONNECTIONS connections, ${SECONDS_LOAD}s, month $YEAR-$MONTH"
load_line="$(java "$BENCH_DIR/IndicatorBench.java" "$BASE" "$CONNECTIONS" "$SECONDS_LOAD" "$YEAR" "$MONTH" | tee /dev/stderr | tail -n1)"

FILE="$WORK/eppgbm-$ROWS.csv"
app() {
  java -Xmx512m -jar "$APP_JAR" --spring.main.web-application-type=none --spring.main.banner-mode=off \
    --logging.level.root=WARN --logging.level.id.ilpatlas.api.cases=INFO --logging.level.id.ilpatlas.api.indicators=INFO "$@"
}
say "generating $ROWS e-PPGBM rows and importing them"
app --atlas.cli=generate-eppgbm --atlas.cli.rows="$ROWS" --atlas.cli.file="$FILE" >&2
app --atlas.cli=import-cases --atlas.cli.format=eppgbm --atlas.cli.file="$FILE" >"$WORK/import.log" 2>&1 \
  || { tail -n 30 "$WORK/import.log" >&2; die "import failed"; }
import_line="$(grep -o 'import job .*' "$WORK/import.log" | head -n1 | cut -c1-200)"
refresh_line="$(grep -o 'RW indicators of 33.75 refreshed: .*' "$WORK/import.log" | tail -n1)"
[ -n "$refresh_line" ] || die "no indicator refresh logged by the import (see $WORK/import.log)"
t0="$(date +%s%N)"
java "$BENCH_DIR/IndicatorBench.java" "$BASE" 1 1 "$YEAR" "$MONTH" >/dev/null 2>&1 || true
first_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
rows_now="$(db_value 'SELECT count(*) FROM growth_measurements')"
summary_rows="$(db_value "SELECT leaf_rows || ' rows, years ' || years::text FROM rw_indicator_refreshes WHERE kabkota_code = '33.75'")"

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/indicators-$(date +%Y-%m-%d-%H%M%S).txt"
{
  echo "ILP Atlas per-RW indicator benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1)"
  echo "postgresql: $(db_value 'SELECT version()' | cut -c1-60)"
  echo "demo data:  ${demo_refresh:-?}"
  echo "load:       $load_line"
  echo "import:     $import_line"
  echo "refresh:    $refresh_line (in the importer's JVM, before the job's command returned)"
  echo "after:      growth_measurements $rows_now; summaries $summary_rows; first choropleth after the import"
  echo "            (JVM start of the client included) ${first_ms} ms"
} | tee "$RESULT"
say "written to $RESULT"
