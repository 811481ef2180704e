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
ENV ATLAS_PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/ilp-atlas-api.jar", "--spring.profiles.active=demo"]
