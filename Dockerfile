# syntax=docker/dockerfile:1
# ILP Atlas app image. Build: docker compose build app (or docker build -t ilp-atlas .)

# ---- build stage --------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Whole project (see .dockerignore: no .git, .atlas or target dirs).
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- runtime stage ------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system atlas && useradd --system --gid atlas --no-create-home --shell /usr/sbin/nologin atlas
WORKDIR /app
COPY --from=build /src/api/target/ilp-atlas-api.jar /app/ilp-atlas-api.jar
USER atlas
# Production settings unless asked otherwise: no demo data, no demo tokens (GET /demo/token/... answers 404), no schema
# introspection. The demo: docker run -e SPRING_PROFILES_ACTIVE=demo ... (or ATLAS_PROFILE=demo with compose), or
# --spring.profiles.active=demo after the image name.
# ATLAS_HEAP: the maximum Java heap (-Xmx), so one heavy request cannot grow the JVM to the host's memory; leave room
# for the JVM's other memory (about 300 MB) under a container memory limit.
ENV ATLAS_PORT=8080 \
    SPRING_PROFILES_ACTIVE=prod \
    ATLAS_HEAP=1g
EXPOSE 8080
# exec: java becomes PID 1 and gets the stop signal (graceful shutdown); arguments after the image name are passed on.
ENTRYPOINT ["sh", "-c", "exec java -Xmx\"${ATLAS_HEAP:-1g}\" -jar /app/ilp-atlas-api.jar \"$@\"", "ilp-atlas"]
