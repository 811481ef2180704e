#!/usr/bin/env bash
# Load benchmark: a mixed workload (registry, choropleth, tiles, growth calculator) at 32 connections for 60 s, with
# requests, requests/s, p50 and p99 per operation, and 0 errors expected.
#
# Usage:  bench/load.sh            (from anywhere)
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if it is missing (BENCH_REBUILD=1: always);
#   2. database: ATLAS_DB_URL/... when set (used as is), otherwise `./atlas db start` and a database BENCH_DB
#      (default atlas_bench_load) dropped and recreated;
#   3. installs autocannon (AUTOCANNON_VERSION, pinned) into .atlas/bench-node when missing (npm, once);
#   4. starts the app with the demo profile and waits for the synthetic cases (indicators refreshed);
#   5. runs bench/load.mjs: four autocannon instances at once, BENCH_CONNECTIONS (8) connections each, for
#      BENCH_SECONDS (60) after a BENCH_WARMUP (10) s warm-up of the same mix, each with its own histogram:
#        registry    GraphQL facilities(filter: {types, regionCode} | {nameContains}, first: 50|100), 16 variants
#        choropleth  GraphQL rwIndicators(33.75, latest month) { total choropleth(NATURAL_BREAKS, 5) }, 3 indicators
#        tiles       GET /tiles/rw-indicators/{z}/{x}/{y}.mvt, every tile of the city at z12-15 (102), latest month
#        growth      GraphQL growthAssessment, 24 children (WHO z-scores, no database)
#      anonymously; an error is a non-2xx answer, a GraphQL body with "errors" or without "data", a timeout (30 s)
#      or a connection error;
#   6. prints the table and writes it to bench/results/load-<date>.txt; exits non-zero on any error.
#
# Environment: BENCH_CONNECTIONS=8 (per operation) BENCH_SECONDS=60 BENCH_WARMUP=10 BENCH_DB=atlas_bench_load
#              BENCH_PORT BENCH_REBUILD=1 BENCH_JAVA_OPTS BENCH_HEALTH_TIMEOUT=600 AUTOCANNON_VERSION;
#              ATLAS_DB_URL etc. as for ./atlas
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
BENCH_DB="${BENCH_DB:-atlas_bench_load}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
SECONDS_LOAD="${BENCH_SECONDS:-60}"
WARMUP="${BENCH_WARMUP:-10}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-600}"
AUTOCANNON_VERSION="${AUTOCANNON_VERSION:-8.0.0}"   # engines: node >= 18
BENCH_NODE_DIR="${BENCH_NODE_DIR:-$ROOT/.atlas/bench-node}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in CONNECTIONS SECONDS_LOAD WARMUP HEALTH_TIMEOUT; do is_uint "${!v}" || die "$v='${!v}' must be a whole number"; done
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17"
command -v curl >/dev/null 2>&1 || die "curl not found"
command -v node >/dev/null 2>&1 || die "node not found (apt-get install nodejs npm)"

# autocannon, pinned, in a prefix of its own (./atlas's .atlas/node is pruned by its own npm install --no-save).
installed=""
[ -f "$BENCH_NODE_DIR/node_modules/autocannon/package.json" ] \
  && installed="$(node -p "require(process.argv[1]).version" "$BENCH_NODE_DIR/node_modules/autocannon/package.json" 2>/dev/null || true)"
if [ "$installed" != "$AUTOCANNON_VERSION" ]; then
  command -v npm >/dev/null 2>&1 || die "npm not found (apt-get install npm)"
  say "installing autocannon@$AUTOCANNON_VERSION into $BENCH_NODE_DIR"
  mkdir -p "$BENCH_NODE_DIR"
  npm install --no-save --no-audit --no-fund --prefix "$BENCH_NODE_DIR" "autocannon@$AUTOCANNON_VERSION" >&2 \
    || die "npm install autocannon@$AUTOCANNON_VERSION failed (needs the npm registry once)"
fi
export NODE_PATH="$BENCH_NODE_DIR/node_modules"

bench_prepare

bench_app_setup load 18390

start_demo_app

# Every tile covering the kota at z12-15 (as bench/tiles.sh).
city_tiles "$WORK/tiles.txt"
say "$(wc -l <"$WORK/tiles.txt") tiles at z12-15; month $YEAR-$MONTH"

say "load: 4 operations x $CONNECTIONS connections, ${SECONDS_LOAD}s after a ${WARMUP}s warm-up (autocannon $AUTOCANNON_VERSION)"
set +e
node "$BENCH_DIR/load.mjs" "$BASE" "$WORK/tiles.txt" "$YEAR" "$MONTH" "$CONNECTIONS" "$SECONDS_LOAD" "$WARMUP" \
  >"$WORK/load.txt" 2>"$WORK/load.err"
load_rc=$?
set -e
[ -s "$WORK/load.txt" ] || { cat "$WORK/load.err" >&2; die "the load client failed"; }
pool="$(grep -oE '(maximum-pool-size|connection-timeout): [0-9]+' "$ROOT/api/src/main/resources/application.yml" \
  2>/dev/null | tr '\n' ' ' || true)"
load_avg="$(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/load-$(date +%Y-%m-%d-%H%M%S).txt"
{
  echo "ILP Atlas mixed-load benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1); app and load client on the same machine"
  echo "node:       $(node --version), autocannon $AUTOCANNON_VERSION"
  echo "postgresql: $(db_value 'SELECT version()' | cut -c1-60)"
  echo "app:        demo data, month $YEAR-$MONTH; pool ${pool:-?}"
  echo "load avg:   $load_avg after the run (other work on the machine shows here)"
  grep -v '^RESULT ' "$WORK/load.txt"
} | tee "$RESULT"
say "written to $RESULT"
if [ "$load_rc" -ne 0 ]; then
  cat "$WORK/load.err" >&2
  die "errors under load (see the table; app log in $APP_LOG)"
fi
