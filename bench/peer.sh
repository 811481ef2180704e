#!/usr/bin/env bash
# Issue 19's two tables from one run: ILP Atlas against a generic GraphQL server (PostGraphile) serving the same
# data, and ILP Atlas against the physical floor (the bench/floor-*.sh scripts).
#
# Usage:  bench/peer.sh                                           (from anywhere)
#         BENCH_JAR=/work/base/ilp-atlas-api.jar bench/peer.sh    another app jar
#         BENCH_JAR2=api/target/ilp-atlas-api.jar BENCH_JAR=/work/base/ilp-atlas-api.jar bench/peer.sh
#                                                                 two jars as two columns of table 1
#
# What it does:
#   1. database: ATLAS_DB_URL/... when set (used as is), otherwise `./atlas db start` and a database BENCH_DB
#      (default atlas_bench_peer) dropped and recreated (bench/lib.sh);
#   2. installs PostGraphile 4.14.1 with @graphile/postgis 0.2.0 and postgraphile-plugin-connection-filter 2.3.0 into
#      ATLAS_PEER_DIR (default .atlas/peer-node, git-ignored) when missing (npm, once);
#   3. starts the app jar (BENCH_JAR) with the demo profile and waits for the synthetic cases; BENCH_JAR2, when set,
#      a second app on the same database;
#   4. creates the schema `peer` (bench/peer/peer-schema.sql: views over the app's tables with the same answers as
#      the app gives the Dinkes admin) and a role that may only read it, and starts PostGraphile on it;
#   5. runs bench/peer/load.mjs: both answers checked equal first (canonical forms), warm-up, then BENCH_ROUNDS
#      rounds of BENCH_SECONDS per server and work, interleaved, 16 keep-alive connections, closed loop; table 1;
#   6. runs bench/floor-<name>.sh for each BENCH_FLOORS name (given the running app and database) and collects their
#      `ROW|work|now|floor|ratio|goal` lines into table 2;
#   7. prints machine, versions and both tables and writes them to bench/results/peer-<date>-<time>.txt.
#
# Environment (see bench/README.md): BENCH_JAR BENCH_JAR2 BENCH_TABLES=peer,floor BENCH_FLOORS=tiles,import,startup
#   BENCH_FLOOR_DIR=bench BENCH_ROUNDS=6 BENCH_SECONDS=10 BENCH_WARMUP=10 BENCH_CONNECTIONS=16 BENCH_YEAR
#   BENCH_PEER_WORKERS BENCH_DB=atlas_bench_peer BENCH_PORT BENCH_PEER_PORT BENCH_JAVA_OPTS BENCH_HEALTH_TIMEOUT=600
#   ATLAS_PEER_DIR; ATLAS_DB_URL etc. as for ./atlas
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH_DIR="$ROOT/bench"
RESULTS_DIR="$BENCH_DIR/results"
APP_JAR2="${BENCH_JAR2:-}"
BENCH_DB="${BENCH_DB:-atlas_bench_peer}"
HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-600}"
TABLES="${BENCH_TABLES:-peer,floor}"
FLOORS="${BENCH_FLOORS:-tiles,import,startup}"
FLOOR_DIR="${BENCH_FLOOR_DIR:-$BENCH_DIR}"
ROUNDS="${BENCH_ROUNDS:-6}"
SECONDS_ROUND="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
PEER_WORKERS="${BENCH_PEER_WORKERS:-}"
PEER_DIR="${ATLAS_PEER_DIR:-$ROOT/.atlas/peer-node}"
PEER_ROLE="atlas_peer_ro"
POSTGRAPHILE_VERSION=4.14.1
POSTGIS_PLUGIN_VERSION=0.2.0
FILTER_PLUGIN_VERSION=2.3.0
STARTED_AT=$SECONDS

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
floor_preamble java curl
for v in ROUNDS SECONDS_ROUND WARMUP CONNECTIONS HEALTH_TIMEOUT; do
  is_uint "${!v}" || die "$v='${!v}' must be a whole number"
