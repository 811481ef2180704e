#!/usr/bin/env bash
# Benchmark of the vector tiles: p50/p95 per layer and zoom (12-15) through HTTP (the app: scope, suppression, ETag,
# ST_AsMVT from the precomputed tables) against the raw ST_AsMVT SQL of the same tiles run in the database in the same
# run (no suppression, no HTTP), and the hex-heat build (refresh_hex_heat) for BENCH_POINTS (1,000,000) case points.
#
# Usage:  bench/tiles.sh            (from anywhere)
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if it is missing (BENCH_REBUILD=1: always);
#   2. database: ATLAS_DB_URL/... when set (used as is), otherwise `./atlas db start` and a database BENCH_DB
#      (default atlas_bench_tiles) dropped and recreated;
#   3. starts the app with the demo profile (reference data, synthetic cases, indicators and hex heat refreshed);
#   4. every tile covering Kota Pekalongan at z12-z15, repeated until each zoom has >= BENCH_SAMPLES (60) requests,
#      fetched anonymously with curl over one keep-alive connection (no If-None-Match: every tile is made), per layer
#      rw-indicators (latest demo month), facilities, hex-heat (STUNTED, latest year); client-side time_total;
#   5. the same tiles as raw SQL (ST_AsMVT over regions + rw_indicator_summaries, facilities, hex_cells + hex_heat),
#      timed inside PostgreSQL with clock_timestamp();
#   6. inserts BENCH_POINTS synthetic geocoded TB cases spread over the city and times refresh_hex_heat('33.75')
#      (three hex sizes, all years); then times one hex-heat tile at z12 again;
#   7. prints the table and writes it to bench/results/tiles-<date>.txt.
#
# Environment: BENCH_POINTS=1000000 BENCH_SAMPLES=60 BENCH_DB=atlas_bench_tiles BENCH_PORT BENCH_REBUILD=1
#              BENCH_JAVA_OPTS BENCH_HEALTH_TIMEOUT=600; ATLAS_DB_URL etc. as for ./atlas
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
BENCH_DB="${BENCH_DB:-atlas_bench_tiles}"
POINTS="${BENCH_POINTS:-1000000}"
SAMPLES="${BENCH_SAMPLES:-60}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-600}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in POINTS SAMPLES HEALTH_TIMEOUT; do is_uint "${!v}" || die "$v='${!v}' must be a whole number"; done
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17"
command -v curl >/dev/null 2>&1 || die "curl not found"

bench_prepare

bench_app_setup tiles 18290

start_demo_app
PERIOD="$(printf '%d-%02d' "$YEAR" "$MONTH")"

# Every tile covering the kota at z12-15.
city_tiles "$WORK/tiles.txt"
say "$(wc -l <"$WORK/tiles.txt") tiles at z12-15; period $PERIOD"

# p50 p95 n of a column of milliseconds.
percentiles() {
  sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "- - 0"; exit}
    i50=int(0.5*NR+0.5); if(i50<1)i50=1; i95=int(0.95*NR+0.5); if(i95<1)i95=1; if(i95>NR)i95=NR;
    printf "%.1f %.1f %d\n", a[i50], a[i95], NR}'
}

declare -A QUERY=( [rw-indicators]="?year=$YEAR&month=$MONTH" [facilities]="" [hex-heat]="?indicator=STUNTED&year=$YEAR" )
declare -A HTTP_RESULT RAW_RESULT
for layer in rw-indicators facilities hex-heat; do
  for z in 12 13 14 15; do
    awk -v z="$z" '$1 == z' "$WORK/tiles.txt" >"$WORK/z.txt"
    n=$(wc -l <"$WORK/z.txt")
    rounds=$(( (SAMPLES + n - 1) / n ))
    : >"$WORK/curl.cfg"
    for _ in $(seq 1 "$rounds"); do
      while read -r tz tx ty; do
        printf 'url = "%s/tiles/%s/%s/%s/%s.mvt%s"\noutput = "/dev/null"\n' "$BASE" "$layer" "$tz" "$tx" "$ty" \
          "${QUERY[$layer]}" >>"$WORK/curl.cfg"
      done <"$WORK/z.txt"
    done
    # warm-up, then measured
    curl -s -K "$WORK/curl.cfg" -w '%{http_code}\n' >/dev/null
    curl -s -K "$WORK/curl.cfg" -w '%{http_code} %{time_total}\n' >"$WORK/http.txt"
    bad=$(awk '$1 != 200 && $1 != 204' "$WORK/http.txt" | wc -l)
    [ "$bad" -eq 0 ] || die "$layer z$z: $bad responses other than 200/204"
    HTTP_RESULT[$layer/$z]="$(awk '{print $2 * 1000}' "$WORK/http.txt" | percentiles)"
  done
