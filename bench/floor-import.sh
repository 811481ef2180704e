#!/usr/bin/env bash
# The case importer against its physical floor (issue 19): a COPY of the same, already validated rows straight into
# the final tables with all their indexes, constraints and triggers, timed in the same run as the importer on the
# same file into an empty register.
#
# Usage:  bench/floor-import.sh                                   (from anywhere)
#         BENCH_BASELINE_JAR=/work/base/ilp-atlas-api.jar bench/floor-import.sh   (also an older jar, same run, and a
#                                                                   check that both jars wrote the same rows)
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if it is missing and BENCH_JAR is not set (a relative BENCH_JAR: from $PWD);
#   2. `./atlas db start` and a database BENCH_DB (default atlas_bench_import) dropped and recreated (and
#      BENCH_DB_base for BENCH_BASELINE_JAR: each jar migrates its own). ATLAS_DB_URL is ignored on purpose: the script
#      truncates the case register, so it never runs against a database it did not create;
#   3. writes a seeded synthetic e-PPGBM file of BENCH_ROWS rows with the demo generator;
#   4. per jar (the base jar first): imports a tenth of the file into an empty register, then the whole file into an
#      empty register, each with `--atlas.cli=import-cases` in a JVM limited to BENCH_HEAP, sampling the resident
#      memory of the process every 0.2 s and reading its heap after the last full GC (-Xlog:gc);
#   5. the floor: exports what the importer wrote (children, growth_measurements, import_problems, the final tables'
#      rows) with `COPY ... TO (FORMAT binary)`, truncates them, and times `COPY ... FROM (FORMAT binary)` of those
#      rows into the same tables, indexes, constraints and foreign keys in place, in one transaction (psql -1);
#   6. with BENCH_BASELINE_JAR: compares both registers (every column but ids and timestamps; child ids by child key);
#   7. prints a table, `ROW|<work>|<now>|<floor>|<ratio>|<goal>` lines and a memory line, and writes them to
#      bench/results/floor-import-<date>-<time>.txt.
#
# Environment: BENCH_ROWS=1000000  BENCH_JAR=api/target/ilp-atlas-api.jar  BENCH_BASELINE_JAR=  BENCH_HEAP=256m
#              BENCH_DB=atlas_bench_import  BENCH_JAVA_OPTS= (extra importer JVM options, e.g. a JFR recording)
#              BENCH_REBUILD=1  ATLAS_PG_PORT (as for ./atlas)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BASE_JAR="${BENCH_BASELINE_JAR:-}"
BENCH_DB="${BENCH_DB:-atlas_bench_import}"
ROWS="${BENCH_ROWS:-1000000}"
HEAP="${BENCH_HEAP:-256m}"
# A caller's database (bench/peer.sh passes the demo app's) is never truncated: this script uses its own.
unset ATLAS_DB_URL ATLAS_DB_USER ATLAS_DB_PASSWORD

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
floor_preamble java
{ is_uint "$ROWS" && [ "$ROWS" -ge 10 ]; } || die "BENCH_ROWS='$ROWS' must be a whole number >= 10"
[ -z "$BASE_JAR" ] || [ -f "$BASE_JAR" ] || die "BENCH_BASELINE_JAR=$BASE_JAR does not exist"
[ -z "$BASE_JAR" ] || BASE_JAR="$(abs_path "$BASE_JAR")"
bench_jar build
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/atlas-bench-floor-import.XXXXXX")"
trap 'rc=$?; if [ $rc -eq 0 ]; then rm -rf "$WORK"; else say "logs kept in $WORK"; fi' EXIT

