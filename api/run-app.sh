#!/bin/sh
# The one way the app jar is started: by `./atlas start`, the Docker image (Dockerfile) and bench/floor-startup.sh.
#
#   api/run-app.sh prepare JAR DIR [APP_ARG...]      extract, then train (below)
#   api/run-app.sh extract JAR DIR
#       Extracts JAR into DIR (Spring Boot's `java -Djarmode=tools -jar JAR extract`): DIR/ilp-atlas-api.jar, whose
#       manifest names the libraries in DIR/lib/. The JVM reads plain jars faster than jars nested in a jar, and only
#       classes from plain jars can go into a class data sharing archive.
#   api/run-app.sh train DIR [APP_ARG...]
#       Records the Class Data Sharing archive DIR/ilp-atlas-api.jsa with a training run: the application context is
#       refreshed and closed (`-Dspring.context.exit=onRefresh`: no runners, nothing served), with the APP_ARGs (e.g.
#       the profile), Flyway off and no database (the pool connects on first use, after the refresh). A failed training
#       run leaves no archive and is no error: the app then starts without one.
#   api/run-app.sh exec DIR [JAVA_OPTION...] [-- APP_ARG...]
#       Replaces this shell with the JVM running DIR/ilp-atlas-api.jar, with the archive when DIR has one.
#
# The JVM checks the archive against its own build and the class path at every start; a mismatch (another JDK, a
# changed jar) makes it start without the archive (-Xshare:auto), never with stale classes. Must run with the same
# JDK and the same DIR path as the training run. POSIX sh: the Docker image has no bash.
set -eu

usage() {
  echo "usage: $0 prepare JAR DIR [APP_ARG...] | extract JAR DIR | train DIR [APP_ARG...] | exec DIR [JAVA_OPTION...] [-- APP_ARG...]" >&2
  exit 2
}

extract() { # extract JAR DIR
  [ -f "$1" ] || { echo "run-app: $1 not found" >&2; exit 1; }
  rm -rf "$2"
  mkdir -p "$2"
  java -Djarmode=tools -jar "$1" extract --destination "$2"
  # The extracted jar keeps the name of JAR; its manifest names lib/ relatively, so it may be renamed.
  name="$(basename "$1")"
  [ -f "$2/$name" ] || { echo "run-app: extracting $1 gave no $2/$name" >&2; exit 1; }
  [ "$name" = ilp-atlas-api.jar ] || mv "$2/$name" "$2/ilp-atlas-api.jar"
}

train() { # train DIR [APP_ARG...]
  dir="$1"; shift
  rm -f "$dir/ilp-atlas-api.jsa"
  # No HTTP port, no database, a throw-away NIK key (nothing is hashed). The log: DIR/training.log.
  if ATLAS_NIK_KEY="training-run-only-not-a-real-key-0123456789" \
     ATLAS_DB_URL="jdbc:postgresql://127.0.0.1:9/training_run_needs_no_database" \
     java -XX:ArchiveClassesAtExit="$dir/ilp-atlas-api.jsa" -Dspring.context.exit=onRefresh \
       -jar "$dir/ilp-atlas-api.jar" --server.port=0 --spring.flyway.enabled=false "$@" >"$dir/training.log" 2>&1 \
     && [ -s "$dir/ilp-atlas-api.jsa" ]; then
    echo "run-app: class data sharing archive $dir/ilp-atlas-api.jsa recorded" >&2
  else
    rm -f "$dir/ilp-atlas-api.jsa"
    echo "run-app: warning: no CDS archive (see $dir/training.log; a JDK without its own base archive needs" \
      "'java -Xshare:dump' once, as its owner); the app starts without one" >&2
  fi
}

[ "$#" -ge 2 ] || usage
cmd="$1"; shift
case "$cmd" in
  prepare)
    [ "$#" -ge 2 ] || usage
    jar="$1"; dir="$2"; shift 2
    extract "$jar" "$dir"
    train "$dir" "$@"
    ;;
  extract)
    [ "$#" -eq 2 ] || usage
    extract "$1" "$2"
    ;;
  train)
    train "$@"
    ;;
  exec)
    dir="$1"; shift
    app="$dir/ilp-atlas-api.jar"
    [ -f "$app" ] || { echo "run-app: $app not found; run '$0 prepare' first" >&2; exit 1; }
    if [ -s "$dir/ilp-atlas-api.jsa" ]; then cds="-XX:SharedArchiveFile=$dir/ilp-atlas-api.jsa"; else cds="-Xshare:auto"; fi
    # JVM options up to "--", then the app's arguments: rebuilt in place as OPTIONS, archive, -jar app, ARGS.
    n=0
    for a in "$@"; do [ "$a" = "--" ] && break; n=$((n + 1)); done
    i=0
    for a in "$@"; do
      shift
      if [ "$i" -eq "$n" ]; then set -- "$@" "$cds" -jar "$app"; else set -- "$@" "$a"; fi
      i=$((i + 1))
    done
    [ "$i" -gt "$n" ] || set -- "$@" "$cds" -jar "$app"
    exec java "$@"
    ;;
  *) usage ;;
esac
