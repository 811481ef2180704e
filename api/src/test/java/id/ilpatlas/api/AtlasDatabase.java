package id.ilpatlas.api;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.test.context.DynamicPropertyRegistry;
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

        /** Points a Spring test context's datasource at this database. */
        public void register(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", this::url);
            registry.add("spring.datasource.username", this::username);
            registry.add("spring.datasource.password", this::password);
        }
    }

    private static Settings settings;
    private static Settings withoutPgRouting;

    private AtlasDatabase() {}

    public static synchronized Settings settings() {
        if (settings == null) {
            settings = resolve();
        }
        return settings;
    }

    /**
     * A second database with PostGIS and without pgRouting, for the test that the application starts and serves on
     * one ({@code PgRoutingMissingTest}): {@code ATLAS_TEST_DB_URL_WITHOUT_PGROUTING} (set by {@code ./atlas test},
     * same user and password as {@code ATLAS_DB_URL}); else the main test database when it has no pgRouting
     * itself; else a {@code postgis/postgis} container (which has none) when a Docker engine answers; else the test
     * fails, saying how to provide one.
     */
    public static synchronized Settings withoutPgRouting() {
        if (withoutPgRouting == null) {
            withoutPgRouting = resolveWithoutPgRouting();
        }
        return withoutPgRouting;
    }

    private static Settings resolveWithoutPgRouting() {
        String url = System.getenv("ATLAS_TEST_DB_URL_WITHOUT_PGROUTING");
        if (url != null && !url.isBlank()) {
            return new Settings(
                    url,
                    env("ATLAS_DB_USER", "atlas"),
                    env("ATLAS_DB_PASSWORD", ""),
                    "ATLAS_TEST_DB_URL_WITHOUT_PGROUTING");
        }
        Settings main = settings();
        if (!hasPgRouting(main)) {
            return main;
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer(
                    DockerImageName.parse("postgis/postgis:15-3.4").asCompatibleSubstituteFor("postgres"));
            container.start();
            return new Settings(
                    container.getJdbcUrl(),
                    container.getUsername(),
                    container.getPassword(),
                    "Testcontainers " + container.getDockerImageName() + " (no pgRouting)");
        }
        throw new IllegalStateException("""
                No PostGIS database without pgRouting for PgRoutingMissingTest. Run the tests with ./atlas test (it \
                creates one), or set ATLAS_TEST_DB_URL_WITHOUT_PGROUTING to an empty database with the postgis \
                extension only (same user and password as ATLAS_DB_URL), or start a Docker engine.""");
    }

    private static boolean hasPgRouting(Settings db) {
        try (var connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                ResultSet rs = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'pgrouting'")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask " + db.url() + " for its extensions: " + e.getMessage(), e);
        }
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
            return new Settings(
                    container.getJdbcUrl(),
                    container.getUsername(),
                    container.getPassword(),
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
