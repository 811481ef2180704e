package id.ilpatlas.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.cases.demo.SyntheticCaseData;
import id.ilpatlas.api.facility.FacilityType;
import id.ilpatlas.api.road.RoadRouting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RW access: the nearest puskesmas (and facility of any type) per RW equals a brute-force scan on the spheroid, for
 * every Kota Pekalongan RW and for seeded random points; representative points lie in their RW; coverage adds up to
 * the region; road legs equal pgRouting's own path cost; the geodesic detour is used, with its factor, off the network.
 */
class RwAccessTest extends IntegrationTest {

    private static final long SEED = 20261130L;
    private static final int RANDOM_POINTS = 200;
    /** Kota Pekalongan's bounding box with a margin of about 3 km around it. */
    private static final double WEST = 109.64 - 0.03;
    private static final double EAST = 109.72 + 0.03;
    private static final double SOUTH = -6.94 - 0.03;
    private static final double NORTH = -6.85 + 0.03;

    @Autowired
    RwAccessService access;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SyntheticCaseData syntheticCases;

    private record Near(String code, double distanceMeters) {
    }

    /** Nearest active facility of a type (null: any) by a full scan on the spheroid, ties by code. */
    private Near bruteForce(double lon, double lat, FacilityType type) {
        Map<String, Object> params = new HashMap<>();
        params.put("lon", lon);
        params.put("lat", lat);
        params.put("type", type == null ? null : type.name());
        return jdbc.sql("""
                        SELECT f.code, ST_Distance(f.location::geography,
                                                   ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, true) AS d
                          FROM facilities f
                         WHERE f.active AND (CAST(:type AS text) IS NULL OR f.type = :type)
                         ORDER BY d, f.code LIMIT 1""")
                .params(params).query((rs, n) -> new Near(rs.getString(1), rs.getDouble(2))).single();
    }

    /** Every row of rwAccess for a region and type, through GraphQL, page by page. */
    private List<Map<String, Object>> allRows(GraphQlTester tester, String region, String type) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String after = null;
        do {
            GraphQlTester.Request<?> request = tester.documentName("rwAccessPage").variable("regionCode", region)
                    .variable("first", 250).variable("after", after).variable("facilityType", type);
            GraphQlTester.Response response = request.execute();
            response.errors().verify();
            rows.addAll(response.path("rwAccess.edges[*].node").entityList(Map.class).get().stream()
                    .map(m -> (Map<String, Object>) m).toList());
            after = response.path("rwAccess.pageInfo.hasNextPage").entity(Boolean.class).get()
                    ? response.path("rwAccess.pageInfo.endCursor").entity(String.class).get() : null;
        } while (after != null);
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static double[] lonLat(Map<String, Object> row) {
        List<Number> c = (List<Number>) ((Map<String, Object>) row.get("representativePoint")).get("coordinates");
        return new double[] {c.get(0).doubleValue(), c.get(1).doubleValue()};
    }

    @SuppressWarnings("unchecked")
    private void everyRwEqualsBruteForce(String type, FacilityType facilityType) {
        int rws = jdbc.sql("SELECT count(*) FROM regions WHERE level = 'RW' AND kabkota_code = '33.75'")
                .query(Integer.class).single();
        List<Map<String, Object>> rows = allRows(anonymous(), "33.75", type);
        assertThat(rows).as("one row per Pekalongan RW").hasSize(rws).hasSizeGreaterThan(100);
        for (Map<String, Object> row : rows) {
            String rw = (String) ((Map<String, Object>) row.get("rw")).get("code");
            double[] p = lonLat(row);
            Near expected = bruteForce(p[0], p[1], facilityType);
            Map<String, Object> facility = (Map<String, Object>) row.get("facility");
            assertThat(facility.get("id")).as("nearest %s of %s", type, rw).isEqualTo(expected.code());
            if (facilityType != null) {
                assertThat(facility.get("type")).isEqualTo(facilityType.name());
            }
            assertThat(((Number) row.get("distanceMeters")).doubleValue()).as("distance of %s", rw)
                    .isCloseTo(expected.distanceMeters(), within(0.01));
        }
    }

    @Test
    void nearestPuskesmasOfEveryPekalonganRwEqualsBruteForce() {
        everyRwEqualsBruteForce("PUSKESMAS", FacilityType.PUSKESMAS);
    }

    @Test
    void nearestFacilityOfAnyTypeOfEveryPekalonganRwEqualsBruteForce() {
        everyRwEqualsBruteForce(null, null);
    }

    @Test
    void nearestPosyanduComputedLiveEqualsBruteForce() {
        everyRwEqualsBruteForce("POSYANDU", FacilityType.POSYANDU);
    }

