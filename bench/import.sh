#!/usr/bin/env bash
# Benchmark of the case importer: a synthetic e-PPGBM file of BENCH_ROWS rows (default 1,000,000) imported
# through the real importer (validation, WHO z-scores, NIK hashing, RW assignment, merge by natural key), against a
# plain PostgreSQL COPY of the same file into an all-text staging table in the same run.
#
# Usage:  bench/import.sh            (from anywhere)
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if it is missing (BENCH_REBUILD=1: always);
#   2. database: ATLAS_DB_URL/ATLAS_DB_USER/ATLAS_DB_PASSWORD when set (used as is), otherwise `./atlas db start`
#      and a database BENCH_DB (default atlas_bench_import) dropped and recreated;
#   3. writes the file with the demo generator (`--atlas.cli=generate-eppgbm`, seeded) for the city in the database
#      (the Pekalongan reference data are loaded first);
#   4. baseline: `COPY copy_baseline FROM STDIN (FORMAT csv, DELIMITER ';', HEADER)` of the same file, timed;
#   5. imports the file with `--atlas.cli=import-cases` in a JVM limited to BENCH_HEAP (default 256m), sampling the
#      process's resident memory every 0.2 s; then imports a tenth of it into a fresh register the same way (peak
#      memory must not grow with the file) and the whole file again (idempotent: every row unchanged);
#   6. prints rows/s, peak resident memory and the ratio to COPY, and writes them to bench/results/import-<date>.txt.
#
# Environment: BENCH_ROWS=1000000  BENCH_HEAP=256m  BENCH_DB=atlas_bench_import  BENCH_REBUILD=1
#              ATLAS_DB_URL, ATLAS_DB_USER, ATLAS_DB_PASSWORD, ATLAS_PG_PORT: as for ./atlas
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
BENCH_DB="${BENCH_DB:-atlas_bench_import}"
ROWS="${BENCH_ROWS:-1000000}"
HEAP="${BENCH_HEAP:-256m}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
{ is_uint "$ROWS" && [ "$ROWS" -ge 10 ]; } || die "BENCH_ROWS='$ROWS' must be a whole number >= 10"
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"

build_jar_if_needed
prepare_bench_db
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/atlas-bench-import.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export ATLAS_NIK_KEY="${ATLAS_NIK_KEY:-bench-only-nik-key-0123456789abcdef0123456789}"

app() { # app ARGS... : a one-shot command of the app jar
  java "-Xmx$HEAP" -jar "$APP_JAR" --spring.main.web-application-type=none --spring.main.banner-mode=off \
    --logging.level.root=WARN --logging.level.id.ilpatlas.api.cases=INFO "$@"
}

# Runs a command, prints "<seconds> <peak RSS in MiB>" to fd 3 (lib.sh measure_peak), whatever its exit status.
measure() {
  measure_peak "$@" || true
  echo "$MEASURED" >&3
}

db_sql() { # db_sql SQL : as the app's role on the benchmark database
  local uri="${ATLAS_DB_URL#jdbc:}"
  PGUSER="$ATLAS_DB_USER" PGPASSWORD="$ATLAS_DB_PASSWORD" "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -d "${uri%%\?*}" -c "$1"
}

FILE="$WORK/eppgbm-$ROWS.csv"
TENTH="$WORK/eppgbm-tenth.csv"
say "generating $ROWS synthetic e-PPGBM rows"
app --atlas.cli=generate-eppgbm --atlas.cli.rows="$ROWS" --atlas.cli.file="$FILE" >&2
head -n $((ROWS / 10 + 1)) "$FILE" >"$TENTH"
bytes="$(stat -c %s "$FILE")"

say "baseline: COPY into an all-text staging table"
header="$(head -n1 "$FILE")"
columns="$(printf '%s' "$header" | tr ';' '\n' | awk '{printf "%sc%d text", (NR > 1 ? ", " : ""), NR}')"
db_sql "DROP TABLE IF EXISTS copy_baseline; CREATE TABLE copy_baseline ($columns)"
copy_baseline() {
  local uri="${ATLAS_DB_URL#jdbc:}"
  PGUSER="$ATLAS_DB_USER" PGPASSWORD="$ATLAS_DB_PASSWORD" "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "${uri%%\?*}" \
    -c "\\copy copy_baseline FROM '$FILE' WITH (FORMAT csv, DELIMITER ';', HEADER true)"
}
read -r copy_s copy_mb < <(measure copy_baseline 3>&1 >&2)
copied="$(db_sql 'SELECT count(*) FROM copy_baseline')"
db_sql "DROP TABLE copy_baseline"

