#!/usr/bin/env bash
# Benchmark of the RW access query at national scale: a synthetic Indonesia of BENCH_RWS RW points (default 300,000)
# clustered round ~514 kab/kota centres in the boxes of the main island groups, BENCH_PUSKESMAS puskesmas (10,000)
# and BENCH_POSYANDU posyandu (300,000) in the same registry table. Times the nearest puskesmas of every RW with the
# query of RwAccessService (KNN on the geography GiST index, re-ranked on the spheroid) and compares it on a seeded
# sample of BENCH_SAMPLE RWs (1,000) with a brute-force scan of every puskesmas: time ratio and agreement.
#
# Usage:  bench/access.sh            (from anywhere)
#
# Database: ATLAS_DB_URL/ATLAS_DB_USER/ATLAS_DB_PASSWORD when set (used as is: the script creates and drops only its
# own tables facilities, rw_representative_points, kabkota_centres, bench_* - never point it at a real database),
# otherwise `./atlas db start` and a database BENCH_DB (default atlas_bench_access) dropped and recreated.
# Needs psql and PostGIS; no app jar (the SQL is the service's own, in bench/access.sql).
#
# Environment: BENCH_RWS=300000  BENCH_PUSKESMAS=10000  BENCH_POSYANDU=300000  BENCH_SAMPLE=1000  BENCH_SEED=42
#              BENCH_DB=atlas_bench_access  ATLAS_DB_URL, ATLAS_DB_USER, ATLAS_DB_PASSWORD, ATLAS_PG_PORT
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
PG_PORT="${ATLAS_PG_PORT:-54329}"
BENCH_DB="${BENCH_DB:-atlas_bench_access}"
RWS="${BENCH_RWS:-300000}"
PUSKESMAS="${BENCH_PUSKESMAS:-10000}"
POSYANDU="${BENCH_POSYANDU:-300000}"
SAMPLE="${BENCH_SAMPLE:-1000}"
SEED="${BENCH_SEED:-42}"

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in RWS PUSKESMAS POSYANDU SAMPLE SEED; do is_uint "${!v}" || die "BENCH_$v='${!v}' must be a whole number"; done
[ "$RWS" -ge 100 ] && [ "$PUSKESMAS" -ge 1 ] && [ "$SAMPLE" -ge 1 ] && [ "$SAMPLE" -le "$RWS" ] \
  || die "need BENCH_RWS >= 100, BENCH_PUSKESMAS >= 1, 1 <= BENCH_SAMPLE <= BENCH_RWS"

prepare_bench_db
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/access-$(date +%Y-%m-%d-%H%M%S).txt"
uri="${ATLAS_DB_URL#jdbc:}"
uri="${uri%%\?*}"
say "building ~$RWS RW points, $PUSKESMAS puskesmas, $POSYANDU posyandu (seed $SEED), then timing; takes a few minutes"
started="$(date +%s)"
{
  echo "ILP Atlas RW access benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "PostgreSQL: $(db_value 'SHOW server_version')  PostGIS: $(db_value 'SELECT postgis_lib_version()')  CPUs: $(nproc 2>/dev/null || echo '?')"
  PGUSER="$ATLAS_DB_USER" PGPASSWORD="$ATLAS_DB_PASSWORD" "$PSQL" -X -q -A -t -d "$uri" \
    -v rws="$RWS" -v puskesmas="$PUSKESMAS" -v posyandu="$POSYANDU" -v sample="$SAMPLE" -v seed="$SEED" \
    -f "$BENCH_DIR/access.sql"
  echo "wall time including data generation: $(( $(date +%s) - started )) s"
} | tee "$RESULT"
say "written to $RESULT"
