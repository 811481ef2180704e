package id.ilpatlas.api.road;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the database has the pgRouting extension. The application starts and serves without it (a plain PostGIS
 * database): the road features then say why they are unavailable instead of failing on a missing {@code pgr_*}
 * function. Road import ({@link RoadNetworkImporter}) and outreach plans in ROAD mode answer {@link #MISSING}; RW
 * access uses the geodesic-detour estimate it uses wherever the network does not reach; the health component
 * {@code routing} carries the reason. Asked each time (one catalogue lookup), so an extension created later is seen
 * without a restart.
 */
@Component
public class PgRouting {

    /** The start of every message about the missing extension. */
    public static final String MISSING = "road routing needs the pgrouting extension";

    /** A routing operation was asked of a database without pgRouting. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;

    PgRouting(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the pgrouting extension is installed in the application's database. */
    public boolean installed() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting')")
                .query(Boolean.class)
                .single();
    }

    /** The installed pgRouting version, or null when the extension is missing. */
    public String version() {
        return jdbc.sql("SELECT extversion FROM pg_extension WHERE extname = 'pgrouting'")
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Why road routing is unavailable and how to fix it; null when pgRouting is installed. */
    public String unavailableReason() {
        if (installed()) {
            return null;
        }
        String database =
                jdbc.sql("SELECT current_database()").query(String.class).single();
        return MISSING + ", which is not installed in database \"" + database + "\": a superuser must run CREATE "
                + "EXTENSION pgrouting (Debian package postgresql-15-pgrouting; ./atlas db start and the compose "
                + "database image db/docker/Dockerfile have it). Until then road import and outreach plans in ROAD "
                + "mode are refused and RW access uses the geodesic-detour estimate";
    }

    /** Throws {@link UnavailableException} (with {@link #unavailableReason()}) when pgRouting is missing. */
    public void require() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new UnavailableException(reason);
        }
    }
}
