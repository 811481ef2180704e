package id.ilpatlas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The README's Docker path, checked without a Docker engine (none on the build machines): {@code docker-compose.yml}
 * runs PostGIS with pgRouting ({@code db/docker/Dockerfile}) and the app, both health-checked, the app started only
 * once the database is healthy and reporting healthy through the readiness probe (database included;
 * {@code OpsIntegrationTest} tests the probe itself), the data in a named volume, JSON logs, and a stop grace long
 * enough for the import shutdown grace. Both publish on loopback only, the database password comes from the
 * environment, and the image starts with production settings and a bounded heap ({@code ImageDefaultsTest} starts
 * the application with the image's profile).
 */
class DockerComposeFileTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        Map<String, Object> compose = new Yaml().load(ContainerFiles.read("docker-compose.yml"));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services().get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) service(service).get("environment");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsPostgisWithPgRoutingAndTheAppHealthCheckedWithANamedVolume() {
        Map<String, Object> compose = new Yaml().load(ContainerFiles.read("docker-compose.yml"));
        Map<String, Object> db = service("db");
        Map<String, Object> app = service("app");

        assertThat(((Map<String, Object>) db.get("build")).get("context")).isEqualTo("db/docker");
        List<String[]> dbImage = ContainerFiles.runtimeStage("db/docker/Dockerfile");
        assertThat(dbImage.get(0)).containsExactly("FROM", "postgis/postgis:15-3.4");
        assertThat(dbImage)
                .anySatisfy(i -> assertThat(i[0] + " " + i[1])
                        .startsWith("RUN ")
                        .contains("apt-get install", "postgresql-${PG_MAJOR}-pgrouting"));
        assertThat(dbImage)
                .anySatisfy(i -> assertThat(i[0] + " " + i[1])
                        .isEqualTo("COPY 20_pgrouting.sh /docker-entrypoint-initdb.d/20_pgrouting.sh"));
        assertThat(ContainerFiles.read("db/docker/20_pgrouting.sh"))
                .contains("--dbname \"$POSTGRES_DB\"", "CREATE EXTENSION IF NOT EXISTS pgrouting");

        assertThat(String.valueOf(((Map<String, Object>) db.get("healthcheck")).get("test")))
                .contains("pg_isready");
        assertThat((List<String>) db.get("volumes")).contains("atlas-pgdata:/var/lib/postgresql/data");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("atlas-pgdata");

        Map<String, Object> dependsOn = (Map<String, Object>) app.get("depends_on");
        assertThat((Map<String, Object>) dependsOn.get("db")).containsEntry("condition", "service_healthy");
        assertThat(String.valueOf(((Map<String, Object>) app.get("healthcheck")).get("test")))
                .contains("/actuator/health/readiness", "\"status\":\"UP\"");
        Map<String, Object> env = environment("app");
        assertThat((String) env.get("ATLAS_DB_URL")).isEqualTo("jdbc:postgresql://db:5432/atlas");
        assertThat(env).containsEntry("ATLAS_LOG_FORMAT", "ecs");
        assertThat((String) app.get("stop_grace_period")).isEqualTo("60s");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composePublishesOnLoopbackOnlyAndTakesTheDatabasePasswordFromTheEnvironment() {
        Map<String, String> none = Map.of();
        for (Map.Entry<String, Object> service : services().entrySet()) {
            List<String> ports = (List<String>) ((Map<String, Object>) service.getValue()).get("ports");
            assertThat(ports)
                    .as(service.getKey() + " ports")
                    .isNotEmpty()
                    .allSatisfy(port -> assertThat(ContainerFiles.interpolate(port, none))
                            .as(service.getKey() + " " + port)
                            .matches("127\\.0\\.0\\.1:[0-9]+:[0-9]+"));
            Map<String, Object> env =
                    (Map<String, Object>) ((Map<String, Object>) service.getValue()).get("environment");
            env.forEach((name, value) -> {
                if (name.contains("PASSWORD")) {
                    assertThat(String.valueOf(value))
                            .as(service.getKey() + " " + name + ": not written in the file")
                            .startsWith("${ATLAS_DB_PASSWORD:?");
                }
            });
        }
        String dbPassword = (String) environment("db").get("POSTGRES_PASSWORD");
        String appPassword = (String) environment("app").get("ATLAS_DB_PASSWORD");
        for (String password : List.of(dbPassword, appPassword)) {
            assertThatThrownBy(() -> ContainerFiles.interpolate(password, none))
                    .as("compose refuses to start without ATLAS_DB_PASSWORD")
                    .hasMessageContaining("ATLAS_DB_PASSWORD");
            assertThat(ContainerFiles.interpolate(password, Map.of("ATLAS_DB_PASSWORD", "from-the-environment")))
                    .isEqualTo("from-the-environment");
        }
        List<String> dbPorts = (List<String>) service("db").get("ports");
        assertThat(ContainerFiles.interpolate(dbPorts.get(0), none)).isEqualTo("127.0.0.1:54329:5432");
        assertThat(ContainerFiles.interpolate(dbPorts.get(0), Map.of("ATLAS_PG_PORT", "54341")))
                .isEqualTo("127.0.0.1:54341:5432");
    }

