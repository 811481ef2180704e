# The tests of ./atlas, sourced (never run) by ./atlas after scripts/common.sh, scripts/db.sh and scripts/app.sh:
# `./atlas test` (test databases, the packages and tools the tests need, Maven).
# shellcheck shell=bash

# Debian packages the tests need besides the database: GDAL's command-line tools open the travel-time GeoTIFF the
# app writes (gdalinfo, gdal_translate; TravelTimeSurfaceTest fails without them).
TEST_PACKAGES=(gdal-bin)

cmd_test() {
  require_java
  if docker_compose_available; then
    say "validating docker-compose.yml (docker compose config -q)"
    compose config -q || die "docker-compose.yml is invalid"
  elif command -v docker-compose >/dev/null 2>&1; then
    say "validating docker-compose.yml (docker-compose config -q)"
    docker_password
    ATLAS_DB_PASSWORD="$DOCKER_PASSWORD" docker-compose -f "$ROOT/docker-compose.yml" config -q \
      || die "docker-compose.yml is invalid"
  else
    say "note: docker compose plugin not available; skipping docker-compose.yml validation"
  fi

  detect_source
  case "$DB_SOURCE" in
    env)
      db_start_and_export
      say "tests use the external database as-is (you are responsible for its state)"
      ;;
    docker)
      db_start_and_export "$TEST_DB"
      say "recreating test databases '$TEST_DB' and '$TEST_DB_NO_ROUTING' (PostGIS only)"
      docker_recreate_db "$TEST_DB"
      docker_recreate_db "$TEST_DB_NO_ROUTING" postgis-only
      export ATLAS_TEST_DB_URL_WITHOUT_PGROUTING="$(local_url "$TEST_DB_NO_ROUTING")"
      ;;
    local)
      db_start_and_export "$TEST_DB"
      say "recreating test databases '$TEST_DB' and '$TEST_DB_NO_ROUTING' (PostGIS only)"
      recreate_db_local "$TEST_DB"
      recreate_db_local "$TEST_DB_NO_ROUTING" postgis-only
      export ATLAS_TEST_DB_URL_WITHOUT_PGROUTING="$(local_url "$TEST_DB_NO_ROUTING")"
      ;;
  esac
  ensure_test_packages
  ensure_browser_test_tools
  say "running ./mvnw -B verify $* (ATLAS_DB_URL=$ATLAS_DB_URL)"
  cd "$ROOT"
  local rc=0
  ./mvnw -B verify "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then say "tests passed"; else say "tests FAILED (maven exit code $rc)"; fi
  exit "$rc"
}

# --------------------------------------------------------------------------- test packages

# Installs TEST_PACKAGES when their commands are missing (like PostgreSQL: apt_install, as root or via sudo -n).
ensure_test_packages() {
  command -v gdalinfo >/dev/null 2>&1 && command -v gdal_translate >/dev/null 2>&1 && return 0
  say "the travel-time surface tests open GeoTIFFs with GDAL (gdalinfo, gdal_translate); installing Debian packages: ${TEST_PACKAGES[*]}"
  apt_install "${TEST_PACKAGES[@]}"
}

# --------------------------------------------------------------------------- browser test tools

# The web app's browser tests (api/src/test/browser/app/, run by AppBrowserTest and AppOidcBrowserTest) drive
# Debian's headless Chromium with playwright-core (no browser is downloaded) and check accessibility with axe-core.
# The GraphQL over HTTP audit (api/src/test/node/graphql-http-audit.mjs, run by GraphQlHttpAuditTest) uses
# graphql-http and its peer graphql. Installed when missing, like PostgreSQL; the versions are pinned (also in the
# tests' install hints, NodeTools.java).
PLAYWRIGHT_CORE_VERSION=1.61.1   # engines: node >= 18 (Debian 12's nodejs)
GRAPHQL_HTTP_VERSION=1.23.1      # engines: node >= 12
GRAPHQL_JS_VERSION=16.15.0       # graphql-http's peer; graphql 17 needs node >= 22
AXE_CORE_VERSION=4.14.1          # accessibility checks of the web app (AppBrowserTest), injected by the test
NODE_DIR="${ATLAS_NODE_DIR:-$STATE_DIR/node}"

ensure_browser_test_tools() {
  local -a pkgs=()
  [ -x /usr/bin/chromium ] || pkgs+=(chromium)
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
  if [ "${#pkgs[@]}" -gt 0 ]; then
    say "the web app browser tests and the GraphQL over HTTP audit need ${pkgs[*]}; installing Debian packages"
    apt_install "${pkgs[@]}"
  fi
  # One npm install for all of them: a later 'npm install --no-save' may prune packages it was not given.
  local -a wanted=("playwright-core@$PLAYWRIGHT_CORE_VERSION" "graphql-http@$GRAPHQL_HTTP_VERSION"
    "graphql@$GRAPHQL_JS_VERSION" "axe-core@$AXE_CORE_VERSION")
  local spec name installed stale=0
  for spec in "${wanted[@]}"; do
    name="${spec%@*}"
    installed=""
    [ -f "$NODE_DIR/node_modules/$name/package.json" ] \
      && installed="$(node -p "require(process.argv[1]).version" "$NODE_DIR/node_modules/$name/package.json" 2>/dev/null || true)"
    [ "$installed" = "${spec##*@}" ] || stale=1
  done
  if [ "$stale" -eq 1 ]; then
    say "installing ${wanted[*]} into $NODE_DIR (no browser download)"
    mkdir -p "$NODE_DIR"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --no-audit --no-fund --prefix "$NODE_DIR" \
      "${wanted[@]}" >&2 \
      || die "npm install ${wanted[*]} failed (needs the npm registry once)"
  fi
  export ATLAS_NODE_DIR="$NODE_DIR"
}
