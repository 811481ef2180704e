package id.ilpatlas.api.access;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A test fixture that opens two gaps in the demo registry's wilayah kerja and closes them again: kelurahan Pringrejo
 * (33.75.01.1009, Puskesmas Tirto's) is claimed by Puskesmas Buaran too, and Medono's kelurahan 33.75.01.1002 by
 * nobody. Use it in try-with-resources; closing restores every catchment and refreshes the kota's access rows.
 */
public final class WilayahKerjaGaps implements AutoCloseable {

    /** Claimed by two puskesmas while open. */
    public static final String SEVERAL = "33.75.01.1009";
    /** Claimed by none while open. */
    public static final String NONE = "33.75.01.1002";

    private final JdbcClient jdbc;
    private final RwAccessService access;
    private final List<Map<String, Object>> saved;

    private WilayahKerjaGaps(JdbcClient jdbc, RwAccessService access) {
        this.jdbc = jdbc;
        this.access = access;
        this.saved = jdbc.sql("SELECT * FROM facility_catchments").query().listOfRows();
    }

    /** Opens the gaps (committed: readers in other transactions see them). */
    public static WilayahKerjaGaps open(JdbcClient jdbc, RwAccessService access) {
        WilayahKerjaGaps gaps = new WilayahKerjaGaps(jdbc, access);
        jdbc.sql("""
                INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
                SELECT id, :kelurahan, '33.75' FROM facilities WHERE code = 'PKM-3375-BUARAN'""").param("kelurahan", SEVERAL).update();
        jdbc.sql("DELETE FROM facility_catchments WHERE region_code = :kelurahan")
                .param("kelurahan", NONE)
                .update();
        touch(jdbc);
        return gaps;
    }

    @Override
    public void close() {
        jdbc.sql("DELETE FROM facility_catchments").update();
        for (Map<String, Object> row : saved) {
            jdbc.sql("INSERT INTO facility_catchments (facility_id, region_code, kabkota_code) VALUES (:f, :r, :k)")
                    .param("f", row.get("facility_id"))
                    .param("r", row.get("region_code"))
                    .param("k", row.get("kabkota_code"))
                    .update();
        }
        touch(jdbc);
        access.refresh("33.75");
    }

    /** A registry change, as the facility mutations record it: access rows are stale from now on. */
    private static void touch(JdbcClient jdbc) {
        jdbc.sql("UPDATE facilities SET updated_at = now() WHERE code = 'PKM-3375-BUARAN'")
                .update();
    }
}
