#!/usr/bin/env bash
# Benchmark of the RW access SQL at national scale: a synthetic Indonesia (bench/access.sql) of BENCH_RWS RW points
# (default 300,000) with kecamatan, kelurahan and RW codes, BENCH_PUSKESMAS puskesmas (10,000) with their wilayah
# kerja as facility_catchments, and BENCH_POSYANDU posyandu (300,000) in the same registry. Times, for every RW, the
# responsible puskesmas (api/src/main/resources/sql/access/responsible-puskesmas.sql) and the nearest puskesmas
# (nearest-facility.sql), the service's own files run the way RwAccessService runs them: one kab/kota at a time, in
# one transaction each, placeholders inlined as the service inlines them, parameters bound to a prepared statement
# (as pgjdbc does), on BENCH_SESSIONS connections at once (the kab/kota shared out by size). The same is done with the
# statements as they were before (bench/access-baseline/), and with the new ones on one connection; each query alone
# and both in each kab/kota's one transaction, as RwAccessService.refresh runs them. Then checks a
# seeded sample of BENCH_SAMPLE RWs against brute force: every active puskesmas measured on the spheroid, and the
# wilayah kerja matched by code prefix.
#
# Usage:  bench/access.sh            (from anywhere)
#
# Database: ATLAS_DB_URL/ATLAS_DB_USER/ATLAS_DB_PASSWORD when set (used as is: the script creates and drops only its
# own tables regions, facilities, facility_catchments, rw_representative_points, rw_responsible_puskesmas,
# kabkota_centres, bench_* - never point it at a real database), otherwise `./atlas db start` and a database BENCH_DB
# (default atlas_bench_access) dropped and recreated. Needs psql and PostGIS; no app jar.
#
# Environment: BENCH_RWS=300000  BENCH_PUSKESMAS=10000  BENCH_POSYANDU=300000  BENCH_SAMPLE=1000  BENCH_SEED=42
#              BENCH_SESSIONS=2  BENCH_CANDIDATES=5 (the :candidates the service binds)  BENCH_BASELINE=1 (0: skip)
#              BENCH_DB=atlas_bench_access  ATLAS_DB_URL, ATLAS_DB_USER, ATLAS_DB_PASSWORD, ATLAS_PG_PORT
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
SQL_DIR="$ROOT/api/src/main/resources/sql/access"
BENCH_DB="${BENCH_DB:-atlas_bench_access}"
RWS="${BENCH_RWS:-300000}"
PUSKESMAS="${BENCH_PUSKESMAS:-10000}"
POSYANDU="${BENCH_POSYANDU:-300000}"
SAMPLE="${BENCH_SAMPLE:-1000}"
SEED="${BENCH_SEED:-42}"
SESSIONS="${BENCH_SESSIONS:-2}"
CANDIDATES="${BENCH_CANDIDATES:-5}"
BASELINE="${BENCH_BASELINE:-1}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in RWS PUSKESMAS POSYANDU SAMPLE SEED SESSIONS CANDIDATES BASELINE; do
  is_uint "${!v}" || die "BENCH_$v='${!v}' must be a whole number"
done
{ [ "$RWS" -ge 100 ] && [ "$PUSKESMAS" -ge 1 ] && [ "$SAMPLE" -ge 1 ] && [ "$SAMPLE" -le "$RWS" ] \
  && [ "$SESSIONS" -ge 1 ] && [ "$CANDIDATES" -ge 1 ]; } \
  || die "need BENCH_RWS >= 100, BENCH_PUSKESMAS >= 1, 1 <= BENCH_SAMPLE <= BENCH_RWS, BENCH_SESSIONS >= 1, BENCH_CANDIDATES >= 1"
for f in "$SQL_DIR/nearest-facility.sql" "$SQL_DIR/responsible-puskesmas.sql" \
         "$BENCH_DIR/access-baseline/nearest-facility.sql" "$BENCH_DIR/access-baseline/responsible-puskesmas.sql"; do
  [ -r "$f" ] || die "$f not readable"
