# The app of ./atlas, sourced (never run) by ./atlas after scripts/common.sh and scripts/db.sh: building the jar,
# `./atlas start` (api/run-app.sh), `./atlas build`, `./atlas token` and `./atlas import`.
# shellcheck shell=bash

APP_JAR="$ROOT/api/target/ilp-atlas-api.jar"
APP_PORT="${ATLAS_PORT:-8080}"
# Maximum Java heap of the app (./atlas start, ./atlas import): bounded, so one heavy request cannot grow the JVM
# until the machine swaps; the container image bounds it the same way (Dockerfile).
APP_HEAP="${ATLAS_HEAP:-1g}"

# --------------------------------------------------------------------------- app

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17, e.g. apt-get install openjdk-17-jdk-headless"
}

jar_is_stale() {
  [ -f "$APP_JAR" ] || return 0
  local newer
  # Test sources (*/src/test) do not end up in the jar, so editing them does not force a rebuild.
  newer="$(find "$ROOT"/*/src "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT/.mvn" \
             -path '*/src/test' -prune -o -type f -newer "$APP_JAR" -print -quit 2>/dev/null || true)"
  [ -n "$newer" ]
}

# The OR-Tools natives of this machine (api/pom.xml, profiles ortools-*): the jar ./atlas builds carries only those.
# Empty (another platform): all five.
ortools_platform() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo linux-x86-64 ;;
    Linux-aarch64 | Linux-arm64) echo linux-aarch64 ;;
    Darwin-x86_64) echo darwin-x86-64 ;;
    Darwin-arm64) echo darwin-aarch64 ;;
    *) echo "" ;;
  esac
}

build_app() {
  require_java
  local platform
  platform="$(ortools_platform)"
  say "building the app (./mvnw -B -q -DskipTests${platform:+ -Dortools.platform=$platform} package)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests ${platform:+-Dortools.platform=$platform} package) || die "build failed"
  [ -f "$APP_JAR" ] || die "build finished but $APP_JAR does not exist"
}

build_if_stale() {
  if jar_is_stale; then
    build_app
  else
    say "app jar is up to date ($APP_JAR)"
  fi
}

DEMO_SECRET_FILE="$STATE_DIR/demo-jwt-secret"

# The HMAC secret of the demo users' tokens, kept in .atlas so tokens survive a restart of the app.
export_demo_secret() {
  ensure_state_dir
  if [ ! -s "$DEMO_SECRET_FILE" ]; then
    (umask 077; random_secret >"$DEMO_SECRET_FILE")
  fi
  ATLAS_DEMO_JWT_SECRET="$(cat "$DEMO_SECRET_FILE")"
  export ATLAS_DEMO_JWT_SECRET
}

NIK_KEY_FILE="$STATE_DIR/nik-key"

# The secret key of the NIK / family card hashes, kept in .atlas (never in git): the same key must hash every
# import into the same database, or records of one person stop matching.
export_nik_key() {
  ensure_state_dir
  if [ -z "${ATLAS_NIK_KEY:-}" ]; then
    if [ ! -s "$NIK_KEY_FILE" ]; then
      (umask 077; random_secret >"$NIK_KEY_FILE")
    fi
    ATLAS_NIK_KEY="$(cat "$NIK_KEY_FILE")"
  fi
  export ATLAS_NIK_KEY
}

cmd_start() {
  [ "$#" -eq 0 ] || die "'./atlas start' takes no arguments"
  require_java
  if port_in_use "$APP_PORT"; then
    die "port $APP_PORT is already in use; stop that process or choose another port, e.g. ATLAS_PORT=8081 ./atlas start"
  fi
  db_start_and_export "$DEMO_DB"
  build_if_stale
  export_demo_secret
  export_nik_key
  prepare_app_dir
  export ATLAS_PORT="$APP_PORT"
  say "starting ILP Atlas with at most $APP_HEAP of heap (ATLAS_HEAP; Ctrl-C stops it)"
  say "GraphiQL: http://localhost:$APP_PORT/graphiql"
  cd "$ROOT" || exit
  exec "$ROOT/api/run-app.sh" exec "$APP_DIR" "-Xmx$APP_HEAP" -- --spring.profiles.active=demo
}

# The app as ./atlas start runs it (api/run-app.sh, as the Docker image does): the jar extracted into .atlas/app with
# a class data sharing archive of its start-up classes (a training run, ~15 s once after each build: the JVM then
# maps those classes instead of loading and verifying them at every start).
APP_DIR="$STATE_DIR/app"

prepare_app_dir() {
  # Redone after a build, and for another JDK (an archive only fits the JVM that recorded it).
  local jdk
  jdk="$(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
  if [ -f "$APP_DIR/ilp-atlas-api.jar" ] && [ -f "$APP_DIR/.prepared" ] && [ ! "$APP_JAR" -nt "$APP_DIR/.prepared" ] \
     && [ "$(cat "$APP_DIR/.prepared")" = "$jdk" ]; then
    return
  fi
  ensure_state_dir
  say "preparing $APP_DIR: the jar extracted, and a class data sharing archive from a training run (once per build)"
  "$ROOT/api/run-app.sh" prepare "$APP_JAR" "$APP_DIR" --spring.profiles.active=demo || die "preparing $APP_DIR failed"
  printf '%s' "$jdk" >"$APP_DIR/.prepared"
}

