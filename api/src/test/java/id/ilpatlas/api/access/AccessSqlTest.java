package id.ilpatlas.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.Sql;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access SQL files as the service runs them (placeholders inlined, parameters bound), against independent
 * recomputations: {@code nearest-facility.sql} against a scan of every facility on the spheroid for every Kota
 * Pekalongan RW and for seeded random points (near and far from any puskesmas, so that every branch of its candidate
 * bound runs), for puskesmas and for facilities of any type; {@code responsible-puskesmas.sql} against the wilayah
 * kerja matched by code prefix. Everything written here is rolled back.
 */
@Slow
class AccessSqlTest extends IntegrationTest {

    private static final String PEKALONGAN = "33.75";
    /** A kab/kota no real data uses: random RW points are added to it inside a rolled-back transaction. */
    private static final String RANDOM_KABKOTA = "99.96";

    private static final int RANDOM_POINTS = 400;
    /** The candidates the service binds (RwAccessService.KNN_CANDIDATES); small values run the fallback more often. */
    private static final List<Integer> CANDIDATES = List.of(1, 5, 16);

    @Autowired
    TransactionTemplate transactions;

    private record Nearest(String rwCode, Long facilityId, Double distanceMeters) {}

    /** nearest-facility.sql with the placeholders inlined the way RwAccessService inlines them. */
    private List<Nearest> nearest(String kabkota, String type, int candidates) {
        String sql = Sql.load("sql/access/nearest-facility.sql")
                .replace("/*facility filter*/", type == null ? "" : "AND f.type = '" + type + "'")
                .replace("/*point filter*/", "p.kabkota_code = :k");
        return jdbc.sql(sql)
                .param("k", kabkota)
                .param("candidates", candidates)
                .query((rs, n) -> new Nearest(rs.getString("rw_code"), (Long) rs.getObject("facility_id"), (Double)
                        rs.getObject("distance_m")))
                .list();
    }

    /** The nearest active facility of every point of a kab/kota by a scan of every facility, ties by code. */
    private Map<String, Nearest> bruteForce(String kabkota, String type) {
        Map<String, Object> params = new HashMap<>();
        params.put("k", kabkota);
        params.put("type", type);
        Map<String, Nearest> result = new HashMap<>();
        jdbc.sql("""
                        SELECT p.rw_code, b.id, b.d
                          FROM rw_representative_points p
                          LEFT JOIN LATERAL (
                                SELECT f.id, ST_Distance(f.location::geography, p.point::geography, true) AS d
                                  FROM facilities f
                                 WHERE f.active AND (CAST(:type AS text) IS NULL OR f.type = :type)
                                 ORDER BY d, f.code LIMIT 1) b ON true
                         WHERE p.kabkota_code = :k""")
                .params(params)
                .query((rs, n) ->
                        result.put(rs.getString(1), new Nearest(rs.getString(1), (Long) rs.getObject(2), (Double)
                                rs.getObject(3))))
                .list();
        return result;
    }

    private void assertNearestEqualsBruteForce(String kabkota, String context) {
        for (String type : new String[] {"PUSKESMAS", null}) {
            Map<String, Nearest> expected = bruteForce(kabkota, type);
            assertThat(expected).as(context).isNotEmpty();
            for (int candidates : CANDIDATES) {
                List<Nearest> rows = nearest(kabkota, type, candidates);
                String what = context + ", type " + type + ", " + candidates + " candidates";
                assertThat(rows)
                        .as(what)
                        .extracting(Nearest::rwCode)
                        .isSorted()
                        .containsExactlyInAnyOrderElementsOf(expected.keySet());
                for (Nearest row : rows) {
                    Nearest brute = expected.get(row.rwCode());
                    assertThat(row.facilityId()).as(what + ": " + row.rwCode()).isEqualTo(brute.facilityId());
                    assertThat(row.distanceMeters())
                            .as(what + ": " + row.rwCode())
                            .isCloseTo(brute.distanceMeters(), within(1e-6));
                }
            }
        }
    }

    @Test
    void nearestFacilityOfEveryPekalonganRwEqualsAScanOfEveryFacility() {
        assertNearestEqualsBruteForce(PEKALONGAN, "Kota Pekalongan");
    }