# db_url DB: the JDBC URL of a benchmark database
db_url() { echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$1"; }

app() { # app JAR DB LOG ARGS... : a one-shot command of a jar against a database
  local jar="$1" db="$2" log="$3" opts
  shift 3
  read -r -a opts <<<"${BENCH_JAVA_OPTS:-}"
  ATLAS_DB_URL="$(db_url "$db")" java "-Xmx$HEAP" "-Xlog:gc:file=$log.gc" "${opts[@]}" -jar "$jar" \
    --spring.main.web-application-type=none --spring.main.banner-mode=off --logging.level.root=WARN \
    --logging.level.id.ilpatlas.api.cases=INFO --logging.level.id.ilpatlas.api.indicators=INFO "$@" >"$log" 2>&1
}

# measure CMD...: runs it, prints "<seconds> <peak RSS MiB>" (lib.sh measure_peak); dies when it fails.
measure() {
  local rc=0
  measure_peak "$@" || rc=$?
  [ "$rc" -eq 0 ] || die "'$*' failed (exit $rc)"
  echo "$MEASURED"
}

sql_in() { # sql_in DB SQL... : as the app's role
  local db="$1"
  shift
  PGUSER="$ATLAS_DB_USER" PGPASSWORD="$ATLAS_DB_PASSWORD" "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$PG_PORT" -d "$db" "$@"
}

# The final tables the importer writes and the floor copies into, with the columns a COPY may set (the generated
# region_code of children is computed by the table, as for the importer).
FINAL_TABLES="children growth_measurements import_problems"
copy_columns() {
  sql_in "$1" -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                   WHERE attrelid = '$2'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''"
}
reset_register() { sql_in "$1" -c "TRUNCATE growth_measurements, children, import_problems CASCADE"; }

DBS=("$BENCH_DB")
JARS=("$APP_JAR")
LABELS=("this jar")
if [ -n "$BASE_JAR" ]; then
  DBS=("${BENCH_DB}_base" "$BENCH_DB")
  JARS=("$BASE_JAR" "$APP_JAR")
  LABELS=("base jar" "this jar")
fi
for db in "${DBS[@]}"; do
  BENCH_DB="$db"
  unset ATLAS_DB_URL
  prepare_bench_db
done
unset ATLAS_DB_URL

FILE="$WORK/eppgbm-$ROWS.csv"
TENTH="$WORK/eppgbm-tenth.csv"
say "generating $ROWS synthetic e-PPGBM rows (and migrating the databases)"
for i in "${!JARS[@]}"; do
  if [ "$i" -eq 0 ]; then
    app "${JARS[$i]}" "${DBS[$i]}" "$WORK/generate.log" --atlas.cli=generate-eppgbm --atlas.cli.rows="$ROWS" \
      --atlas.cli.file="$FILE" || { cat "$WORK/generate.log" >&2; die "generating the file failed"; }
  else # migrate and load the reference data (the generator does that first) without writing a second file
    app "${JARS[$i]}" "${DBS[$i]}" "$WORK/generate-$i.log" --atlas.cli=generate-eppgbm --atlas.cli.rows=10 \
      --atlas.cli.file="$WORK/unused-$i.csv" || { cat "$WORK/generate-$i.log" >&2; die "migrating ${DBS[$i]} failed"; }
  fi
done
head -n $((ROWS / 10 + 1)) "$FILE" >"$TENTH"

# heap_after_gc LOG: the largest heap occupancy after a collection (MiB) in the JVM's -Xlog:gc file
heap_after_gc() {
  { grep -ho '[0-9]*M->[0-9]*M' "$1.gc" 2>/dev/null || true; } | sed 's/.*->\([0-9]*\)M/\1/' | sort -n | tail -n1
}
job_ms() { { grep -ho 'total [0-9]* ms' "$1" || true; } | head -n1 | tr -dc '0-9'; }
# refresh_ms LOG: the indicator and hex-heat refresh after the job (ms), or "failed" when it logged an error
refresh_ms() {
  if grep -q 'refreshing the RW indicators after import job .* failed' "$1"; then echo failed; return; fi
  { grep -ho 'summary rows in [0-9]* ms' "$1" || true; } | awk '{s += $4} END {print s + 0}'
}

declare -A R
run_import() { # run_import INDEX FILE LABEL
  local i="$1" log="$WORK/$3-$1.log" wall mb
  reset_register "${DBS[$i]}"
  read -r wall mb < <(measure app "${JARS[$i]}" "${DBS[$i]}" "$log" --atlas.cli=import-cases \
                                  --atlas.cli.format=eppgbm --atlas.cli.file="$2")
  grep -q "^job " "$log" || grep -q "import job" "$log" || { tail -n 30 "$log" >&2; die "import failed"; }
  R[$3,$i,wall]="$wall"
  R[$3,$i,rss]="$mb"
  R[$3,$i,heap]="$(heap_after_gc "$log")"
  R[$3,$i,job]="$(job_ms "$log")"
  R[$3,$i,refresh]="$(refresh_ms "$log")"
  R[$3,$i,timings]="$({ grep -ho "total [0-9]* ms;.*" "$log" || true; } | head -n1)"
  say "${LABELS[$i]}, $3: wall ${wall} s, job $(awk -v m="${R[$3,$i,job]}" 'BEGIN {printf "%.1f", m / 1000}') s, \
peak RSS $mb MiB, heap after GC ${R[$3,$i,heap]:-?} MiB"
}

for i in "${!JARS[@]}"; do
  say "${LABELS[$i]}: import of a tenth ($((ROWS / 10)) rows) into an empty register"
  run_import "$i" "$TENTH" tenth
done
for i in "${!JARS[@]}"; do
  say "${LABELS[$i]}: import of the whole file into an empty register"
  run_import "$i" "$FILE" full
done

LAST=$((${#JARS[@]} - 1))
DB="${DBS[$LAST]}"
stored="$(sql_in "$DB" -c 'SELECT count(*) FROM growth_measurements')"
children="$(sql_in "$DB" -c 'SELECT count(*) FROM children')"
problems="$(sql_in "$DB" -c 'SELECT count(*) FROM import_problems')"

if [ -n "$BASE_JAR" ]; then
  say "comparing the registers the two jars wrote (all but ids and timestamps)"
  register_digest() {
    sql_in "$1" -c "
      SELECT md5(string_agg(r, E'\n' ORDER BY r)) FROM (
        SELECT row(c.kabkota_code, c.child_key, c.nik_masked, c.name, c.sex, c.birth_date, c.birth_weight_g,
                   c.birth_length_cm, c.parent_name, c.posyandu_id, c.last_seen_on, c.kelurahan_code, c.rt,
                   c.rw_number, c.rw_code, c.region_code, c.address, ST_AsEWKT(c.location), c.rw_assignment,
                   c.synthetic)::text AS r FROM children c
        UNION ALL
        SELECT row(m.kabkota_code, c.child_key, m.measured_on, m.age_days, m.weight_kg, m.length_height_cm,
                   m.measured, m.muac_cm, m.head_cm, m.oedema, m.z_length_height_for_age, m.z_weight_for_age,
                   m.z_weight_for_length_height, m.z_bmi_for_age, m.category_length_height_for_age,
                   m.category_weight_for_age, m.category_weight_for_length_height, m.category_bmi_for_age,
                   m.flagged, m.posyandu_id, m.rw_code, m.region_code, m.synthetic)::text
          FROM growth_measurements m JOIN children c ON c.kabkota_code = m.kabkota_code AND c.id = m.child_id
        UNION ALL
        SELECT row('problem', p.row_number, p.column_name, p.severity, p.reason)::text FROM import_problems p) t"
  }
  base_digest="$(register_digest "${DBS[0]}" || echo "query failed")"
  this_digest="$(register_digest "$DB" || echo "query failed")"
  if [ "$base_digest" = "$this_digest" ]; then same="identical ($this_digest)"; else same="DIFFERENT ($base_digest vs $this_digest)"; fi
  say "registers: $same"
fi

say "the floor: COPY (binary) of the rows the importer wrote into the final tables, indexes and constraints in place"
copy_script="$WORK/floor-copy.sql"
: >"$copy_script"
for t in $FINAL_TABLES; do
  cols="$(copy_columns "$DB" "$t")"
  sql_in "$DB" -c "\\copy (SELECT $cols FROM $t ORDER BY 1, 2) TO '$WORK/$t.bin' WITH (FORMAT binary)"
  echo "\\copy $t ($cols) FROM '$WORK/$t.bin' WITH (FORMAT binary)" >>"$copy_script"
done
floor_bytes="$(cat "$WORK"/*.bin | wc -c)"
reset_register "$DB"
sql_in "$DB" -c "CHECKPOINT" 2>/dev/null || true
floor_copy() { sql_in "$DB" -1 -f "$copy_script"; }
read -r floor_s _ < <(measure floor_copy)
[ "$(sql_in "$DB" -c 'SELECT count(*) FROM growth_measurements')" = "$stored" ] || die "the floor COPY lost rows"

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/floor-import-$(date +%Y-%m-%d-%H%M%S).txt"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)"
{
  echo "ILP Atlas case import against its floor, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java:       $(java -version 2>&1 | head -n1), -Xmx$HEAP ${BENCH_JAVA_OPTS:-}"
  echo "postgresql: $(sql_in "$DB" -c 'SELECT version()')"
  echo "file:       $ROWS synthetic e-PPGBM rows, $(($(stat -c %s "$FILE") / 1048576)) MiB; commit ${commit:-unknown}"
  echo "register:   $children children, $stored measurements, $problems import problems (floor: $((floor_bytes / 1048576)) MiB binary)"
  for i in "${!JARS[@]}"; do echo "${LABELS[$i]}:   ${JARS[$i]}"; echo "            ${R[full,$i,timings]}"; done
  [ -z "$BASE_JAR" ] || echo "registers:  $same"
  echo
  printf '%-46s %8s %8s %10s %9s %9s %10s\n' "run" "wall s" "job s" "refresh s" "rows/s" "peak RSS" "heap (GC)"
  printf '%-46s %8.1f %8s %10s %9.0f %9s %10s\n' "floor: COPY binary into the final tables" "$floor_s" "-" "-" \
    "$(awk -v r="$ROWS" -v s="$floor_s" 'BEGIN {print r / s}')" "(psql)" "-"
  for i in "${!JARS[@]}"; do
    for run in tenth full; do
      rows=$ROWS; [ "$run" = tenth ] && rows=$((ROWS / 10))
      awk -v l="${LABELS[$i]}: import of $rows rows" -v w="${R[$run,$i,wall]}" -v j="${R[$run,$i,job]}" \
          -v f="${R[$run,$i,refresh]}" -v n="$rows" -v m="${R[$run,$i,rss]}" -v h="${R[$run,$i,heap]:-?}" 'BEGIN {
        printf "%-46s %8.1f %8.1f %10s %9.0f %6d MiB %6s MiB\n", l, w, j / 1000, \
          (f == "failed" ? "failed" : sprintf("%.1f", f / 1000)), n / (j / 1000), m, h }'
    done
  done
  echo
  echo "wall = the whole command (JVM start, migrations check, the job, then the indicator and hex-heat refresh);"
  echo "job = the import job itself as it logs it (reading, validating, staging, RW assignment, merge; no refresh);"
  echo "the floor is one COPY per final table in one transaction, every index, CHECK and foreign key in place;"
  echo "refresh 'failed': the refresh after the job hit the 30 s statement timeout (readers rebuild on first read)."
  echo
  for i in "${!JARS[@]}"; do
    awk -v l="${LABELS[$i]}" -v j="${R[full,$i,job]}" -v w="${R[full,$i,wall]}" -v f="$floor_s" -v rows="$ROWS" \
        -v m1="${R[tenth,$i,rss]}" -v m2="${R[full,$i,rss]}" -v h1="${R[tenth,$i,heap]:-0}" -v h2="${R[full,$i,heap]:-0}" 'BEGIN {
      printf "ROW|e-PPGBM import of %s rows (%s, job)|%.1f s|%.1f s|%.2f×|≤ 2× the floor, memory flat\n", \
        (rows == 1000000 ? "1 M" : rows), l, j / 1000, f, (j / 1000) / f
      printf "ROW|e-PPGBM import of %s rows (%s, whole command)|%.1f s|%.1f s|%.2f×|≤ 2× the floor, memory flat\n", \
        (rows == 1000000 ? "1 M" : rows), l, w, f, w / f
      printf "memory (%s): peak RSS %d MiB at %d rows vs %d MiB at %d rows (%+.0f%%); heap after GC %d vs %d MiB\n", \
        l, m1, rows / 10, m2, rows, (m2 - m1) * 100 / m1, h1, h2
    }'
  done
} | tee "$RESULT"
say "written to $RESULT"
