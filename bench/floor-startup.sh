#!/usr/bin/env bash
# Start-up to ready with production settings: the app started the way users start it (api/run-app.sh: the jar
# extracted, with its Class Data Sharing archive; the same as `./atlas start` and the Docker image) with the prod
# profile against an already-migrated database and no demo loading, BENCH_STARTS times; the wall time from the
# process start to the first 200 of /actuator/health/readiness (database included), median/min/max, and Spring's own
# "Started ... in X seconds (process running for Y)".
#
# Usage:  bench/floor-startup.sh
#         BENCH_BASELINE_JAR=/work/base/ilp-atlas-api.jar bench/floor-startup.sh   # old and new, interleaved
#
# What it does:
#   1. builds api/target/ilp-atlas-api.jar if BENCH_JAR is the default and missing (BENCH_REBUILD=1: always);
#   2. database: ATLAS_DB_URL/ATLAS_DB_USER/ATLAS_DB_PASSWORD when set (used as is: e.g. bench/peer.sh passes the
#      database of its running app), otherwise `./atlas db start` and BENCH_DB (default atlas_bench_startup) dropped
#      and recreated;
#   3. `api/run-app.sh prepare` for each jar measured that way (extract + training run; timed, once);
#   4. one unmeasured start per jar (Flyway migrates the new database), then BENCH_STARTS measured starts per jar,
#      interleaved when there are two, each on a free port of its own, stopped (TERM) before the next;
#   5. prints the table and `ROW|start-up to ready|<median> s|—|—|≤ 4 s` (BENCH_JAR) for bench/peer.sh, and writes
#      them to bench/results/floor-startup-<date>-<time>.txt.
#
# Environment: BENCH_JAR (api/target/ilp-atlas-api.jar), BENCH_STARTS=5, BENCH_LAUNCH=run-app|plain (how BENCH_JAR is
#   started: run-app = api/run-app.sh, plain = `java -jar JAR`, the way the Dockerfile did before issue 19),
#   BENCH_BASELINE_JAR (also measured, interleaved; launched by BENCH_BASELINE_LAUNCH, default plain), BENCH_HEAP=1g
#   (-Xmx, as ATLAS_HEAP), BENCH_JAVA_OPTS, BENCH_DB, BENCH_PORT (first port tried), BENCH_HEALTH_TIMEOUT=120,
#   BENCH_APP_URL (ignored: a running app is never restarted; its ATLAS_DB_* are used), ATLAS_DB_URL etc.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BASELINE_JAR="${BENCH_BASELINE_JAR:-}"
LAUNCH="${BENCH_LAUNCH:-run-app}"
BASELINE_LAUNCH="${BENCH_BASELINE_LAUNCH:-plain}"
BENCH_DB="${BENCH_DB:-atlas_bench_startup}"
STARTS="${BENCH_STARTS:-5}"
HEAP="${BENCH_HEAP:-1g}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-120}"
RUN_APP="$ROOT/api/run-app.sh"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
floor_preamble java curl
for v in STARTS HEALTH_TIMEOUT; do is_uint "${!v}" || die "$v='${!v}' must be a whole number"; done
[ "$STARTS" -ge 1 ] || die "BENCH_STARTS must be at least 1"
for l in "$LAUNCH" "$BASELINE_LAUNCH"; do
  case "$l" in run-app|plain) ;; *) die "BENCH_LAUNCH/BENCH_BASELINE_LAUNCH '$l': expected run-app or plain" ;; esac
done
[ -z "${BENCH_APP_URL:-}" ] || say "BENCH_APP_URL=$BENCH_APP_URL is left running; own instances are started on free ports"

bench_jar build
[ -z "$BASELINE_JAR" ] || [ -f "$BASELINE_JAR" ] || die "BENCH_BASELINE_JAR=$BASELINE_JAR not found"
[ -z "$BASELINE_JAR" ] || BASELINE_JAR="$(abs_path "$BASELINE_JAR")"

prepare_bench_db
# Production settings, as in the Docker image (Dockerfile ENV): prod profile, no demo loading.
export SPRING_PROFILES_ACTIVE=prod

bench_app_setup startup "${BENCH_PORT:-18590}"
unset BENCH_PORT   # every start takes the first free port from PORT on

# The jars measured: "label|jar|launch|dir".
declare -a SUBJECTS=("new|$APP_JAR|$LAUNCH|$WORK/app-new")
[ -z "$BASELINE_JAR" ] || SUBJECTS+=("old|$BASELINE_JAR|$BASELINE_LAUNCH|$WORK/app-old")

free_port() {
  local p
  for p in $(seq "$PORT" $((PORT + 99))); do if ! port_in_use "$p"; then echo "$p"; return; fi; done
  die "no free port from $PORT"
}

now_ms() { date +%s%3N; }

