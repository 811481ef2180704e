package id.ilpatlas.api.region;

import id.ilpatlas.api.demo.PekalonganReferenceData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The regions of Kota Pekalongan below the province (boundaries, RWs) and what points at its RWs (catchments, facility
 * addresses, programme areas, case rows), taken before a test that imports RW layers and put back after it, so that
 * the tests sharing the database see the demo regions again.
 */
final class RegionSnapshot {

    private static final String KOTA = "33.75";
    /** Case registers whose rows point at an RW ({@code ON DELETE SET NULL}), keyed (kabkota_code, id). */
    private static final List<String> CASE_TABLES =
            List.of("children", "growth_measurements", "pregnancies", "poverty_households", "tb_cases");

    private List<Map<String, Object>> regions = List.of();
    private List<Map<String, Object>> catchments = List.of();
    private List<Map<String, Object>> addresses = List.of();
    private List<Map<String, Object>> programAreas = List.of();
    private final Map<String, Object[]> caseRws = new LinkedHashMap<>();

    void take(JdbcClient jdbc) {
        regions = jdbc.sql("""
                SELECT code, level, name, parent_code, kabkota_code, ST_AsEWKB(geom) AS ewkb, geometry_source,
                       population, population_year, population_source, synthetic
                  FROM regions WHERE kabkota_code = :k ORDER BY code""").param("k", KOTA).query().listOfRows();
        catchments = jdbc.sql("SELECT facility_id, region_code, kabkota_code FROM facility_catchments "
                        + "WHERE kabkota_code = :k")
                .param("k", KOTA)
                .query()
                .listOfRows();
        addresses = jdbc.sql("SELECT id, address_rw_code FROM facilities WHERE address_rw_code IS NOT NULL "
                        + "AND kabkota_code = :k")
                .param("k", KOTA)
                .query()
                .listOfRows();
        programAreas = jdbc.sql("SELECT program_key, region_code FROM program_areas WHERE region_code LIKE :p")
                .param("p", KOTA + ".%")
                .query()
                .listOfRows();
        caseRws.clear();
        for (String table : CASE_TABLES) {
            List<Long> ids = new ArrayList<>();
            List<String> rws = new ArrayList<>();
            jdbc.sql("SELECT id, rw_code FROM " + table + " WHERE kabkota_code = :k AND rw_code IS NOT NULL")
                    .param("k", KOTA)
                    .query((rs, n) -> ids.add(rs.getLong(1)) && rws.add(rs.getString(2)))
                    .list();
            caseRws.put(table, new Object[] {ids.toArray(Long[]::new), rws.toArray(String[]::new)});
        }
    }

    /** True when the RWs of the kelurahan are exactly those of the snapshot. */
    boolean rwsUnchanged(JdbcClient jdbc, String kelurahan) {
        List<String> before = regions.stream()
                .filter(r -> kelurahan.equals(r.get("parent_code")))
                .map(r -> r.get("code") + " " + java.util.HexFormat.of().formatHex((byte[]) r.get("ewkb")) + " "
                        + r.get("population") + " " + r.get("synthetic"))
                .toList();
        List<String> now = jdbc.sql("SELECT code || ' ' || encode(ST_AsEWKB(geom), 'hex') || ' ' || population || ' ' "
                        + "|| synthetic FROM regions WHERE parent_code = :c ORDER BY code")
                .param("c", kelurahan)
                .query(String.class)
                .list();
        return before.equals(now);
    }

    void restore(JdbcClient jdbc, PekalonganReferenceData referenceData) {
        List<String> codes = regions.stream().map(r -> (String) r.get("code")).toList();
        jdbc.sql("DELETE FROM regions WHERE kabkota_code = :k AND level = 'RW' AND NOT (code = ANY(:codes))")
                .param("k", KOTA)
                .param("codes", codes.toArray(String[]::new))
                .update();
        for (Map<String, Object> r : regions) {
            jdbc.sql("""
                    INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, geometry_source,
                                         population, population_year, population_source, synthetic)
                    VALUES (:code, :level, :name, :parent, :kabkota, ST_GeomFromEWKB(:ewkb), :gsrc, :population, :year,
                            :psrc, :synthetic)
                    ON CONFLICT (code) DO UPDATE
                       SET name = EXCLUDED.name, geom = EXCLUDED.geom, geometry_source = EXCLUDED.geometry_source,
                           population = EXCLUDED.population, population_year = EXCLUDED.population_year,
                           population_source = EXCLUDED.population_source, synthetic = EXCLUDED.synthetic,
                           updated_at = now()
                     WHERE ST_AsEWKB(regions.geom) IS DISTINCT FROM ST_AsEWKB(EXCLUDED.geom)
                        OR (regions.name, regions.geometry_source, regions.population, regions.population_source,
                            regions.synthetic) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.geometry_source,
                            EXCLUDED.population, EXCLUDED.population_source, EXCLUDED.synthetic)""")
                    .param("code", r.get("code"))
                    .param("level", r.get("level"))
                    .param("name", r.get("name"))
                    .param("parent", r.get("parent_code"))
                    .param("kabkota", r.get("kabkota_code"))
                    .param("ewkb", r.get("ewkb"))
                    .param("gsrc", r.get("geometry_source"))
                    .param("population", r.get("population"))
                    .param("year", r.get("population_year"))
                    .param("psrc", r.get("population_source"))
                    .param("synthetic", r.get("synthetic"))
                    .update();
        }
        catchments.forEach(row -> jdbc.sql("INSERT INTO facility_catchments VALUES (:f, :r, :k) ON CONFLICT DO NOTHING")
                .param("f", row.get("facility_id"))
                .param("r", row.get("region_code"))
                .param("k", row.get("kabkota_code"))
                .update());
        addresses.forEach(row -> jdbc.sql("UPDATE facilities SET address_rw_code = :rw WHERE id = :id "
                        + "AND address_rw_code IS DISTINCT FROM :rw")
                .param("rw", row.get("address_rw_code"))
                .param("id", row.get("id"))
                .update());
        programAreas.forEach(row -> jdbc.sql("INSERT INTO program_areas VALUES (:p, :r) ON CONFLICT DO NOTHING")
                .param("p", row.get("program_key"))
                .param("r", row.get("region_code"))
                .update());
        caseRws.forEach((table, saved) -> jdbc.sql("UPDATE " + table + " t SET rw_code = s.rw "
                        + "FROM unnest(CAST(:ids AS bigint[]), CAST(:rws AS text[])) AS s(id, rw) "
                        + "WHERE t.kabkota_code = :k AND t.id = s.id AND t.rw_code IS DISTINCT FROM s.rw")
                .param("ids", saved[0])
                .param("rws", saved[1])
                .param("k", KOTA)
                .update());
    }
}