    @Test
    void imageAndComposeStartWithProductionSettingsUnlessTheDemoIsAskedFor() {
        Map<String, String> env = ContainerFiles.dockerfileEnv();
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        List<String> entrypoint = ContainerFiles.dockerfileExecForm("ENTRYPOINT");
        assertThat(entrypoint).isNotEmpty();
        assertThat(String.join(" ", entrypoint) + " " + String.join(" ", ContainerFiles.dockerfileExecForm("CMD")))
                .doesNotContain("demo")
                .doesNotContain("spring.profiles");

        String profile = (String) environment("app").get("SPRING_PROFILES_ACTIVE");
        assertThat(ContainerFiles.interpolate(profile, Map.of())).isEqualTo("prod");
        assertThat(ContainerFiles.interpolate(profile, Map.of("ATLAS_PROFILE", "demo")))
                .isEqualTo("demo");
    }

    /**
     * Runs the image's ENTRYPOINT here, with the image's environment and a {@code java} that records its arguments; the
     * image's /app is {@code dir/app}: api/run-app.sh as /app/run-app.sh, an extracted jar and its CDS archive.
     */
    private static List<String> entrypointJavaArguments(Path dir, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path recorded = dir.resolve("java-args");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + recorded + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.copy(ContainerFiles.ROOT.resolve("api/run-app.sh"), app.resolve("run-app.sh"));
        Files.setPosixFilePermissions(app.resolve("run-app.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(app.resolve("ilp-atlas-api.jar"), "jar");
        Files.writeString(app.resolve("ilp-atlas-api.jsa"), "archive");
        List<String> command = new ArrayList<>();
        for (String part : ContainerFiles.dockerfileExecForm("ENTRYPOINT")) {
            command.add(part.replace("/app/", app + "/").replace("/app ", app + " "));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(ContainerFiles.dockerfileEnv());
        environment.putAll(extraEnv);
        environment.put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return Files.readAllLines(recorded, StandardCharsets.UTF_8);
    }

    @Test
    void imageBoundsTheHeapUsesItsClassDataSharingArchiveAndPassesItsArgumentsOn(@TempDir Path dir) throws Exception {
        assertThat(ContainerFiles.dockerfileEnv()).containsEntry("ATLAS_HEAP", "1g");
        String app = dir.resolve("app").toString();
        assertThat(entrypointJavaArguments(dir, Map.of()))
                .containsExactly(
                        "-Xmx1g",
                        "-XX:SharedArchiveFile=" + app + "/ilp-atlas-api.jsa",
                        "-jar",
                        app + "/ilp-atlas-api.jar");
        assertThat(entrypointJavaArguments(
                        dir.resolve("second"), Map.of("ATLAS_HEAP", "512m"), "--spring.profiles.active=demo"))
                .containsExactly(
                        "-Xmx512m",
                        "-XX:SharedArchiveFile=" + dir.resolve("second/app") + "/ilp-atlas-api.jsa",
                        "-jar",
                        dir.resolve("second/app") + "/ilp-atlas-api.jar",
                        "--spring.profiles.active=demo");
        // The training run of the image build (the archive's source) and the extracted layout it needs.
        String dockerfile = Files.readString(ContainerFiles.ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile)
                .contains("api/run-app.sh extract api/target/ilp-atlas-api.jar /app")
                .contains("/app/run-app.sh train /app && test -s /app/ilp-atlas-api.jsa")
                .contains("-Dortools.platform=");

        Map<String, String> none = new HashMap<>();
        assertThat(ContainerFiles.interpolate((String) environment("app").get("ATLAS_HEAP"), none))
                .isEqualTo("1g");
    }
}