done
{ [ "$ROUNDS" -ge 1 ] && [ "$SECONDS_ROUND" -ge 1 ] && [ "$CONNECTIONS" -ge 1 ]; } || die "rounds, seconds, connections ≥ 1"
if [ -n "$PEER_WORKERS" ] && ! is_uint "$PEER_WORKERS"; then die "BENCH_PEER_WORKERS='$PEER_WORKERS' is not a number"; fi
want_table() { [[ ",$TABLES," == *",$1,"* ]]; }
want_table peer || want_table floor || die "BENCH_TABLES='$TABLES' names neither peer nor floor"
command -v node >/dev/null 2>&1 || die "node not found (node 20: apt-get install nodejs npm)"

# The jar(s): BENCH_JAR as given (never rebuilt); the default jar built when missing, like the other scripts.
bench_jar build
if [ -n "$APP_JAR2" ]; then
  [ -f "$APP_JAR2" ] || die "BENCH_JAR2=$APP_JAR2 does not exist"
  APP_JAR2="$(abs_path "$APP_JAR2")"
fi

# "path, sha1 …, built …, commit …" of a jar: the commit is known for a jar of this checkout only.
describe_jar() {
  local jar="$1" sha built commit=""
  sha="$(sha1sum "$jar" | cut -c1-12)"
  built="$(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC')"
  case "$jar" in
    "$ROOT"/*) commit="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || true)" ;;
  esac
  printf '%s (sha1 %s, built %s, %s)' "$jar" "$sha" "$built" \
    "${commit:+commit $commit of this checkout}${commit:-commit unknown: not built from this checkout}"
}

# ------------------------------------------------------------------------------------------- PostGraphile, pinned
if want_table peer; then
  installed=""
  pj="$PEER_DIR/node_modules/postgraphile/package.json"
  [ -f "$pj" ] && installed="$(node -p 'require(process.argv[1]).version' "$pj" 2>/dev/null || true)"
  for p in "@graphile/postgis:$POSTGIS_PLUGIN_VERSION" "postgraphile-plugin-connection-filter:$FILTER_PLUGIN_VERSION"; do
    f="$PEER_DIR/node_modules/${p%%:*}/package.json"
    v=""
    if [ -f "$f" ]; then v="$(node -p 'require(process.argv[1]).version' "$f" 2>/dev/null || true)"; fi
    [ "$v" = "${p##*:}" ] || installed=""
  done
  if [ "$installed" != "$POSTGRAPHILE_VERSION" ]; then
    command -v npm >/dev/null 2>&1 || die "npm not found (apt-get install npm)"
    say "installing PostGraphile $POSTGRAPHILE_VERSION and its plugins into $PEER_DIR"
    mkdir -p "$PEER_DIR"
    npm install --no-save --no-audit --no-fund --prefix "$PEER_DIR" "postgraphile@$POSTGRAPHILE_VERSION" \
      "@graphile/postgis@$POSTGIS_PLUGIN_VERSION" "postgraphile-plugin-connection-filter@$FILTER_PLUGIN_VERSION" >&2 \
      || die "npm install of PostGraphile failed (needs the npm registry once)"
  fi
fi

# ------------------------------------------------------------------------------------------- database, app(s)
prepare_bench_db
[ -n "$PSQL" ] || die "psql not found (apt-get install postgresql-client)"

PEER_PID=""
APP2_PID=""
bench_cleanup_extra() {
  stop_pid "$PEER_PID"
  stop_pid "$APP2_PID"
}
bench_app_setup peer 18090
trap 'exit 130' INT
trap 'exit 143' TERM

# The demo's synthetic cases end on DEMO_AS_OF (default: the last day of last year), so that a whole calendar year has
# data: the app answers NO_DATA/PARTIAL_PERIOD (nulls) for a year its imports cover only in part.
DEMO_AS_OF="${BENCH_DEMO_AS_OF:-$(( $(date +%Y) - 1 ))-12-31}"
start_app --atlas.cases.demo.as-of="$DEMO_AS_OF"
wait_for_demo_cases
say "app and demo data ready after $((SECONDS - APP_STARTED))s"
BASE1="$BASE"

if [ -n "$APP_JAR2" ]; then
  # The second app on the same database (the demo data is already in; it loads nothing again).
  PORT2=""
  for p in $(seq $((PORT + 1)) $((PORT + 100))); do if ! port_in_use "$p"; then PORT2="$p"; break; fi; done
  [ -n "$PORT2" ] || die "no free port for the second app"
  BASE2="http://127.0.0.1:$PORT2"
  read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
  say "starting the second app ($APP_JAR2) on port $PORT2 (log: $WORK/app2.log)"
  (cd "$ROOT" && ATLAS_PORT="$PORT2" exec java "${java_opts[@]}" -jar "$APP_JAR2" --spring.profiles.active=demo \
     --atlas.cases.demo.as-of="$DEMO_AS_OF") \
    >"$WORK/app2.log" 2>&1 &
  APP2_PID=$!
  started2=$SECONDS
  until curl -fsS -o /dev/null --max-time 5 "$BASE2/actuator/health" 2>/dev/null; do
    kill -0 "$APP2_PID" 2>/dev/null || { tail -n 40 "$WORK/app2.log" >&2; die "the second app exited during start-up"; }
    [ $((SECONDS - started2)) -lt "$HEALTH_TIMEOUT" ] || die "the second app was not healthy after ${HEALTH_TIMEOUT}s"
    sleep 1
  done
fi

# ------------------------------------------------------------------------------------------- report header
mkdir -p "$RESULTS_DIR"
RESULT="$RESULTS_DIR/peer-$(date +%Y-%m-%d-%H%M%S).txt"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
mem="$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)"
{
  echo "ILP Atlas against its peer and its floor (issue 19), $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:    $(nproc) CPUs, ${cpu:-unknown CPU}, ${mem:-unknown memory}, $(uname -sr)"
  echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) before the measurements (other work on the machine shows here)"
  echo "java:       $(java -version 2>&1 | head -n1), ${BENCH_JAVA_OPTS:-default JVM options}"
  echo "node:       $(node --version)"
  echo "postgresql: $(db_value 'SELECT version()' | cut -c1-80)"
  echo "postgis:    $(db_value 'SELECT postgis_full_version()' | grep -o 'POSTGIS="[^"]*"' || echo unknown)"
  echo "database:   ${ATLAS_DB_URL%%\?*}"
  echo "app:        $(describe_jar "$APP_JAR")"
  if [ -n "$APP_JAR2" ]; then echo "app 2:      $(describe_jar "$APP_JAR2")"; fi
  echo
} | tee "$RESULT"

# ------------------------------------------------------------------------------------------- table 1
if want_table peer; then
  # The read-only role of PostGraphile: a new password each run; only USAGE/SELECT on the schema peer. With
  # BENCH_PEER_DB_URL (postgres://role:password@host:port/db) a role prepared beforehand instead.
  if [ -n "${BENCH_PEER_DB_URL:-}" ]; then
    PEER_CONN="$BENCH_PEER_DB_URL"
    PEER_ROLE="${PEER_CONN#postgres*://}"
    PEER_ROLE="${PEER_ROLE%%[:@]*}"
  else
    PEER_PASSWORD="peer$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    role_sql="DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PEER_ROLE') THEN
        CREATE ROLE $PEER_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
      END IF;
    END \$\$;
    ALTER ROLE $PEER_ROLE WITH LOGIN PASSWORD '$PEER_PASSWORD';"
    if [ "$DB_SOURCE" = env ]; then
      app_sql -c "$role_sql" >/dev/null || die "could not create the role $PEER_ROLE as ${ATLAS_DB_USER:-the app role}" \
        "(needs CREATEROLE); create a read-only role and set BENCH_PEER_DB_URL=postgres://role:password@host:port/db"
    else
      su_sql postgres -c "$role_sql" >/dev/null
    fi
    db_hostport="${ATLAS_DB_URL#jdbc:postgresql://}"
    db_hostport="${db_hostport%%/*}"
    db_name="${ATLAS_DB_URL##*/}"
    db_name="${db_name%%\?*}"
    PEER_CONN="postgres://$PEER_ROLE:$PEER_PASSWORD@$db_hostport/$db_name"
  fi
  app_sql -v ro_role="$PEER_ROLE" -f "$BENCH_DIR/peer/peer-schema.sql" >/dev/null

  # The year: BENCH_YEAR, else the latest year of the summaries that the registers of the four indicators (e-PPGBM,
  # SITB, P3KE) cover completely (PERMAISURI is not needed: its counts are not among the four).
  TOKEN="$(curl -fsS --max-time 10 "$BASE1/demo/token/dinkes" | tr -d '\r\n')" \
    || die "no demo token from $BASE1/demo/token/dinkes"
  YEAR="${BENCH_YEAR:-}"
  if [ -z "$YEAR" ]; then
    years="$(db_value "SELECT string_agg(period_key, ' ' ORDER BY period_key DESC) FROM (SELECT DISTINCT period_key
                         FROM rw_indicator_summaries WHERE kabkota_code = '33.75' AND length(period_key) = 4 AND period_key ~ '^[0-9]{4}') p")"
    read -r -a year_list <<<"$years"
    YEAR="$(node "$BENCH_DIR/peer/year.mjs" "$BASE1" "$TOKEN" "${year_list[@]}")" || die "could not read the data's years"
    [ -n "$YEAR" ] || die "no year of the data (${years:-none}) is covered completely by e-PPGBM, SITB and P3KE; set BENCH_YEAR"
  fi
  is_uint "$YEAR" || die "BENCH_YEAR='$YEAR' is not a year"
  say "choropleth year: $YEAR"

  PEER_PORT="${BENCH_PEER_PORT:-}"
  if [ -z "$PEER_PORT" ]; then
    for p in $(seq 18500 18599); do if ! port_in_use "$p"; then PEER_PORT="$p"; break; fi; done
  fi
  [ -n "$PEER_PORT" ] || die "no free port for PostGraphile; set BENCH_PEER_PORT"
  peer_args=(-c "$PEER_CONN" -s peer
             --append-plugins "@graphile/postgis,postgraphile-plugin-connection-filter"
             --simple-collections only --disable-graphiql --disable-query-log --host 127.0.0.1 --port "$PEER_PORT")
  if [ -n "$PEER_WORKERS" ]; then peer_args+=(--cluster-workers "$PEER_WORKERS"); fi
  say "starting PostGraphile $POSTGRAPHILE_VERSION on port $PEER_PORT (log: $WORK/peer.log)"
  (cd "$PEER_DIR" && NODE_ENV=production exec node "$PEER_DIR/node_modules/postgraphile/cli.js" "${peer_args[@]}") \
    >"$WORK/peer.log" 2>&1 &
  PEER_PID=$!
  PEER_URL="http://127.0.0.1:$PEER_PORT/graphql"
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null --max-time 5 -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' \
      "$PEER_URL" 2>/dev/null && break
    kill -0 "$PEER_PID" 2>/dev/null || { cat "$WORK/peer.log" >&2; die "PostGraphile exited during start-up"; }
    sleep 1
  done
  curl -fsS -o /dev/null --max-time 5 -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$PEER_URL" \
    || die "PostGraphile did not answer within 120 s (log: $WORK/peer.log)"

  # The load client's configuration: the servers (each app is compared with PostGraphile) and the works.
  TOKEN2=""
  if [ -n "$APP_JAR2" ]; then
    TOKEN2="$(curl -fsS --max-time 10 "$BASE2/demo/token/dinkes" | tr -d '\r\n')" \
      || die "no demo token from $BASE2/demo/token/dinkes"
  fi
  LABEL1="ILP Atlas"
  [ -n "$APP_JAR2" ] && LABEL1="ILP Atlas ($(basename "$(dirname "$APP_JAR")")/$(basename "$APP_JAR"))"
  LABEL2="ILP Atlas 2 ($(basename "$(dirname "${APP_JAR2:-x/x}")")/$(basename "${APP_JAR2:-x}"))"
  BASE2="${BASE2:-}"
  export PEER_CONFIG_TOKEN="$TOKEN" PEER_CONFIG_TOKEN2="$TOKEN2" PEER_CONFIG_BASE="$BASE1" PEER_CONFIG_BASE2="$BASE2" \
    PEER_CONFIG_URL="$PEER_URL" PEER_CONFIG_YEAR="$YEAR" PEER_CONFIG_ROUNDS="$ROUNDS" \
    PEER_CONFIG_SECONDS="$SECONDS_ROUND" PEER_CONFIG_WARMUP="$WARMUP" PEER_CONFIG_CONNECTIONS="$CONNECTIONS" \
    PEER_CONFIG_LABEL1="$LABEL1" PEER_CONFIG_LABEL2="$LABEL2" \
    PEER_CONFIG_PEER_LABEL="PostGraphile $POSTGRAPHILE_VERSION"
  node "$BENCH_DIR/peer/config.mjs" >"$WORK/config.json"

  say "table 1: $ROUNDS rounds x ${SECONDS_ROUND}s per server and work, $CONNECTIONS connections (load: $WORK/load.err)"
  if ! node "$BENCH_DIR/peer/load.mjs" "$WORK/config.json" >"$WORK/load.txt" 2>"$WORK/load.err"; then
    tail -n 20 "$WORK/load.err" >&2
    die "the peer comparison failed (see above)"
  fi
  grep -i 'warning' "$WORK/load.err" >&2 || true
  {
    echo "Choropleth year $YEAR (Dinkes admin token on ILP Atlas; role $PEER_ROLE on PostGraphile, schema peer)."
    echo "PostGraphile $POSTGRAPHILE_VERSION + @graphile/postgis $POSTGIS_PLUGIN_VERSION + connection-filter" \
      "$FILTER_PLUGIN_VERSION, NODE_ENV=production, ${PEER_WORKERS:-1} Node process(es)${PEER_WORKERS:+ (--cluster-workers)}," \
      "pool of 10 connections; simple collections."
    echo
    grep -v '^RESULT|' "$WORK/load.txt"
    echo
  } | tee -a "$RESULT"
  stop_pid "$PEER_PID"   # idle from here on: the floors get the machine without it
  PEER_PID=""