done

# The raw ST_AsMVT SQL of the same tiles, timed inside PostgreSQL.
{
  echo "CREATE TEMP TABLE bench_tiles (z int, x int, y int);"
  echo "COPY bench_tiles FROM STDIN (DELIMITER ' ');"
  cat "$WORK/tiles.txt"
  echo '\.'
  cat <<SQL
CREATE TEMP TABLE bench_raw (layer text, z int, ms double precision);
DO \$\$
DECLARE
  t record; r int; started timestamptz; tile bytea; n int;
  q_rw text := \$q\$SELECT ST_AsMVT(t, 'rw_indicators', 4096, 'geom') FROM (
      SELECT ST_AsMVTGeom(ST_Transform(r.geom, 3857), ST_TileEnvelope(\$1, \$2, \$3), 4096, 64, true) AS geom,
             r.code, r.name, s.children_measured, s.children_stunted, s.tb_notified, s.extreme_poor_households
        FROM regions r LEFT JOIN rw_indicator_summaries s
          ON s.kabkota_code = r.kabkota_code AND s.period_key = '$PERIOD' AND s.leaf_code = r.code
       WHERE r.level = 'RW' AND r.geom && ST_Transform(ST_TileEnvelope(\$1, \$2, \$3, margin => 64.0 / 4096), 4326)) t
      WHERE geom IS NOT NULL\$q\$;
  q_fac text := \$q\$SELECT ST_AsMVT(t, 'facilities', 4096, 'geom') FROM (
      SELECT ST_AsMVTGeom(ST_Transform(location, 3857), ST_TileEnvelope(\$1, \$2, \$3), 4096, 64, true) AS geom,
             code, name, type
        FROM facilities WHERE active
         AND location && ST_Transform(ST_TileEnvelope(\$1, \$2, \$3, margin => 64.0 / 4096), 4326)) t
      WHERE geom IS NOT NULL\$q\$;
  q_hex text := \$q\$SELECT ST_AsMVT(t, 'hex_heat', 4096, 'geom') FROM (
      SELECT ST_AsMVTGeom(c.geom, ST_TileEnvelope(\$1, \$2, \$3), 4096, 64, true) AS geom, sum(h.count) AS count
        FROM hex_cells c JOIN hex_heat h ON h.indicator = 'STUNTED' AND h.year = $YEAR AND h.size_m = 1000
                                       AND h.i = c.i AND h.j = c.j
       WHERE c.size_m = 1000 AND c.geom && ST_TileEnvelope(\$1, \$2, \$3, margin => 64.0 / 4096)
       GROUP BY c.geom) t
      WHERE geom IS NOT NULL\$q\$;
BEGIN
  FOR t IN SELECT * FROM bench_tiles LOOP
    SELECT count(*) INTO n FROM bench_tiles WHERE z = t.z;
    FOR r IN 1 .. ceil($SAMPLES::numeric / n) + 1 LOOP
      started := clock_timestamp();
      EXECUTE q_rw INTO tile USING t.z, t.x, t.y;
      IF r > 1 THEN INSERT INTO bench_raw VALUES ('rw-indicators', t.z, 1000 * extract(epoch FROM clock_timestamp() - started)); END IF;
      started := clock_timestamp();
      EXECUTE q_fac INTO tile USING t.z, t.x, t.y;
      IF r > 1 THEN INSERT INTO bench_raw VALUES ('facilities', t.z, 1000 * extract(epoch FROM clock_timestamp() - started)); END IF;
      started := clock_timestamp();
      EXECUTE q_hex INTO tile USING t.z, t.x, t.y;
      IF r > 1 THEN INSERT INTO bench_raw VALUES ('hex-heat', t.z, 1000 * extract(epoch FROM clock_timestamp() - started)); END IF;
    END LOOP;
  END LOOP;
END
\$\$;
SELECT layer, z, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1), count(*)
  FROM bench_raw GROUP BY layer, z ORDER BY layer, z;
