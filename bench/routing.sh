#!/usr/bin/env bash
# Benchmark of the route solver (geo, id.ilpatlas.geo.routing.OrToolsRouteSolver) on outside truth: every
# TSPLIB instance of the test set (<= 100 nodes, proven optima) and Solomon C101, R101, RC101 (best-known
# distances). Prints optimum/BKS, found, gap % and wall time per instance and writes them to
# bench/results/routing-<date>-<time>.txt. No database needed.
#
# Usage:  bench/routing.sh [tspSeconds [vrptwSeconds [jsprit]]]   (defaults 5 and 20: TSPs within 1 % in 5 s,
#                                                                  Solomon within 3 % in 20 s, on an idle machine)
#         bench/routing.sh 5 20 jsprit      also solves every instance with jsprit 1.8 (test-scope dependency)
#         bench/routing.sh solutions        the tests' deterministic budgets (solver solutions, no time limit):
#                                           the same gaps anywhere; time_s says what they cost on this machine
#
# Builds geo's main and test classes (./mvnw -q -pl geo -DskipTests test-compile) and runs
# id.ilpatlas.geo.routing.RoutingBenchmark (geo test scope) with plain `java -cp`.
# Environment: BENCH_JAVA_OPTS (e.g. -Xmx1g)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
if [[ "${1:-}" == solutions ]]; then
  [[ $# -eq 1 ]] || die "'solutions' takes no further arguments"
else
  for a in "${@:1:2}"; do [[ "$a" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "limit '$a' must be a number of seconds"; done
fi
[[ $# -le 2 || "${3:-}" == jsprit ]] || die "third argument must be 'jsprit'"
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17"

cd "$ROOT"
say "compiling geo (main + test classes)"
./mvnw -B -q -pl geo -DskipTests test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -B -q -pl geo dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="geo/target/test-classes:geo/target/classes:$(cat "$CP_FILE")"

mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/routing-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -cp "$CP" id.ilpatlas.geo.routing.RoutingBenchmark "$@"
} | tee "$OUT"
say "written $OUT"