fi

# ------------------------------------------------------------------------------------------- table 2
if want_table floor; then
  rows=()
  IFS=',' read -r -a floor_names <<<"$FLOORS"
  for name in "${floor_names[@]}"; do
    [ -n "$name" ] || continue
    script="$FLOOR_DIR/floor-$name.sh"
    if [ ! -f "$script" ]; then
      rows+=("| $name | not measured (bench/floor-$name.sh missing) | | | |")
      continue
    fi
    say "floor: $script"
    set +e
    BENCH_JAR="$APP_JAR" BENCH_BASELINE_JAR="$APP_JAR2" BENCH_APP_URL="$BASE1" ATLAS_DB_URL="$ATLAS_DB_URL" ATLAS_DB_USER="$ATLAS_DB_USER" \
      ATLAS_DB_PASSWORD="$ATLAS_DB_PASSWORD" ATLAS_PG_PORT="$PG_PORT" bash "$script" >"$WORK/floor-$name.txt"
    rc=$?
    set -e
    if [ "$rc" -ne 0 ]; then
      tail -n 20 "$WORK/floor-$name.txt" >&2
      die "$script failed (exit $rc)"
    fi
    found=0
    while IFS='|' read -r _ work now floor ratio goal; do
      rows+=("| $work | $now | $floor | $ratio | $goal |")
      found=$((found + 1))
    done < <(grep '^ROW|' "$WORK/floor-$name.txt")
    [ "$found" -gt 0 ] || die "$script printed no ROW|work|now|floor|ratio|goal line"
  done
  {
    echo "### Table 2: ILP Atlas against the physical floor (same run, same machine)"
    echo
    echo "| work | now | floor | ratio | goal |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
  } | tee -a "$RESULT"
fi

echo "peer.sh ran for $((SECONDS - STARTED_AT)) s" | tee -a "$RESULT"
say "written to $RESULT"