done

prepare_bench_db
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/atlas-bench-access.XXXXXX")"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

bench_psql() { app_sql "$@"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# The service's statement as RwAccessService runs it: placeholders inlined (the puskesmas type; the kab/kota's RW
# points), then the named parameters :k and :candidates as the positional parameters of a prepared statement.
service_sql() { # service_sql FILE
  # $1 and $2 are the placeholders of the prepared statement, written literally (single quotes).
  # shellcheck disable=SC2016
  sed -e "s#/\*facility filter\*/#AND f.type = 'PUSKESMAS'#g" \
      -e "s#/\*point filter\*/#p.kabkota_code = :k#g" \
      -e 's#\([^:]\):k\b#\1$1#g' -e 's#\([^:]\):candidates\b#\1$2#g' "$1"
}

# session_script NEAREST RESPONSIBLE PHASE KABKOTA_FILE OUT: one connection's share of a phase (responsible |
# nearest), each kab/kota in its own transaction; prints the backend's CPU seconds when /proc shows it (local server).
session_script() {
  local nearest="$1" responsible="$2" phase="$3" list="$4" out="$5"
  {
    echo '\set ON_ERROR_STOP 1'
    echo 'SET client_min_messages = warning;'
    printf 'PREPARE nearest(text, int) AS INSERT INTO bench_nearest %s\n;\n' "$(service_sql "$nearest")"
    printf 'PREPARE responsible(text) AS %s\n;\n' "$(service_sql "$responsible")"
    if [ "$DB_SOURCE" = local ]; then
      echo 'SELECT pg_backend_pid() AS pid \gset'
      echo '\setenv BPID :pid'
      echo "\\! awk '{print \"cpu_before\", (\$14+\$15)/100}' /proc/\$BPID/stat 2>/dev/null || true"
    fi
    while read -r k; do
      case "$phase" in
        responsible) echo "BEGIN; DELETE FROM rw_responsible_puskesmas WHERE kabkota_code = '$k'; EXECUTE responsible('$k'); COMMIT;" ;;
        nearest) echo "BEGIN; EXECUTE nearest('$k', $CANDIDATES); COMMIT;" ;;
        # as RwAccessService.refresh: both in the kab/kota's one transaction
        both) echo "BEGIN; DELETE FROM rw_responsible_puskesmas WHERE kabkota_code = '$k'; EXECUTE responsible('$k'); EXECUTE nearest('$k', $CANDIDATES); COMMIT;" ;;
      esac
    done <"$list"
    if [ "$DB_SOURCE" = local ]; then
      echo "\\! awk '{print \"cpu_after\", (\$14+\$15)/100}' /proc/\$BPID/stat 2>/dev/null || true"
    fi
  } >"$out"
}

