#!/usr/bin/env bash
# The vector tiles against their physical floor (issue 19): the app's tiles next to bench/TileFloor.java, a minimal
# JDK HttpServer running the same tile SQL over plain JDBC with the anonymous caller's (public) values, both checked
# byte-identical (after gunzip) and then timed interleaved over HTTP keep-alive in the same run.
#
# Usage:  bench/floor-tiles.sh                        (from anywhere)
#         BENCH_JAR=/work/base/ilp-atlas-api.jar bench/floor-tiles.sh
#         BENCH_APP_URL=http://127.0.0.1:8080 ATLAS_DB_URL=jdbc:postgresql://... ATLAS_DB_USER=... \
#           ATLAS_DB_PASSWORD=... bench/floor-tiles.sh   (a running app and its database: one phase, as it runs)
#
# Prints a table and result lines "ROW|<work>|<now>|<floor>|<ratio>|<goal>" (collected by bench/peer.sh).
# Environment: BENCH_JAR (api/target/ilp-atlas-api.jar), BENCH_APP_URL, BENCH_PHASES (cold,warm), BENCH_SAMPLES (200
# per row), BENCH_WARMUP (20), BENCH_GZIP (0: identity; 1: both sides asked with Accept-Encoding: gzip),
# BENCH_SAME_TILES (fail; warn: measure a jar whose tiles differ in bytes, e.g. the jar before issue 19), BENCH_DB
# (atlas_bench_floor_tiles), BENCH_PORT, BENCH_FLOOR_PORT, BENCH_JAVA_OPTS, BENCH_HEALTH_TIMEOUT (600); ATLAS_DB_URL
# etc. as for ./atlas.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DB="${BENCH_DB:-atlas_bench_floor_tiles}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-600}"
PHASES="${BENCH_PHASES:-cold,warm}"
export MEASURE_SAMPLES="${BENCH_SAMPLES:-200}" MEASURE_WARMUP="${BENCH_WARMUP:-20}" MEASURE_GZIP="${BENCH_GZIP:-0}"
export MEASURE_SAME="${BENCH_SAME_TILES:-fail}"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
floor_preamble java curl unzip
for v in MEASURE_SAMPLES MEASURE_WARMUP HEALTH_TIMEOUT; do is_uint "${!v}" || die "$v='${!v}' must be a whole number"; done

EXTERNAL=0
if [ -n "${BENCH_APP_URL:-}" ]; then
  EXTERNAL=1
  [ -n "${ATLAS_DB_URL:-}" ] || die "BENCH_APP_URL needs ATLAS_DB_URL/ATLAS_DB_USER/ATLAS_DB_PASSWORD of its database"
  export ATLAS_DB_URL ATLAS_DB_USER="${ATLAS_DB_USER:-}" ATLAS_DB_PASSWORD="${ATLAS_DB_PASSWORD:-}"
  PHASES=running
  # Its PostgreSQL driver and geo module run the floor.
  bench_jar nobuild
else
  bench_jar build
  prepare_bench_db
fi
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"

FLOOR_PID=""
bench_cleanup_extra() {
  if [ -n "$FLOOR_PID" ] && kill -0 "$FLOOR_PID" 2>/dev/null; then kill "$FLOOR_PID" 2>/dev/null || true; wait "$FLOOR_PID" 2>/dev/null || true; fi
}
bench_app_setup floor-tiles 18390
if [ "$EXTERNAL" = 1 ]; then
  BASE="${BENCH_APP_URL%/}"
  APP_PID=""
else
  # The first phase's app (cold: the tile cache off, every tile made; an app without that setting ignores it).
  case "$PHASES" in cold*) start_app --atlas.tiles.cache-max-bytes=0 ;; *) start_app ;; esac
  wait_for_demo_cases
  say "app and demo data ready after $((SECONDS - APP_STARTED))s"
fi

read -r YEAR MONTH < <(db_value "SELECT to_char(max(measured_on), 'YYYY MM') FROM growth_measurements" | sed 's/ 0/ /')
[ -n "${YEAR:-}" ] || die "no growth measurements in the database"
HEX_YEAR="$(db_value "SELECT max(year) FROM hex_heat_totals WHERE indicator = 'STUNTED'")"
[ -n "$HEX_YEAR" ] || die "no hex heat in the database"
city_tiles "$WORK/tiles.txt"
export MEASURE_RW_QUERY="?year=$YEAR&month=$MONTH" MEASURE_HEX_QUERY="?indicator=STUNTED&year=$HEX_YEAR"
export MEASURE_ZOOMS="${BENCH_ZOOMS:-rw-indicators:12,rw-indicators:15,hex-heat:12}"

