# syntax=docker/dockerfile:1
# ILP Atlas app image. Build: docker compose build app (or docker build -t ilp-atlas .)

# ---- build stage --------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
# Set by BuildKit (docker build / compose; --platform linux/arm64 for ARM servers).
ARG TARGETARCH
WORKDIR /src
# Whole project (see .dockerignore: no .git, .atlas or target dirs).
COPY . .
# Only the OR-Tools natives of the target platform go into the jar (-Dortools.platform, api/pom.xml: 22 MB instead of
# 92 MB for five platforms). Then the jar extracted (api/run-app.sh extract): /app/ilp-atlas-api.jar + /app/lib/.
RUN --mount=type=cache,target=/root/.m2 \
    case "${TARGETARCH:-amd64}" in \
      amd64) platform=linux-x86-64 ;; \
      arm64) platform=linux-aarch64 ;; \
      *) echo "OR-Tools has no natives for linux/${TARGETARCH}" >&2; exit 1 ;; \
    esac \
    && chmod +x mvnw api/run-app.sh \
    && ./mvnw -B -DskipTests -Dortools.platform="$platform" package \
    && api/run-app.sh extract api/target/ilp-atlas-api.jar /app \
    && cp api/run-app.sh /app/run-app.sh

# ---- runtime stage ------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system atlas && useradd --system --gid atlas --no-create-home --shell /usr/sbin/nologin atlas
WORKDIR /app
COPY --from=build /app /app
# Production settings unless asked otherwise: no demo data, no demo tokens (GET /demo/token/... answers 404), no schema
# introspection. The demo: docker run -e SPRING_PROFILES_ACTIVE=demo ... (or ATLAS_PROFILE=demo with compose), or
# --spring.profiles.active=demo after the image name.
# ATLAS_HEAP: the maximum Java heap (-Xmx), so one heavy request cannot grow the JVM to the host's memory; leave room
# for the JVM's other memory (about 300 MB) under a container memory limit.
ENV ATLAS_PORT=8080 \
    SPRING_PROFILES_ACTIVE=prod \
    ATLAS_HEAP=1g
# Class Data Sharing: a training run at image build time (the context refreshed and closed, prod profile, no database)
# records the classes the start-up loads into /app/ilp-atlas-api.jsa; every start maps them instead of loading and
# verifying them again (api/run-app.sh; the same as ./atlas start). Same JRE and same /app path as at run time. The
# app's archive extends the JRE's own base archive: made first (java -Xshare:dump) when the JRE ships without one.
RUN (java -Xshare:on -version >/dev/null 2>&1 || java -Xshare:dump >/dev/null) \
    && /app/run-app.sh train /app && test -s /app/ilp-atlas-api.jsa
USER atlas
EXPOSE 8080
# exec: java becomes PID 1 and gets the stop signal (graceful shutdown); arguments after the image name are passed on.
ENTRYPOINT ["sh", "-c", "exec /app/run-app.sh exec /app -Xmx\"${ATLAS_HEAP:-1g}\" -- \"$@\"", "ilp-atlas"]