cmd_build() { build_app; }

# Prints a token of a demo user, signed by the running app (./atlas start, demo profile).
cmd_token() {
  local user="${1:-}"
  if [ -z "$user" ] || [ "$#" -ne 1 ]; then die "usage: ./atlas token USER   (dinkes, planner, camat-utara, camat-barat, lurah-medono, puskesmas-tirto, puskesmas-medono, kader-<posyandu code>)"; fi
  command -v curl >/dev/null 2>&1 || die "curl is needed for ./atlas token (apt-get install curl)"
  local url="http://localhost:$APP_PORT/demo/token/$user" out rc=0
  out="$(curl -s -w '\n%{http_code}' "$url")" || rc=$?
  [ "$rc" -eq 0 ] || die "the app does not answer on port $APP_PORT: start it with ./atlas start (or set ATLAS_PORT)"
  local code="${out##*$'\n'}" body="${out%$'\n'*}"
  case "$code" in
    # The token alone on one line: the body's own line end is not doubled.
    200) printf '%s\n' "${body%%$'\n'*}" ;;
    404) die "$(printf '%s' "$body" | head -n1)" ;;
    *) die "the app answered HTTP $code for $url (is it running with the demo profile?)" ;;
  esac
}

RW_IMPORT_USAGE="./atlas import rw FILE.geojson [--mode clip|adopt] [--outside-tolerance 10%] [--min-area-m2 100] [--partial] [--assign-by overlap|attribute]"

cmd_import() {
  local kind="${1:-}"
  case "$kind" in
    rw)
      local file="${2:-}"
      if [ -z "$file" ] || [[ "$file" == --* ]]; then die "usage: $RW_IMPORT_USAGE"; fi
      shift 2
      # The flags are checked by the application (RwImportOptions), which names a wrong one.
      if [ "$#" -gt 0 ]; then
        run_import "$file" "RW layer" --atlas.cli=import-rw "--atlas.cli.options=$*"
      else
        run_import "$file" "RW layer" --atlas.cli=import-rw
      fi
      ;;
    roads)
      # One or more files (GeoJSON, or one .osm.pbf) merged into the network of one kab/kota, first file first.
      shift
      local kabkota="" f
      local -a files=() more=()
      while [ "$#" -gt 0 ]; do
        case "$1" in
          --kabkota) [ "$#" -ge 2 ] || die "--kabkota needs a kab/kota code like 33.75"; kabkota="$2"; shift 2 ;;
          -*) die "unknown option for import roads: $1 (usage: ./atlas import roads FILE... [--kabkota PP.KK])" ;;
          *) files+=("$1"); shift ;;
        esac
      done
      if [ "${#files[@]}" -eq 0 ]; then die "usage: ./atlas import roads FILE... [--kabkota PP.KK]   (GeoJSON files, or one .osm.pbf extract)"; fi
      for f in "${files[@]:1}"; do
        [ -f "$f" ] || die "file not found: $f"
        more+=(--atlas.cli.file="$(cd "$(dirname "$f")" && pwd -P)/$(basename "$f")")
      done
      if [ -n "$kabkota" ]; then
        [[ "$kabkota" =~ ^[0-9]{2}\.[0-9]{2}$ ]] || die "--kabkota must be a kab/kota code like 33.75, got '$kabkota'"
        more+=(--atlas.cli.kabkota="$kabkota")
      fi
      local what="road network"
      [ "${#files[@]}" -eq 1 ] || what="road network (${#files[@]} files merged, this one first)"
      run_import "${files[0]}" "$what" --atlas.cli=import-roads ${more[@]+"${more[@]}"}
      ;;
    cases)
      local file="${2:-}" format=""
      if [ "$#" -eq 4 ] && [ "$3" = --format ]; then format="$4"; fi
      if [ -z "$file" ] || [ -z "$format" ]; then die "usage: ./atlas import cases FILE.csv --format eppgbm|sitb|p3ke|permaisuri"; fi
      run_import "$file" "$format case file" --atlas.cli=import-cases --atlas.cli.format="$format"
      ;;
    *) die "usage: $RW_IMPORT_USAGE | ./atlas import roads FILE... [--kabkota PP.KK] | ./atlas import cases FILE.csv --format eppgbm|sitb|p3ke|permaisuri" ;;
  esac
}

# Runs a one-shot import command of the app jar against the demo database.
run_import() {
  local file="$1" what="$2"
  shift 2
  [ -f "$file" ] || die "file not found: $file"
  file="$(cd "$(dirname "$file")" && pwd -P)/$(basename "$file")"
  require_java
  db_start_and_export "$DEMO_DB"
  build_if_stale
  export_nik_key
  say "importing $what from $file into the demo database"
  cd "$ROOT" || exit
  local rc=0
  java "-Xmx$APP_HEAP" -jar "$APP_JAR" --spring.main.web-application-type=none --spring.main.banner-mode=off \
    --logging.level.root=WARN --atlas.cli.file="$file" "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then say "import finished"; else say "import finished with rejected rows or failed (exit code $rc)"; fi
  exit "$rc"
}
