#!/usr/bin/env bash
# Scale benchmark for docs/scale-out.md: BENCH_ROWS synthetic growth measurements (default 20,000,000, one national
# e-PPGBM month of ~20M children measured) spread over BENCH_KABKOTA kab/kota (514), in a table keyed like
# growth_measurements (kab/kota first). Prints load time, heap and index size, bytes per row, and the time of the
# per-kab/kota queries (one month, one year) against the national ones, so that what stays flat and what grows with
# the country can be read off. Plain SQL (bench/scale.sql), no app.
#
# Usage:  bench/scale.sh            (from anywhere; takes a few minutes and ~4 GB of disk for 20M rows)
#
# Database: ATLAS_DB_URL/ATLAS_DB_USER/ATLAS_DB_PASSWORD when set (the script creates and drops only its own table
# scale_measurements), otherwise `./atlas db start` and a database BENCH_DB (default atlas_bench_scale) recreated.
# Environment: BENCH_ROWS=20000000  BENCH_KABKOTA=514  BENCH_SEED=42  BENCH_DB=atlas_bench_scale
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
BENCH_DB="${BENCH_DB:-atlas_bench_scale}"
ROWS="${BENCH_ROWS:-20000000}"
KABKOTA="${BENCH_KABKOTA:-514}"
SEED="${BENCH_SEED:-42}"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
check_bench_db_name
for v in ROWS KABKOTA SEED; do is_uint "${!v}" || die "BENCH_$v='${!v}' must be a whole number"; done
{ [ "$ROWS" -ge 1000 ] && [ "$KABKOTA" -ge 10 ] && [ "$KABKOTA" -le 1000 ]; } \
  || die "need BENCH_ROWS >= 1000 and 10 <= BENCH_KABKOTA <= 1000"

prepare_bench_db
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"
mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/scale-$(date +%Y-%m-%d-%H%M%S).txt"
uri="${ATLAS_DB_URL#jdbc:}"
uri="${uri%%\?*}"
say "generating $ROWS measurements over $KABKOTA kab/kota, then timing; takes a few minutes"
{
  echo "ILP Atlas scale benchmark, $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "PostgreSQL: $(db_value 'SHOW server_version')  CPUs: $(nproc 2>/dev/null || echo '?')  shared_buffers: $(db_value 'SHOW shared_buffers')"
  PGUSER="$ATLAS_DB_USER" PGPASSWORD="$ATLAS_DB_PASSWORD" "$PSQL" -X -q -A -t -d "$uri" \
    -v rows="$ROWS" -v kabkota="$KABKOTA" -v seed="$SEED" -f "$BENCH_DIR/scale.sql"
} | tee "$RESULT"
say "written to $RESULT"