# measure_start LABEL JAR LAUNCH DIR LOG: one start; sets MEASURED to "<ms to ready> <Spring started s> <process
# running s>" (not printed: a command substitution would run it in a subshell, out of reach of the EXIT trap).
measure_start() {
  local label="$1" jar="$2" launch="$3" dir="$4" log="$5" port t0 t1 code
  local -a java_opts
  read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
  port="$(free_port)"
  t0="$(now_ms)"
  if [ "$launch" = run-app ]; then
    ATLAS_PORT="$port" "$RUN_APP" exec "$dir" "-Xmx$HEAP" "${java_opts[@]}" >"$log" 2>&1 &
  else
    ATLAS_PORT="$port" java "-Xmx$HEAP" "${java_opts[@]}" -jar "$jar" >"$log" 2>&1 &
  fi
  APP_PID=$!
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" \
              2>/dev/null || true)"
    [ "$code" = 200 ] && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$log" >&2; die "$label: the app exited during start-up"; }
    [ $(( $(now_ms) - t0 )) -lt $((HEALTH_TIMEOUT * 1000)) ] || die "$label: not ready after ${HEALTH_TIMEOUT}s ($log)"
    sleep 0.05
  done
  t1="$(now_ms)"
  stop_app
  APP_PID=""
  # "Started AtlasApplication in 7.123 seconds (process running for 8.456)"
  local started running
  started="$(sed -n 's/.*Started [A-Za-z]* in \([0-9.]*\) seconds.*/\1/p' "$log" | head -n1)"
  running="$(sed -n 's/.*(process running for \([0-9.]*\)).*/\1/p' "$log" | head -n1)"
  MEASURED="$((t1 - t0)) ${started:-nan} ${running:-nan}"
}

# stats: reads numbers, prints "median min max" (median of an even count: mean of the middle two).
stats() {
  sort -g | LC_ALL=C awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan nan nan"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}

declare -A PREPARE_S MED
for s in "${SUBJECTS[@]}"; do
  IFS='|' read -r label jar launch dir <<<"$s"
  if [ "$launch" = run-app ]; then
    say "$label: api/run-app.sh prepare (extract + CDS training run) of $jar"
    t0="$(now_ms)"
    "$RUN_APP" prepare "$jar" "$dir" >"$WORK/prepare-$label.log" 2>&1 || { cat "$WORK/prepare-$label.log" >&2; die "$label: prepare failed"; }
    PREPARE_S[$label]="$(LC_ALL=C awk -v ms=$(( $(now_ms) - t0 )) 'BEGIN { printf "%.1f", ms / 1000 }')"
    grep -q 'archive .* recorded' "$WORK/prepare-$label.log" || say "$label: no CDS archive (see $dir/training.log)"
  else
    PREPARE_S[$label]="-"
  fi
  say "$label: unmeasured first start (migrates the database when needed)"
  measure_start "$label" "$jar" "$launch" "$dir" "$WORK/first-$label.log"
done

for i in $(seq 1 "$STARTS"); do
  for s in "${SUBJECTS[@]}"; do
    IFS='|' read -r label jar launch dir <<<"$s"
    measure_start "$label" "$jar" "$launch" "$dir" "$WORK/start-$label-$i.log"
    r="$MEASURED"
    echo "$r" >>"$WORK/results-$label.txt"
    say "$label start $i/$STARTS: ready after $(awk '{ printf "%.2f s; Spring: started in %s s (process running for %s s)", $1 / 1000, $2, $3 }' <<<"$r")"
  done
done

mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/floor-startup-$(date +%Y-%m-%d-%H%M%S).txt"
{
  echo "# start-up to ready, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) CPUs, $(LC_ALL=C awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -n1); -Xmx$HEAP ${BENCH_JAVA_OPTS:-}; profile prod; database $ATLAS_DB_URL (migrated)"
  echo "ready = first 200 of /actuator/health/readiness, from the process start; $STARTS starts per jar, interleaved"
  echo
  printf '%-4s %-8s %-9s %8s %8s %8s %12s %14s  %s\n' jar launch prepare_s median_s min_s max_s spring_started "process_running" path
  for s in "${SUBJECTS[@]}"; do
    IFS='|' read -r label jar launch dir <<<"$s"
    read -r med min max < <(awk '{ print $1 / 1000 }' "$WORK/results-$label.txt" | stats)
    read -r smed _ _ < <(awk '{ print $2 }' "$WORK/results-$label.txt" | stats)
    read -r rmed _ _ < <(awk '{ print $3 }' "$WORK/results-$label.txt" | stats)
    printf '%-4s %-8s %-9s %8s %8s %8s %12s %14s  %s\n' "$label" "$launch" "${PREPARE_S[$label]}" "$med" "$min" "$max" "$smed" "$rmed" "$jar"
    MED[$label]="$med"
  done
  echo "(spring_started / process_running: medians of Spring's \"Started ... in X seconds (process running for Y)\")"
  if [ -n "$BASELINE_JAR" ]; then
    LC_ALL=C awk -v n="${MED[new]}" -v o="${MED[old]}" 'BEGIN { printf "ratio old/new (medians): %.2f\n", o / n }'
  fi
  echo
  echo "ROW|start-up to ready|${MED[new]} s|—|—|≤ 4 s"
} | tee "$RESULT"
say "written to $RESULT"
