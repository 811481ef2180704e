#!/usr/bin/env bash
# Benchmark of the Pusling outreach planner (planOutreach, OutreachPlanner + OR-Tools): a city plan of BENCH_RWS (60)
# RWs of Kota Pekalongan with BENCH_VEHICLES (2: a demo base runs two Pusling units) vehicles over the weekdays of
# BENCH_MONTH (next month) without its days off, 08:00-14:00,
# 120 minutes of service per RW, by road, solved with several time limits, against a "one trip per RW" baseline
# computed from the same road matrix in the same run, and the same request in GEODESIC mode.
#
# Usage:  bench/outreach.sh            (from anywhere)
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if it is missing (BENCH_REBUILD=1: always);
#   2. database: ATLAS_DB_URL/... when set (used as is), otherwise `./atlas db start` and a database BENCH_DB
#      (default atlas_bench_outreach) dropped and recreated;
#   3. starts the app with the demo profile (Pekalongan reference data, road network, synthetic cases; the RW access
#      rows are refreshed after the cases are in), waits for them, and takes a `dinkes` token from /demo/token
#      (what `./atlas token dinkes` prints);
#   4. the RWs: the BENCH_RWS RWs of 33.75 farthest from their nearest puskesmas by rw_access travel time (ties by
#      code), i.e. the RWs a Pusling is for. The depot: BENCH_DEPOT, default the puskesmas that is the nearest one of
#      most of those RWs (ties by code; PKM-3375-KUSUMA-BANGSA on the demo data);
#   5. bench/OutreachBench.java calls planOutreach (month BENCH_MONTH, weekdays Mon-Fri, BENCH_VEHICLES vehicles,
#      08:00-14:00, serviceMinutes BENCH_SERVICE) once unmeasured (warm-up: JIT, OR-Tools' native library), then
#      - ROAD with timeLimitSeconds each of BENCH_LIMITS (1 5 10 20; the API accepts 1-20);
#      - GEODESIC with BENCH_GEODESIC_LIMIT (5): the same plan without the road matrix;
#      - the baseline, ROAD, 1 s: "one trip per RW", what a dinkes without a planner drives: every RW its own
#        depot -> RW -> depot trip. It is planOutreach itself with serviceMinutes = half the working day + 1 (181),
#        so no trip can hold two RWs: every route is then exactly depot -> RW -> depot over the very road legs the
#        planned runs use (same points, same matrix). Its km and travel hours are those of 60 single trips; its
#        total hours include the longer service and are not comparable;
#      per run: the HTTP call's wall time, solveMillis (matrix, solve and road paths, without storing), served /
#      unserved RWs, routes (team-days), service days used, most stops in a route, total km, total and travel
#      hours, geodesic-fallback legs;
#   6. from the baseline's round trips, a lower bound on the km of any plan (see OutreachBench.java: a trip is never
#      shorter than the longest round trip among its stops, and at most 2 services of 120 min fit in 6 hours), so
#      "above bound" caps the distance from the optimum;
#   7. prints the table, the ratios (baseline km / plan km), the app's peak resident memory (VmHWM), and writes
#      them to bench/results/outreach-<date>.txt.
#
# Environment: BENCH_RWS=60 BENCH_VEHICLES=2 BENCH_MONTH=<next month> BENCH_SERVICE=120 BENCH_LIMITS="1 5 10 20"
#              BENCH_GEODESIC_LIMIT=5 BENCH_DEPOT BENCH_DB=atlas_bench_outreach BENCH_PORT BENCH_REBUILD=1
#              BENCH_JAVA_OPTS BENCH_HEALTH_TIMEOUT=600; ATLAS_DB_URL etc. as for ./atlas
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
BENCH_DB="${BENCH_DB:-atlas_bench_outreach}"
RWS="${BENCH_RWS:-60}"
VEHICLES="${BENCH_VEHICLES:-2}"
# Next month by default: the whole month lies ahead (a month under way starts tomorrow once the working day began).
MONTH="${BENCH_MONTH:-$(date -d "$(date +%Y-%m-01) +1 month" +%Y-%m)}"
SERVICE="${BENCH_SERVICE:-120}"
LIMITS="${BENCH_LIMITS:-1 5 10 20}"
GEODESIC_LIMIT="${BENCH_GEODESIC_LIMIT:-5}"
DEPOT="${BENCH_DEPOT:-}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-600}"
KABKOTA=33.75
WORKDAY_START=08:00
WORKDAY_END=14:00

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in RWS VEHICLES SERVICE GEODESIC_LIMIT HEALTH_TIMEOUT; do is_uint "${!v}" || die "$v='${!v}' must be a whole number"; done
for l in $LIMITS; do is_uint "$l" || die "BENCH_LIMITS: '$l' is not a whole number of seconds"; done
[[ "$MONTH" =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]] || die "BENCH_MONTH='$MONTH' must be yyyy-MM"
[[ -z "$DEPOT" || "$DEPOT" =~ ^[A-Za-z0-9-]+$ ]] || die "BENCH_DEPOT='$DEPOT' is not a facility code"
# The baseline's service: more than half the working day, so that no trip holds two RWs.
BASELINE_SERVICE=$(( (10#${WORKDAY_END%%:*} * 60 + 10#${WORKDAY_END##*:} - 10#${WORKDAY_START%%:*} * 60 \
                      - 10#${WORKDAY_START##*:}) / 2 + 1 ))
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17"
command -v curl >/dev/null 2>&1 || die "curl not found"

bench_prepare

bench_app_setup outreach 18390

# shellcheck disable=SC2119  # no extra app arguments: start_app passes its own, not the script's
start_app
# The demo loads its synthetic cases (which weight the RW representative points), then refreshes the RW access
# rows: wait until those rows are newer than the last import.
fresh_sql="SELECT count(*) FROM rw_access
            WHERE kabkota_code = '$KABKOTA' AND target = 'RESPONSIBLE_PUSKESMAS' AND mode = 'MOTORBIKE' AND travel_time_seconds IS NOT NULL
              AND computed_at >= (SELECT coalesce(max(finished_at), '-infinity') FROM import_jobs)"
for _ in $(seq 1 "$HEALTH_TIMEOUT"); do
  if [ "$(db_value "SELECT count(*) FROM reference_data_loads WHERE dataset = 'synthetic-cases'")" = 1 ] \
     && [ "$(db_value "$fresh_sql")" -ge "$RWS" ] 2>/dev/null; then
    break
  fi
  kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$APP_LOG" >&2; die "the app exited while loading the demo data"; }
  sleep 1
done
[ "$(db_value "$fresh_sql")" -ge "$RWS" ] 2>/dev/null \
  || die "fewer than $RWS RWs of $KABKOTA with a fresh rw_access row after ${HEALTH_TIMEOUT}s (see $APP_LOG)"
say "app and demo data ready after $((SECONDS - APP_STARTED))s"
TOKEN="$(curl -fsS --max-time 10 "$BASE/demo/token/dinkes" | tr -d '\r\n')" || die "no demo token from $BASE/demo/token/dinkes"

# The RWs and the depot.
db_value "SELECT rw_code FROM rw_access
           WHERE kabkota_code = '$KABKOTA' AND target = 'RESPONSIBLE_PUSKESMAS' AND mode = 'MOTORBIKE' AND travel_time_seconds IS NOT NULL
           ORDER BY travel_time_seconds DESC, rw_code LIMIT $RWS" >"$WORK/rws.txt"
[ "$(wc -l <"$WORK/rws.txt")" -eq "$RWS" ] || die "could not pick $RWS RWs"
rw_list="$(sed "s/.*/'&'/" "$WORK/rws.txt" | paste -sd, -)"
if [ -z "$DEPOT" ]; then
  DEPOT="$(db_value "SELECT f.code FROM rw_access a JOIN facilities f ON f.id = a.facility_id
                      WHERE a.target = 'RESPONSIBLE_PUSKESMAS' AND a.mode = 'MOTORBIKE' AND a.rw_code IN ($rw_list)
                      GROUP BY f.code ORDER BY count(*) DESC, f.code LIMIT 1")"
fi
[ -n "$DEPOT" ] || die "no depot puskesmas"
read -r depot_share nearest_min nearest_p50 nearest_max road_rws < <(db_value "
  SELECT count(*) FILTER (WHERE f.code = '$DEPOT'), round(min(a.travel_time_seconds) / 60),
         round((percentile_cont(0.5) WITHIN GROUP (ORDER BY a.travel_time_seconds) / 60)::numeric),
         round(max(a.travel_time_seconds) / 60), count(*) FILTER (WHERE a.method = 'ROAD')
    FROM rw_access a LEFT JOIN facilities f ON f.id = a.facility_id
   WHERE a.target = 'RESPONSIBLE_PUSKESMAS' AND a.mode = 'MOTORBIKE' AND a.rw_code IN ($rw_list)" | tr '|' ' ') || die "cannot read the RWs' access rows"
read -r kel_count kec_count < <(db_value "
  SELECT count(DISTINCT left(code, 13)), count(DISTINCT left(code, 8)) FROM regions WHERE code IN ($rw_list)" | tr '|' ' ') \
  || die "cannot read the RWs' regions"
service_days="$(db_value "SELECT count(*) FROM generate_series(date '$MONTH-01', (date '$MONTH-01' + interval '1 month'
                                  - interval '1 day')::date, interval '1 day') d WHERE extract(isodow FROM d) <= 5
     AND NOT EXISTS (SELECT 1 FROM calendar_days_off o
                      WHERE o.date = d::date AND (o.kabkota_code IS NULL OR o.kabkota_code = '$KABKOTA'))")"
say "$RWS RWs (${kel_count} kelurahan, ${kec_count} kecamatan), depot $DEPOT, $VEHICLES vehicles x $service_days service days"

runs=("warmup,ROAD,1")
for l in $LIMITS; do runs+=("road-${l}s,ROAD,$l"); done
runs+=("geodesic-${GEODESIC_LIMIT}s,GEODESIC,$GEODESIC_LIMIT" "baseline,ROAD,1,$BASELINE_SERVICE")
search_seconds=$((2 + GEODESIC_LIMIT))
for l in $LIMITS; do search_seconds=$((search_seconds + l)); done
say "planOutreach runs: ${runs[*]} (about $search_seconds s of search)"
peak_before="$(awk '/^VmHWM:/ {printf "%.0f MiB", $2 / 1024}' "/proc/$APP_PID/status" 2>/dev/null || echo '?')"
java "$BENCH_DIR/OutreachBench.java" "$BASE" "$TOKEN" "$DEPOT" "$MONTH" "$VEHICLES" "$WORKDAY_START" "$WORKDAY_END" \
  "$SERVICE" "$WORK/rws.txt" "${runs[@]}" >"$WORK/runs.txt" || die "planOutreach failed (see above; app log $APP_LOG)"
peak_rss="$(awk '/^VmHWM:/ {printf "%.0f MiB", $2 / 1024}' "/proc/$APP_PID/status" 2>/dev/null || echo '?')"
rss_now="$(awk '/^VmRSS:/ {printf "%.0f MiB", $2 / 1024}' "/proc/$APP_PID/status" 2>/dev/null || echo '?')"

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/outreach-$(date +%Y-%m-%d-%H%M%S).txt"
{
  echo "ILP Atlas Pusling outreach planner benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1)"
  echo "postgresql: $(db_value 'SELECT version()' | cut -c1-60)"
  echo "request:    $RWS RWs of $KABKOTA farthest from their nearest puskesmas (rw_access: $nearest_min-$nearest_max min,"
  echo "            median $nearest_p50; $road_rws by road; $kel_count kelurahan, $kec_count kecamatan), depot $DEPOT (nearest"
  echo "            puskesmas of $depot_share of them), $VEHICLES vehicles, $MONTH Mon-Fri ($service_days service days),"
  echo "            $WORKDAY_START-$WORKDAY_END, $SERVICE min service per RW"
  echo
  printf '%-13s %-8s %6s %7s %8s %6s %6s %5s %4s %8s %7s %7s %5s\n' run mode wall_s solve_s served/un routes days \
    stops km total_h travel_h "above" fallbk
  printf '%-13s %-8s %6s %7s %8s %6s %6s %5s %4s %8s %7s %7s %5s\n' "" "" "" "" "" "" "used" "/rte" "" "" "" "bound" "legs"
  bound="$(awk '$1 == "bound" {print $2}' "$WORK/runs.txt")"
  awk -v bound="${bound:-0}" '$1 != "warmup" && $1 != "bound" {
    above = (bound > 0 && $2 == "ROAD") ? sprintf("%.1f%%", 100 * ($12 / bound - 1)) : "-"
    printf "%-13s %-8s %6.1f %7.2f %5d/%-2d %6d %6d %5d %6.1f %7.1f %7.1f %7s %5d\n",
      $1, $2, $5 / 1000, $6 / 1000, $7, $8, $9, $10, $11, $12, $13, $14, above, $15 }' "$WORK/runs.txt"
  echo
  base_km="$(awk '$1 == "baseline" {print $12}' "$WORK/runs.txt")"
  base_travel="$(awk '$1 == "baseline" {print $14}' "$WORK/runs.txt")"
  base_routes="$(awk '$1 == "baseline" {print $9}' "$WORK/runs.txt")"
  base_unserved="$(awk '$1 == "baseline" {print $8}' "$WORK/runs.txt")"
  awk -v bkm="$base_km" -v btr="$base_travel" -v brt="$base_routes" '$1 ~ /^road-/ {
    printf "baseline / %-9s km %.2fx (%.1f vs %.1f km), travel hours %.2fx, team-days %d vs %d\n",
      $1 ":", bkm / $12, bkm, $12, btr / $14, brt, $9 }' "$WORK/runs.txt"
  [ "${base_unserved:-0}" = 0 ] || echo "note: the baseline left $base_unserved RWs out; its km are not comparable"
  [ -z "$bound" ] || echo "lower bound on any plan's km (round trips of the baseline, <= $(awk '$1 == "bound" {print $3}' "$WORK/runs.txt") stops a trip): $bound km"
  awk '$1 ~ /^road-/ {r = $6 - 1000 * $3} $1 ~ /^geodesic-/ {g = $6 - 1000 * $3}
       END {if (r != "" && g != "") printf "solve time minus the time limit (matrix, road paths): ROAD %d ms, GEODESIC %d ms%s\n", r, g, (r < 0 || g < 0) ? " (negative: the search stopped at its solution limit, 100 per RW, before the time limit)" : ""}' \
    "$WORK/runs.txt"
  awk '$1 ~ /^road-/ {rk = $12; rt = $14} $1 ~ /^geodesic-/ {gk = $12; gt = $14}
       END {if (rk > 0 && gk > 0) printf "GEODESIC / ROAD: km %.2fx, travel hours %.2fx (geodesic x 1.4 at 20 km/h: estimates, not the roads)\n", gk / rk, gt / rt}' \
    "$WORK/runs.txt"
  echo "app memory: peak resident (VmHWM) $peak_rss (before the planner runs, after the demo load: $peak_before),"
  echo "            resident at the end $rss_now (${BENCH_JAVA_OPTS:-default JVM options})"
  echo
  echo "columns: wall_s the HTTP call (validation, solve, storing the plan, the response); solve_s the plan's solveMillis"
  echo "(RW points, matrix, search, road paths); routes = team-days with a trip; days used of $service_days; stops/rte the"
  echo "longest trip; total_h includes service; above bound = km over the lower bound (an upper bound on the gap)"
} | tee "$RESULT"
say "written to $RESULT"