    /** Moves the first RWs' representative points to seeded random points, computes, compares, and rolls back. */
    @Test
    void nearestFromSeededRandomPointsEqualsBruteForce() {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            List<String> codes = jdbc.sql("SELECT rw_code FROM rw_representative_points WHERE kabkota_code = '33.75' "
                    + "ORDER BY rw_code LIMIT :n").param("n", RANDOM_POINTS).query(String.class).list();
            assertThat(codes).hasSize(RANDOM_POINTS);
            SplittableRandom random = new SplittableRandom(SEED);
            Map<String, double[]> points = new HashMap<>();
            for (String code : codes) {
                double[] p = {WEST + random.nextDouble() * (EAST - WEST), SOUTH + random.nextDouble() * (NORTH - SOUTH)};
                points.put(code, p);
                jdbc.sql("UPDATE rw_representative_points SET point = ST_SetSRID(ST_MakePoint(:x, :y), 4326) "
                        + "WHERE rw_code = :c").param("x", p[0]).param("y", p[1]).param("c", code).update();
            }
            for (FacilityType type : new FacilityType[] {FacilityType.PUSKESMAS, null, FacilityType.PUSTU}) {
                List<RwAccess> computed = access.computeFor(codes, type);
                assertThat(computed).hasSize(RANDOM_POINTS);
                int i = 0;
                for (RwAccess row : computed) {
                    double[] p = points.get(row.rwCode());
                    String where = String.format(Locale.ROOT, "seed %d, point #%d (longitude %.7f, latitude %.7f), type %s",
                            SEED, codes.indexOf(row.rwCode()), p[0], p[1], type);
                    Near expected = bruteForce(p[0], p[1], type);
                    String code = jdbc.sql("SELECT code FROM facilities WHERE id = :id").param("id", row.facilityId())
                            .query(String.class).single();
                    assertThat(code).as(where).isEqualTo(expected.code());
                    assertThat(row.distanceMeters()).as(where).isCloseTo(expected.distanceMeters(), within(0.01));
                    i++;
                }
                assertThat(i).isEqualTo(RANDOM_POINTS);
            }
        });
    }

    @Test
    void representativePointsLieInsideTheirRwAndAreWeightedWhenCasesAreLoaded() {
        syntheticCases.ensureLoaded();
        access.refreshIfStale("33.75");
        Map<String, Object> counts = jdbc.sql("""
                        SELECT count(*) AS n,
                               count(*) FILTER (WHERE NOT ST_Intersects(r.geom, p.point)) AS outside,
                               count(*) FILTER (WHERE p.point_method = 'POPULATION_WEIGHTED') AS weighted,
                               count(*) FILTER (WHERE p.point_method = 'POPULATION_WEIGHTED'
                                                  AND p.point_count < :min) AS too_few
                          FROM rw_representative_points p JOIN regions r ON r.code = p.rw_code
                         WHERE p.kabkota_code = '33.75'""")
                .param("min", RwAccessService.MIN_WEIGHTING_POINTS).query().singleRow();
        assertThat(((Number) counts.get("n")).intValue()).isGreaterThan(100);
        assertThat(((Number) counts.get("outside")).intValue()).as("points outside their RW").isZero();
        assertThat(((Number) counts.get("weighted")).intValue()).as("population-weighted points").isPositive();
        assertThat(((Number) counts.get("too_few")).intValue()).isZero();
    }

    @SuppressWarnings("unchecked")
    @Test
    void coverageAddsUpToTheRegionAndPerPuskesmas() {
        for (String region : List.of("33.75", "33.75.01")) {
            GraphQlTester.Response response = anonymous().documentName("rwAccessCoverage")
                    .variable("regionCode", region).variable("withinMeters", 1500.0).variable("withinMinutes", 10.0)
                    .execute();
            response.errors().verify();
            Map<String, Object> total = response.path("accessCoverage.total").entity(Map.class).get();
            List<Map<String, Object>> byPuskesmas = response.path("accessCoverage.byPuskesmas[*].coverage")
                    .entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList();
            Map<String, Object> expected = jdbc.sql("""
                            SELECT count(*) AS rws, sum(population) AS population,
                                   (SELECT population FROM regions WHERE code = :c) AS region_population
                              FROM regions WHERE level = 'RW' AND code LIKE :c || '.%'""")
                    .param("c", region).query().singleRow();
            assertThat(((Number) total.get("rwCount")).longValue()).as(region)
                    .isEqualTo(((Number) expected.get("rws")).longValue());
            assertThat(((Number) total.get("population")).longValue()).as(region)
                    .isEqualTo(((Number) expected.get("population")).longValue())
                    .isEqualTo(((Number) expected.get("region_population")).longValue());
            for (String column : List.of("rwCount", "population", "rwWithin", "populationWithin", "rwBeyond",
                    "populationBeyond")) {
                assertThat(byPuskesmas.stream().mapToLong(m -> ((Number) m.get(column)).longValue()).sum())
                        .as("%s of %s summed over puskesmas", column, region)
                        .isEqualTo(((Number) total.get(column)).longValue());
            }
            assertThat(((Number) total.get("rwWithin")).longValue() + ((Number) total.get("rwBeyond")).longValue())
                    .isEqualTo(((Number) total.get("rwCount")).longValue());
            long within = jdbc.sql("""
                            SELECT count(*) FROM rw_access WHERE target = 'PUSKESMAS' AND rw_code LIKE :c || '.%'
                               AND road_distance_meters <= 1500 AND travel_time_seconds <= 600""")
                    .param("c", region).query(Long.class).single();
            assertThat(((Number) total.get("rwWithin")).longValue()).isEqualTo(within);
        }
    }

    @Test
    void roadLegsEqualPgRoutingPathCostOnSampledRws() {
        Boolean network = jdbc.sql("SELECT to_regclass('road_edges') IS NOT NULL AND EXISTS "
                + "(SELECT 1 FROM road_vertices WHERE kabkota_code = '33.75')").query(Boolean.class).single();
        Assumptions.assumeTrue(Boolean.TRUE.equals(network), "no road network loaded for 33.75");
        access.refreshIfStale("33.75");
        List<Map<String, Object>> sample = jdbc.sql("""
                        SELECT a.rw_code, a.road_distance_meters, a.travel_time_seconds, ST_X(p.point) AS x, ST_Y(p.point) AS y,
                               ST_X(f.location) AS fx, ST_Y(f.location) AS fy
                          FROM rw_access a JOIN rw_representative_points p USING (rw_code)
                          JOIN facilities f ON f.id = a.facility_id
                         WHERE a.target = 'PUSKESMAS' AND a.method = 'ROAD' AND a.kabkota_code = '33.75'
                         ORDER BY md5(a.rw_code || :seed) LIMIT 40""")
                .param("seed", String.valueOf(SEED)).query().listOfRows();
        assertThat(sample).as("RWs reached by road").isNotEmpty();
        double walkingMetersPerSecond = RoadRouting.WALKING_SPEED_KMH / 3.6;
        for (Map<String, Object> row : sample) {
            // Snap as RoadRouting documents it (nearest vertex on the spheroid), then pgRouting's own aggregated cost
            // on the kab/kota network: fastest time for the travel time, shortest length for the distance.
            Map<String, Object> expected = jdbc.sql("""
                            WITH s AS (SELECT c.id, ST_Distance(c.geom::geography, ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography) AS m
                                         FROM road_vertices c ORDER BY 2, 1 LIMIT 1),
                                 t AS (SELECT c.id, ST_Distance(c.geom::geography, ST_SetSRID(ST_MakePoint(:fx, :fy), 4326)::geography) AS m
                                         FROM road_vertices c ORDER BY 2, 1 LIMIT 1)
                            SELECT s.m AS from_m, t.m AS to_m, s.id = t.id AS same,
                                   (SELECT agg_cost FROM pgr_dijkstraCost(
                                       'SELECT id, source, target, cost_seconds AS cost, reverse_cost_seconds AS reverse_cost
                                          FROM road_edges WHERE kabkota_code = ''33.75''', s.id, t.id, true)) AS seconds,
                                   (SELECT agg_cost FROM pgr_dijkstraCost(
                                       'SELECT id, source, target, length_meters AS cost, length_meters AS reverse_cost
                                          FROM road_edges WHERE kabkota_code = ''33.75''', s.id, t.id, true)) AS meters
                              FROM s, t""")
                    .param("x", row.get("x")).param("y", row.get("y")).param("fx", row.get("fx")).param("fy", row.get("fy"))
                    .query().singleRow();
            boolean same = (Boolean) expected.get("same");
            double snaps = ((Number) expected.get("from_m")).doubleValue() + ((Number) expected.get("to_m")).doubleValue();
            assertThat(snaps).isLessThanOrEqualTo(2 * RoadRouting.MAX_SNAP_METERS);
            double seconds = same ? 0 : ((Number) expected.get("seconds")).doubleValue();
            double meters = same ? 0 : ((Number) expected.get("meters")).doubleValue();
            assertThat(((Number) row.get("travel_time_seconds")).doubleValue()).as("travel time of %s", row.get("rw_code"))
                    .isCloseTo(seconds + snaps / walkingMetersPerSecond, within(0.01));
            assertThat(((Number) row.get("road_distance_meters")).doubleValue()).as("road distance of %s", row.get("rw_code"))
                    .isCloseTo(meters + snaps, within(0.01));
        }
    }

    @Test
    void geodesicDetourWithItsFactorWhereTheNetworkDoesNotReach() {
        access.refreshIfStale("33.75");
        // Stored rows: every detour carries the documented factor, its distance and time follow from it.
        List<Map<String, Object>> detours = jdbc.sql("""
                        SELECT distance_meters, road_distance_meters, travel_time_seconds, detour_factor FROM rw_access
                         WHERE kabkota_code = '33.75' AND method = 'GEODESIC_DETOUR'""").query().listOfRows();
        for (Map<String, Object> d : detours) {
            assertThat(((Number) d.get("detour_factor")).doubleValue()).isEqualTo(RwAccessService.DETOUR_FACTOR);
            double expected = ((Number) d.get("distance_meters")).doubleValue() * RwAccessService.DETOUR_FACTOR;
            assertThat(((Number) d.get("road_distance_meters")).doubleValue()).isCloseTo(expected, within(1e-6));
            assertThat(((Number) d.get("travel_time_seconds")).doubleValue())
                    .isCloseTo(expected / (RwAccessService.DETOUR_SPEED_KMH / 3.6), within(1e-6));
        }
        // A point 35 km out in the Java Sea, far from any road vertex: the detour, never a road leg.
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            String code = jdbc.sql("SELECT min(rw_code) FROM rw_representative_points WHERE kabkota_code = '33.75'")
                    .query(String.class).single();
            jdbc.sql("UPDATE rw_representative_points SET point = ST_SetSRID(ST_MakePoint(109.68, -6.55), 4326) "
                    + "WHERE rw_code = :c").param("c", code).update();
            RwAccess far = access.computeFor(List.of(code), FacilityType.PUSKESMAS).get(0);
            assertThat(far.method()).isEqualTo(RwAccess.Method.GEODESIC_DETOUR);
            assertThat(far.detourFactor()).isEqualTo(1.4);
            assertThat(far.distanceMeters()).isGreaterThan(30_000);
            assertThat(far.roadDistanceMeters()).isCloseTo(far.distanceMeters() * 1.4, within(1e-6));
        });
    }

    @Test
    void pagesAreRelayConnectionsAndArgumentsAreChecked() {
        GraphQlTester.Response first = anonymous().documentName("rwAccessPage").variable("regionCode", "3375011002")
                .variable("first", 2).execute();
        first.errors().verify();
        first.path("rwAccess.edges").entityList(Object.class).hasSize(2);
        first.path("rwAccess.edges[0].node.rw.code").entity(String.class)
                .satisfies(code -> assertThat(code).startsWith("33.75.01.1002.RW"));
        first.path("rwAccess.edges[0].node.method").entity(String.class)
                .satisfies(m -> assertThat(m).isIn("ROAD", "GEODESIC_DETOUR"));
        String rw = jdbc.sql("SELECT min(code) FROM regions WHERE level = 'RW' AND kabkota_code = '33.75'")
                .query(String.class).single();
        anonymous().documentName("rwAccessPage").variable("regionCode", rw).execute()
                .path("rwAccess.totalCount").entity(Integer.class).isEqualTo(1);
        expectBadArgument(anonymous().documentName("rwAccessPage").variable("regionCode", "33.99"), "regionCode");
        expectBadArgument(anonymous().documentName("rwAccessPage").variable("regionCode", "x"), "regionCode");
        expectBadArgument(anonymous().documentName("rwAccessCoverage").variable("regionCode", "33.75"), "withinMeters");
        expectBadArgument(anonymous().documentName("rwAccessCoverage").variable("regionCode", "33.75")
                .variable("withinMinutes", -1.0), "withinMinutes");
    }

    private void expectBadArgument(GraphQlTester.Request<?> request, String argument) {
        request.execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(errors.get(0).getMessage()).startsWith("Argument '" + argument + "': ");
        });
    }

    @Test
    void refreshIsForDinkesAndReportsBadCodesAsUserErrors() {
        graphQl.documentName("rwAccessRefresh").variable("kabkotaCode", "3375").execute()
                .path("refreshRwAccess.kabkotaCode").entity(String.class).isEqualTo("33.75")
                .path("refreshRwAccess.rwCount").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThan(100))
                .path("refreshRwAccess.errors").entityList(Object.class).hasSize(0);
        graphQl.documentName("rwAccessRefresh").variable("kabkotaCode", "33.75.01").execute()
                .path("refreshRwAccess.errors[0].__typename").entity(String.class).isEqualTo("InvalidRegionCodeError");
        anonymous().documentName("rwAccessRefresh").variable("kabkotaCode", "33.75").execute().errors()
                .satisfy(errors -> assertThat(errors).hasSize(1));
    }
}