SQL
} | app_sql -F ' ' >"$WORK/raw.txt"
while read -r layer z p50 p95 n; do RAW_RESULT[$layer/$z]="$p50 $p95 $n"; done <"$WORK/raw.txt"

say "hex heat: inserting $POINTS synthetic geocoded TB cases and timing refresh_hex_heat"
hex_line="$(app_sql -c "
  INSERT INTO tb_cases (kabkota_code, registration_number, diagnosed_on, diagnosis_type, anatomical_site,
                        treatment_history, drug_sensitivity, location, rw_assignment, synthetic)
  SELECT '33.75', 'BENCH-' || g, DATE '$YEAR-01-01' + (g % 365), 'CLINICAL', 'PULMONARY', 'NEW', 'SO',
         ST_SetSRID(ST_MakePoint(ST_XMin(b) + random() * (ST_XMax(b) - ST_XMin(b)),
                                 ST_YMin(b) + random() * (ST_YMax(b) - ST_YMin(b))), 4326),
         'UNASSIGNED', true
    FROM generate_series(1, $POINTS) g,
         (SELECT ST_Extent(geom)::geometry b FROM regions WHERE code = '33.75') e;
  SELECT (SELECT count(*) FROM tb_cases WHERE location IS NOT NULL) AS points,
         (SELECT count(*) FROM growth_measurements) AS measurements;" | tr '|' ' ' | tail -n1)"
read -r points_now measurements_now <<<"$hex_line"
build_ms="$(app_sql <<'SQL' | tail -n1
CREATE TEMP TABLE t0 AS SELECT clock_timestamp() AS t;
CREATE TEMP TABLE t1 AS SELECT refresh_hex_heat('33.75') AS hex_rows;
SELECT round(1000 * extract(epoch FROM clock_timestamp() - t)) || ' ms, ' || hex_rows || ' hex rows' FROM t0, t1;
SQL
)"
after_hex="$(curl -s -o /dev/null -w '%{time_total}' "$BASE/tiles/hex-heat/$(awk '$1 == 12 {print $1"/"$2"/"$3; exit}' "$WORK/tiles.txt").mvt?indicator=TB_NOTIFICATIONS&year=$YEAR")"

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/tiles-$(date +%Y-%m-%d-%H%M%S).txt"
{
  echo "ILP Atlas vector tile benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1)"
  echo "postgresql: $(db_value 'SELECT version()' | cut -c1-60)"
  echo "data:       demo (Kota Pekalongan, synthetic cases), period $PERIOD; $(wc -l <"$WORK/tiles.txt") tiles z12-15"
  echo
  printf '%-14s %-4s %22s %22s\n' layer zoom "HTTP p50/p95 ms (n)" "raw SQL p50/p95 ms (n)"
  for layer in rw-indicators facilities hex-heat; do
    for z in 12 13 14 15; do
      read -r hp50 hp95 hn <<<"${HTTP_RESULT[$layer/$z]}"
      read -r rp50 rp95 rn <<<"${RAW_RESULT[$layer/$z]:-- - 0}"
      printf '%-14s z%-3s %22s %22s\n' "$layer" "$z" "$hp50 / $hp95 ($hn)" "$rp50 / $rp95 ($rn)"
    done
  done
  echo
  echo "hex heat build: refresh_hex_heat('33.75') over $points_now geocoded TB points (+ the demo's stunted children"
  echo "                and BBLR births; $measurements_now measurements), 3 hex sizes: $build_ms"
  echo "first hex-heat tile (z12, TB) after that rebuild, through HTTP: ${after_hex}s"
} | tee "$RESULT"
say "written to $RESULT"