    @Test
    void nearestFacilityOfRandomPointsEqualsAScanOfEveryFacility() {
        long seed = Long.getLong("atlas.test.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    INSERT INTO regions (code, level, name, synthetic) VALUES ('99', 'PROVINSI', 'Provinsi Uji', true)
                    ON CONFLICT (code) DO NOTHING""").update();
            jdbc.sql("""
                    INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, synthetic)
                    VALUES ('99.96', 'KABKOTA', 'Kota Uji', '99', '99.96', ST_Multi(ST_MakeEnvelope(109, -8, 111, -6, 4326)), true),
                           ('99.96.01', 'KECAMATAN', 'Uji', '99.96', '99.96', ST_Multi(ST_MakeEnvelope(109, -8, 111, -6, 4326)), true),
                           ('99.96.01.1001', 'KELURAHAN', 'Uji', '99.96.01', '99.96', ST_Multi(ST_MakeEnvelope(109, -8, 111, -6, 4326)), true)
                    """).update();
            List<String> codes = new ArrayList<>();
            List<Double> lons = new ArrayList<>();
            List<Double> lats = new ArrayList<>();
            for (int i = 0; i < RANDOM_POINTS; i++) {
                // Most in and around the city (cells with many and with few points), some up to ~100 km away.
                double spread = i % 5 == 0 ? 1.0 : 0.06;
                codes.add(String.format(Locale.ROOT, "99.96.01.1001.RW%03d", i + 1));
                lons.add(109.68 + (random.nextDouble() - 0.5) * 2 * spread);
                lats.add(-6.89 + (random.nextDouble() - 0.5) * 2 * spread);
            }
            jdbc.sql("""
                    INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, synthetic)
                    SELECT c, 'RW', 'RW uji', '99.96.01.1001', '99.96',
                           ST_Multi(ST_MakeEnvelope(109, -8, 111, -6, 4326)), true
                      FROM unnest(CAST(:codes AS text[])) c""").param("codes", codes.toArray(String[]::new)).update();
            jdbc.sql("""
                    INSERT INTO rw_representative_points (rw_code, kabkota_code, point, point_method, point_count)
                    SELECT c, '99.96', ST_SetSRID(ST_MakePoint(x, y), 4326), 'POINT_ON_SURFACE', 0
                      FROM unnest(CAST(:codes AS text[]), CAST(:x AS float8[]), CAST(:y AS float8[])) AS t(c, x, y)""")
                    .param("codes", codes.toArray(String[]::new))
                    .param("x", lons.toArray(Double[]::new))
                    .param("y", lats.toArray(Double[]::new))
                    .update();
            assertNearestEqualsBruteForce(RANDOM_KABKOTA, "seed " + seed);
        });
    }

    private record Responsible(String status, Long facilityId, List<Long> claimants) {}

    @Test
    void responsiblePuskesmasOfEveryPekalonganRwEqualsTheWilayahKerjaMatchedByCodePrefix() {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("DELETE FROM rw_responsible_puskesmas WHERE kabkota_code = :k")
                    .param("k", PEKALONGAN)
                    .update();
            // A wilayah kerja listed by RW and one claimed twice, so that every status occurs.
            jdbc.sql("""
                    WITH a AS (SELECT id FROM facilities WHERE type = 'PUSKESMAS' AND active ORDER BY code LIMIT 1)
                    INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
                    SELECT a.id, r.code, '33.75'
                      FROM a, regions r
                     WHERE r.level = 'RW' AND r.kabkota_code = '33.75'
                       AND EXISTS (SELECT 1 FROM facility_catchments fc JOIN facilities f ON f.id = fc.facility_id
                                    WHERE fc.region_code = left(r.code, 13) AND f.type = 'PUSKESMAS' AND f.active
                                      AND f.id <> a.id)
                     ORDER BY r.code LIMIT 3""").update();
            int inserted = jdbc.sql(Sql.load("sql/access/responsible-puskesmas.sql"))
                    .param("k", PEKALONGAN)
                    .update();
            int rws = jdbc.sql("SELECT count(*) FROM regions WHERE level = 'RW' AND kabkota_code = :k")
                    .param("k", PEKALONGAN)
                    .query(Integer.class)
                    .single();
            assertThat(inserted).isEqualTo(rws);

            Map<String, Responsible> expected = new HashMap<>();
            jdbc.sql("""
                            SELECT r.code,
                                   coalesce((SELECT array_agg(DISTINCT f.id ORDER BY f.id)
                                               FROM facility_catchments fc JOIN facilities f ON f.id = fc.facility_id
                                              WHERE f.type = 'PUSKESMAS' AND f.active
                                                AND (fc.region_code = r.code
                                                     OR (starts_with(r.code, fc.region_code || '.')
                                                         AND length(fc.region_code) IN (8, 13)))), '{}') AS ids
                              FROM regions r WHERE r.level = 'RW' AND r.kabkota_code = :k""")
                    .param("k", PEKALONGAN)
                    .query((rs, n) -> {
                        List<Long> ids = List.of((Long[]) rs.getArray("ids").getArray());
                        expected.put(
                                rs.getString("code"),
                                new Responsible(
                                        ids.isEmpty()
                                                ? "NO_WILAYAH_KERJA"
                                                : ids.size() == 1 ? "ASSIGNED" : "SEVERAL_WILAYAH_KERJA",
                                        ids.size() == 1 ? ids.get(0) : null,
                                        ids));
                        return null;
                    })
                    .list();
            Map<String, Responsible> served = new HashMap<>();
            jdbc.sql(
                            "SELECT rw_code, status, facility_id, claimant_ids FROM rw_responsible_puskesmas WHERE kabkota_code = :k")
                    .param("k", PEKALONGAN)
                    .query((rs, n) -> served.put(
                            rs.getString("rw_code"),
                            new Responsible(rs.getString("status"), (Long) rs.getObject("facility_id"), List.of((Long[])
                                    rs.getArray("claimant_ids").getArray()))))
                    .list();
            assertThat(served).isEqualTo(expected);
            assertThat(served.values()).extracting(Responsible::status).contains("ASSIGNED", "SEVERAL_WILAYAH_KERJA");
        });
    }
}