# run_phase LABEL NEAREST RESPONSIBLE PHASE N: the phase on N connections at once; sets WALL and CPU (seconds).
run_phase() {
  local label="$1" nearest="$2" responsible="$3" phase="$4" n="$5" s started pids=() cpu=0 ok=1
  bench_psql -c "TRUNCATE rw_responsible_puskesmas" -c "DROP TABLE IF EXISTS bench_nearest" \
    -c "CREATE UNLOGGED TABLE bench_nearest (rw_code text, facility_id bigint, distance_m float8, fx float8, fy float8)"
  bench_psql -c "CHECKPOINT" >/dev/null 2>&1 || true
  for s in $(seq 1 "$n"); do
    session_script "$nearest" "$responsible" "$phase" "$WORK/kabkota.$n.$s" "$WORK/$label.$s.sql"
  done
  started="$(now)"
  for s in $(seq 1 "$n"); do
    bench_psql -f "$WORK/$label.$s.sql" >"$WORK/$label.$s.out" 2>&1 &
    pids+=($!)
  done
  for s in "${!pids[@]}"; do
    if ! wait "${pids[$s]}"; then cat "$WORK/$label.$((s + 1)).out" >&2; die "$label: session $((s + 1)) failed"; fi
  done
  WALL="$(seconds "$started" "$(now)")"
  for s in $(seq 1 "$n"); do
    local c
    c="$(awk '/cpu_before/ {b = $2} /cpu_after/ {print $2 - b}' "$WORK/$label.$s.out")"
    if [ -z "$c" ]; then ok=0; else cpu="$(awk -v a="$cpu" -v b="$c" 'BEGIN { print a + b }')"; fi
  done
  if [ "$ok" = 1 ]; then CPU="$(printf '%.2f' "$cpu")"; else CPU="n/a"; fi
}

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/access-$(date +%Y-%m-%d-%H%M%S).txt"
uri="${ATLAS_DB_URL#jdbc:}"
uri="${uri%%\?*}"
say "building ~$RWS RW points, $PUSKESMAS puskesmas, $POSYANDU posyandu and their codes and wilayah kerja (seed $SEED)"
started_all="$(date +%s)"
t0="$(now)"
PGUSER="$ATLAS_DB_USER" PGPASSWORD="$ATLAS_DB_PASSWORD" "$PSQL" -X -q -A -t -d "$uri" \
  -v rws="$RWS" -v puskesmas="$PUSKESMAS" -v posyandu="$POSYANDU" -v seed="$SEED" -f "$BENCH_DIR/access.sql" >/dev/null
GENERATED="$(seconds "$t0" "$(now)")"

# The kab/kota shared out over 1 and over SESSIONS connections, largest first to the least loaded.
bench_psql -F ' ' -c "SELECT kabkota_code, count(*) FROM rw_representative_points GROUP BY 1 ORDER BY 2 DESC, 1" \
  >"$WORK/kabkota.sizes"
for n in 1 "$SESSIONS"; do
  awk -v n="$n" -v dir="$WORK" '
    { best = 1; for (s = 2; s <= n; s++) if (load[s] < load[best]) best = s
      load[best] += $2; print $1 > (dir "/kabkota." n "." best) }' "$WORK/kabkota.sizes"
done
KABKOTA="$(wc -l <"$WORK/kabkota.sizes" | tr -d ' ')"

NEW_N="$SQL_DIR/nearest-facility.sql"
NEW_R="$SQL_DIR/responsible-puskesmas.sql"
OLD_N="$BENCH_DIR/access-baseline/nearest-facility.sql"
OLD_R="$BENCH_DIR/access-baseline/responsible-puskesmas.sql"
declare -A W C
if [ "$BASELINE" = 1 ]; then
  say "baseline (the statements before issue 15) on $SESSIONS connections"
  run_phase old-responsible "$OLD_N" "$OLD_R" responsible "$SESSIONS"; W[old_r]="$WALL"; C[old_r]="$CPU"
  run_phase old-nearest "$OLD_N" "$OLD_R" nearest "$SESSIONS"; W[old_n]="$WALL"; C[old_n]="$CPU"
  run_phase old-both "$OLD_N" "$OLD_R" both "$SESSIONS"; W[old_b]="$WALL"; C[old_b]="$CPU"
  bench_psql -c "DROP TABLE IF EXISTS bench_nearest_baseline" -c "ALTER TABLE bench_nearest RENAME TO bench_nearest_baseline"
else
  bench_psql -c "DROP TABLE IF EXISTS bench_nearest_baseline" \
    -c "CREATE UNLOGGED TABLE bench_nearest_baseline (rw_code text, facility_id bigint, distance_m float8)"
