package id.ilpatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The README's Docker path, checked without a Docker engine (none on the build machines): {@code docker-compose.yml}
 * runs PostGIS and the app, both health-checked, the app started only once the database is healthy and reporting
 * healthy through the readiness probe (database included; {@code OpsIntegrationTest} tests the probe itself), the
 * data in a named volume, JSON logs, and a stop grace long enough for the import shutdown grace.
 */
class DockerComposeFileTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsPostgisAndTheAppHealthCheckedWithANamedVolume() throws IOException {
        Map<String, Object> compose = new Yaml().load(
                Files.readString(Path.of("..", "docker-compose.yml"), StandardCharsets.UTF_8));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> db = (Map<String, Object>) services.get("db");
        Map<String, Object> app = (Map<String, Object>) services.get("app");

        assertThat((String) db.get("image")).startsWith("postgis/postgis:15-");
        assertThat(String.valueOf(((Map<String, Object>) db.get("healthcheck")).get("test"))).contains("pg_isready");
        assertThat((List<String>) db.get("volumes")).contains("atlas-pgdata:/var/lib/postgresql/data");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("atlas-pgdata");

        Map<String, Object> dependsOn = (Map<String, Object>) app.get("depends_on");
        assertThat((Map<String, Object>) dependsOn.get("db")).containsEntry("condition", "service_healthy");
        assertThat(String.valueOf(((Map<String, Object>) app.get("healthcheck")).get("test")))
                .contains("/actuator/health/readiness", "\"status\":\"UP\"");
        Map<String, Object> env = (Map<String, Object>) app.get("environment");
        assertThat((String) env.get("ATLAS_DB_URL")).isEqualTo("jdbc:postgresql://db:5432/atlas");
        assertThat(env).containsEntry("ATLAS_LOG_FORMAT", "ecs");
        assertThat((String) app.get("stop_grace_period")).isEqualTo("60s");
    }
}
