package id.ilpatlas.api;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one database fixture of every integration test, and of {@link TestAtlasApplication}.
 *
 * <ol>
 *   <li>{@code ATLAS_DB_URL} (+ {@code ATLAS_DB_USER}, {@code ATLAS_DB_PASSWORD}) when set: {@code ./atlas test}
 *       sets it to a fresh database of the private PostgreSQL + PostGIS cluster;</li>
 *   <li>otherwise a {@code postgis/postgis} container, when a Docker engine answers;</li>
 *   <li>otherwise the tests fail, loudly: a database test is never skipped.</li>
 * </ol>
 */
public final class AtlasDatabase {

    /** Connection settings and where they came from. */
    public record Settings(String url, String username, String password, String origin) {
    }

    private static Settings settings;

    private AtlasDatabase() {
    }

    public static synchronized Settings settings() {
        if (settings == null) {
            settings = resolve();
        }
        return settings;
    }

    private static Settings resolve() {
        String url = System.getenv("ATLAS_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Settings(url, env("ATLAS_DB_USER", "atlas"), env("ATLAS_DB_PASSWORD", ""), "ATLAS_DB_URL");
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer(
                    DockerImageName.parse("postgis/postgis:15-3.4").asCompatibleSubstituteFor("postgres"));
            container.start();
            return new Settings(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers " + container.getDockerImageName());
        }
        throw new IllegalStateException("""
                No PostGIS database for the integration tests. Run them with ./atlas test (it starts a private \
                PostgreSQL + PostGIS cluster and sets ATLAS_DB_URL), or set ATLAS_DB_URL, ATLAS_DB_USER and \
                ATLAS_DB_PASSWORD yourself, or start a Docker engine. Database tests are never skipped.""");
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