fi
say "the service's statements on 1 connection"
run_phase new1-responsible "$NEW_N" "$NEW_R" responsible 1; W[new1_r]="$WALL"; C[new1_r]="$CPU"
run_phase new1-nearest "$NEW_N" "$NEW_R" nearest 1; W[new1_n]="$WALL"; C[new1_n]="$CPU"
run_phase new1-both "$NEW_N" "$NEW_R" both 1; W[new1_b]="$WALL"; C[new1_b]="$CPU"
say "the service's statements on $SESSIONS connections"
run_phase new-responsible "$NEW_N" "$NEW_R" responsible "$SESSIONS"; W[new_r]="$WALL"; C[new_r]="$CPU"
run_phase new-nearest "$NEW_N" "$NEW_R" nearest "$SESSIONS"; W[new_n]="$WALL"; C[new_n]="$CPU"
run_phase new-both "$NEW_N" "$NEW_R" both "$SESSIONS"; W[new_b]="$WALL"; C[new_b]="$CPU"

say "checking a sample of $SAMPLE RWs against brute force"
t0="$(now)"
CHECK="$(bench_psql -F '|' -v sample="$SAMPLE" -v seed="$SEED" -v baseline="$BASELINE" <<'EOF'
SET jit = off;
CREATE TEMP TABLE sample AS
SELECT rw_code, point FROM rw_representative_points ORDER BY md5(rw_code || :'seed') LIMIT :sample;
-- Nearest: every active puskesmas measured on the spheroid, ties by code.
CREATE TEMP TABLE sample_nearest AS
SELECT s.rw_code, b.id, b.distance_m FROM sample s
 CROSS JOIN LATERAL (
       SELECT f.id, ST_Distance(f.location::geography, s.point::geography, true) AS distance_m
         FROM facilities f WHERE f.active AND f.type = 'PUSKESMAS'
        ORDER BY distance_m, f.code LIMIT 1) b;
-- Responsible: the active puskesmas whose catchment is the RW or a kelurahan or kecamatan code it starts with.
CREATE TEMP TABLE sample_responsible AS
SELECT s.rw_code, coalesce((SELECT array_agg(DISTINCT f.id ORDER BY f.id)
                              FROM facility_catchments fc JOIN facilities f ON f.id = fc.facility_id
                             WHERE f.type = 'PUSKESMAS' AND f.active
                               AND (fc.region_code = s.rw_code
                                    OR (starts_with(s.rw_code, fc.region_code || '.')
                                        AND length(fc.region_code) IN (8, 13)))), '{}') AS ids
  FROM sample s;
SELECT (SELECT count(*) FROM sample_nearest b JOIN bench_nearest n USING (rw_code)
         WHERE n.facility_id = b.id AND abs(n.distance_m - b.distance_m) < 0.001),
       (SELECT CASE WHEN :baseline = 1 THEN (SELECT count(*) FROM sample_nearest b JOIN bench_nearest_baseline n USING (rw_code)
                     WHERE n.facility_id = b.id AND abs(n.distance_m - b.distance_m) < 0.001) END),
       (SELECT count(*) FROM sample_responsible b JOIN rw_responsible_puskesmas r USING (rw_code)
         WHERE r.claimant_ids = b.ids
           AND r.status = CASE cardinality(b.ids) WHEN 0 THEN 'NO_WILAYAH_KERJA' WHEN 1 THEN 'ASSIGNED'
                                                  ELSE 'SEVERAL_WILAYAH_KERJA' END
           AND r.facility_id IS NOT DISTINCT FROM CASE WHEN cardinality(b.ids) = 1 THEN b.ids[1] END),
       (SELECT count(*) FROM sample_responsible WHERE cardinality(ids) = 0),
       (SELECT count(*) FROM sample_responsible WHERE cardinality(ids) > 1);