# The floor's class path: the PostgreSQL driver and the geo module (ClassBreaks) of the app jar.
mkdir -p "$WORK/lib"
(cd "$WORK/lib" && unzip -q -j -o "$APP_JAR" 'BOOT-INF/lib/postgresql-*.jar' 'BOOT-INF/lib/ilp-atlas-geo-*.jar')
FLOOR_CP="$(printf '%s\n' "$WORK"/lib/*.jar | paste -sd: -)"
FLOOR_PORT="${BENCH_FLOOR_PORT:-}"
if [ -z "$FLOOR_PORT" ]; then
  for p in $(seq 18490 18589); do if ! port_in_use "$p" && [ "$p" != "$PORT" ]; then FLOOR_PORT="$p"; break; fi; done
fi
FLOOR="http://127.0.0.1:$FLOOR_PORT"
say "starting the floor on $FLOOR (period $YEAR-$MONTH, hex year $HEX_YEAR)"
FLOOR_PORT="$FLOOR_PORT" FLOOR_APP_URL="$BASE" FLOOR_ROOT="$ROOT" FLOOR_YEAR="$YEAR" FLOOR_MONTH="$MONTH" \
  FLOOR_HEX_YEAR="$HEX_YEAR" java -cp "$FLOOR_CP" "$BENCH_DIR/TileFloor.java" serve >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
for _ in $(seq 1 120); do
  grep -q 'floor listening' "$WORK/floor.log" 2>/dev/null && break
  kill -0 "$FLOOR_PID" 2>/dev/null || { cat "$WORK/floor.log" >&2; die "the floor exited"; }
  sleep 1
done
grep -q 'floor listening' "$WORK/floor.log" || die "the floor did not start"

declare -A RESULT
for phase in ${PHASES//,/ }; do
  if [ "$EXTERNAL" = 0 ] && [ "$phase" != "${PHASES%%,*}" ]; then
    stop_app
    if [ "$phase" = cold ]; then start_app --atlas.tiles.cache-max-bytes=0; else start_app; fi
  fi
  say "phase $phase: checking identical tiles, then $MEASURE_SAMPLES interleaved requests per row"
  java -cp "$FLOOR_CP" "$BENCH_DIR/TileFloor.java" measure "$BASE" "$FLOOR" "$WORK/tiles.txt" >"$WORK/measure-$phase.txt" \
    || die "measurement failed (phase $phase)"
  while IFS='|' read -r tag layer z ap50 ap95 fp50 fp95 n; do
    [ "$tag" = RESULT ] && RESULT[$phase/$layer/$z]="$ap50 $ap95 $fp50 $fp95 $n"
  done <"$WORK/measure-$phase.txt"
done

phase_note() {
  case "$1" in
    cold) echo "cold: every tile made, tile cache off" ;;
    warm) echo "warm: tile cache on, tiles repeated" ;;
    *) echo "the running app as configured, tiles repeated" ;;
  esac
}
encoding="identity"; [ "$MEASURE_GZIP" = 1 ] && encoding="gzip"
mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/floor-tiles-$(date +%Y-%m-%d-%H%M%S).txt"
{
  echo "ILP Atlas vector tiles against the floor (bench/TileFloor.java), $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1)"
  echo "postgresql: $(db_value 'SELECT version()' | cut -c1-60)"
  echo "app:        $([ "$EXTERNAL" = 1 ] && echo "$BASE" || echo "$APP_JAR")"
  echo "data:       period $YEAR-$MONTH (RW), hex year $HEX_YEAR (STUNTED, coarse hexes); anonymous caller; $encoding"
  echo "            one keep-alive connection each, interleaved app/floor, $MEASURE_SAMPLES requests per row"
  echo
  printf '%-8s %-16s %-4s %18s %18s %8s\n' phase layer zoom "app p50/p95 ms" "floor p50/p95 ms" "p50 ×"
  for phase in ${PHASES//,/ }; do
    for item in ${MEASURE_ZOOMS//,/ }; do
      read -r ap50 ap95 fp50 fp95 n <<<"${RESULT[$phase/${item%%:*}/${item##*:}]}"
      printf '%-8s %-16s z%-3s %18s %18s %8s\n' "$phase" "${item%%:*}" "${item##*:}" "$ap50 / $ap95" "$fp50 / $fp95" \
        "$(awk -v a="$ap50" -v f="$fp50" 'BEGIN {printf "%.2f", a / f}')"
    done
  done
  echo
  for phase in ${PHASES//,/ }; do
    for item in ${MEASURE_ZOOMS//,/ }; do
      read -r ap50 ap95 fp50 fp95 n <<<"${RESULT[$phase/${item%%:*}/${item##*:}]}"
      case "${item%%:*}" in rw-indicators) name="RW-indicator tile" ;; hex-heat) name="hex-heat tile" ;; *) name="${item%%:*} tile" ;; esac
      printf 'ROW|%s z%s, p50 over HTTP (%s; %s)|%s ms|%s ms|%s×|≤ 1.3× the floor\n' "$name" "${item##*:}" \
        "$(phase_note "$phase")" "$encoding" "$(printf '%.1f' "$ap50")" "$(printf '%.1f' "$fp50")" \
        "$(awk -v a="$ap50" -v f="$fp50" 'BEGIN {printf "%.2f", a / f}')"
    done
  done
} | tee "$RESULT_FILE"
say "written to $RESULT_FILE"