reset_register() {
  db_sql "TRUNCATE growth_measurements, children, import_problems CASCADE"
}

run_import() { # run_import FILE LABEL -> "<seconds> <MiB>" and the job line in $WORK/LABEL.log
  app --atlas.cli=import-cases --atlas.cli.format=eppgbm --atlas.cli.file="$1" >"$WORK/$2.log" 2>&1
}

say "import of the tenth ($((ROWS / 10)) rows) into an empty register"
reset_register
read -r tenth_s tenth_mb < <(measure run_import "$TENTH" tenth 3>&1)
say "import of the whole file into an empty register"
reset_register
read -r full_s full_mb < <(measure run_import "$FILE" full 3>&1)
say "the same file again (every row unchanged)"
read -r again_s again_mb < <(measure run_import "$FILE" again 3>&1)
grep -h "^job " "$WORK/full.log" "$WORK/again.log" >&2 || { tail -n 30 "$WORK/full.log" >&2; die "import failed"; }
measurements="$(db_sql 'SELECT count(*) FROM growth_measurements')"
job_ms() { grep -ho 'total [0-9]* ms' "$WORK/$1.log" | head -n1 | tr -dc '0-9'; }
full_job_ms="$(job_ms full)"
again_job_ms="$(job_ms again)"
tenth_job_ms="$(job_ms tenth)"

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/import-$(date +%Y-%m-%d-%H%M%S).txt"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)"
{
  echo "ILP Atlas case import benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr)"
  echo "java:       $(java -version 2>&1 | head -n1), -Xmx$HEAP"
  echo "postgresql: $(db_sql 'SELECT version()')"
  echo "file:       $ROWS synthetic e-PPGBM rows, $((bytes / 1048576)) MiB; commit ${commit:-unknown}"
  echo "timings:    $(grep -ho "total [0-9]* ms;.*" "$WORK/full.log" | head -n1)"
  echo
  awk -v rows="$ROWS" -v copy_s="$copy_s" -v copy_mb="$copy_mb" -v copied="$copied" \
      -v tenth_s="$tenth_s" -v tenth_mb="$tenth_mb" -v full_s="$full_s" -v full_mb="$full_mb" \
      -v again_s="$again_s" -v again_mb="$again_mb" -v stored="$measurements" \
      -v full_job="$full_job_ms" -v again_job="$again_job_ms" -v tenth_job="$tenth_job_ms" 'BEGIN {
    printf "%-44s %9s %9s %10s %13s\n", "run", "wall s", "job s", "rows/s", "peak RSS MiB"
    printf "%-44s %9.1f %9s %10.0f %13s\n", "COPY into a text staging table (psql)", copy_s, "-", copied / copy_s, copy_mb " (psql)"
    printf "%-44s %9.1f %9.1f %10.0f %13d\n", "import, a tenth of the file (" int(rows / 10) " rows)", tenth_s, tenth_job / 1000, int(rows / 10) / (tenth_job / 1000), tenth_mb
    printf "%-44s %9.1f %9.1f %10.0f %13d\n", "import, whole file into an empty register", full_s, full_job / 1000, rows / (full_job / 1000), full_mb
    printf "%-44s %9.1f %9.1f %10.0f %13d\n", "import, same file again (all unchanged)", again_s, again_job / 1000, rows / (again_job / 1000), again_mb
    printf "\nwall = the whole command incl. JVM start (about 6 s); job = the import job itself; rows/s from job time\n"
    printf "import / COPY time ratio: %.1f (job time), %.1f (wall); rows stored: %d of %d\n", (full_job / 1000) / copy_s, full_s / copy_s, stored, rows
    printf "peak memory, whole file vs a tenth: %d vs %d MiB (JVM start-up included in the times)\n", full_mb, tenth_mb
  }'
} | tee "$RESULT"
say "written to $RESULT"