EOF
)"
BRUTE="$(seconds "$t0" "$(now)")"
IFS='|' read -r AGREE_N AGREE_OLD AGREE_R SAMPLE_NONE SAMPLE_SEVERAL <<<"$CHECK"
FIGURES="$(bench_psql -F '|' -c "
  SELECT (SELECT count(*) FROM rw_representative_points),
         (SELECT count(*) FILTER (WHERE type = 'PUSKESMAS' AND active) FROM facilities),
         (SELECT count(*) FROM facilities),
         (SELECT count(*) FROM facility_catchments),
         (SELECT count(*) FILTER (WHERE status = 'ASSIGNED') FROM rw_responsible_puskesmas),
         (SELECT count(*) FILTER (WHERE status = 'NO_WILAYAH_KERJA') FROM rw_responsible_puskesmas),
         (SELECT count(*) FILTER (WHERE status = 'SEVERAL_WILAYAH_KERJA') FROM rw_responsible_puskesmas),
         (SELECT count(*) FROM rw_responsible_puskesmas r JOIN bench_nearest n USING (rw_code)
           WHERE r.status = 'ASSIGNED' AND r.facility_id <> n.facility_id),
         (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY distance_m)::numeric) FROM bench_nearest),
         (SELECT round(percentile_cont(0.95) WITHIN GROUP (ORDER BY distance_m)::numeric) FROM bench_nearest)")"
IFS='|' read -r N_RWS N_PUSK N_FAC N_CATCH ST_ASSIGNED ST_NONE ST_SEVERAL NOT_NEAREST MEDIAN_M P95_M <<<"$FIGURES"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }
{
  echo "ILP Atlas RW access benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "PostgreSQL: $(db_value 'SHOW server_version')  PostGIS: $(db_value 'SELECT postgis_lib_version()')  CPUs: $(nproc 2>/dev/null || echo '?')  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo "RW points: $N_RWS in $KABKOTA kab/kota  active puskesmas: $N_PUSK  facilities in the registry: $N_FAC  catchment rows: $N_CATCH  (generated in $GENERATED s, seed $SEED)"
  echo "per kab/kota, one transaction each, prepared statements, :candidates = $CANDIDATES; wall seconds (backend CPU seconds)"
  echo "columns: the responsible puskesmas of every RW alone, the nearest alone, and both in each kab/kota's one transaction"
  printf '%-40s %17s %17s %17s\n' "" "responsible" "nearest" "both"
  row() { printf '%-40s %17s %17s %17s\n' "$1" "${W[$2_r]} (${C[$2_r]})" "${W[$2_n]} (${C[$2_n]})" "${W[$2_b]} (${C[$2_b]})"; }
  if [ "$BASELINE" = 1 ]; then row "baseline (before issue 15), $SESSIONS connections" old; fi
  row "service SQL, 1 connection" new1
  row "service SQL, $SESSIONS connections" new
  if [ "$BASELINE" = 1 ]; then
    echo "baseline / service SQL on $SESSIONS connections: responsible $(ratio "${W[old_r]}" "${W[new_r]}"), nearest $(ratio "${W[old_n]}" "${W[new_n]}"), both $(ratio "${W[old_b]}" "${W[new_b]}")"
  fi
  echo "responsible puskesmas: $ST_ASSIGNED ASSIGNED, $ST_NONE NO_WILAYAH_KERJA, $ST_SEVERAL SEVERAL_WILAYAH_KERJA; $NOT_NEAREST assigned RWs whose responsible puskesmas is not the nearest"
  echo "distance RW -> nearest puskesmas (synthetic): median $MEDIAN_M m, p95 $P95_M m"
  echo "brute force on a sample of $SAMPLE RWs (seed $SEED; every active puskesmas on the spheroid; catchments by code prefix) in $BRUTE s:"
  echo "  nearest (same puskesmas, distance within 1 mm): service SQL $AGREE_N of $SAMPLE$( [ "$BASELINE" = 1 ] && echo ", baseline $AGREE_OLD of $SAMPLE")"
  echo "  responsible (same status, puskesmas and claimants): $AGREE_R of $SAMPLE (the sample holds $SAMPLE_NONE RWs claimed by none, $SAMPLE_SEVERAL by several)"
  echo "wall time including data generation and checks: $(( $(date +%s) - started_all )) s"
} | tee "$RESULT"
say "written to $RESULT"
{ [ "$AGREE_N" = "$SAMPLE" ] && [ "$AGREE_R" = "$SAMPLE" ]; } || die "the service SQL disagrees with brute force on the sample"
