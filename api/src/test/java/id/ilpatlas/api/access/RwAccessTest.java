package id.ilpatlas.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.facility.FacilityType;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RW access: the responsible puskesmas of every Kota Pekalongan RW equals a brute-force reading of the wilayah kerja,
 * the nearest puskesmas (and facility of any type) a brute-force scan on the spheroid, also for seeded random points;
 * representative points lie in their RW; coverage adds up to the region by responsible and by nearest puskesmas.
 * The travel model itself is pinned by {@code TravelModelTest}.
 */
@Slow
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

    private record Near(String code, double distanceMeters) {}

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
                .params(params)
                .query((rs, n) -> new Near(rs.getString(1), rs.getDouble(2)))
                .single();
    }

    /** Every row of rwAccess for a region and type, through GraphQL, page by page. */
    private List<Map<String, Object>> allRows(GraphQlTester tester, String region, String type) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String after = null;
        do {
            GraphQlTester.Request<?> request = tester.documentName("rwAccessPage")
                    .variable("regionCode", region)
                    .variable("first", 250)
                    .variable("after", after)
                    .variable("facilityType", type);
            GraphQlTester.Response response = request.execute();
            response.errors().verify();
            rows.addAll(response.path("rwAccess.edges[*].node").entityList(Map.class).get().stream()
                    .map(m -> (Map<String, Object>) m)
                    .toList());
            after = response.path("rwAccess.pageInfo.hasNextPage")
                            .entity(Boolean.class)
                            .get()
                    ? response.path("rwAccess.pageInfo.endCursor")
                            .entity(String.class)
                            .get()
                    : null;
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
                .query(Integer.class)
                .single();
        List<Map<String, Object>> rows = allRows(anonymous(), "33.75", type);
        assertThat(rows).as("one row per Pekalongan RW").hasSize(rws).hasSizeGreaterThan(100);
        for (Map<String, Object> row : rows) {
            String rw = (String) ((Map<String, Object>) row.get("rw")).get("code");
            double[] p = lonLat(row);
            Near expected = bruteForce(p[0], p[1], facilityType);
            Map<String, Object> nearest = (Map<String, Object>) row.get("nearest");
            Map<String, Object> facility = (Map<String, Object>) nearest.get("facility");
            assertThat(facility.get("id")).as("nearest %s of %s", type, rw).isEqualTo(expected.code());
            if (facilityType != null) {
                assertThat(facility.get("type")).isEqualTo(facilityType.name());
            }
            assertThat(nearest.get("facilityLocationQuality")).isEqualTo(facility.get("locationQuality"));
            assertThat(((Number) nearest.get("distanceMeters")).doubleValue())
                    .as("distance of %s", rw)
                    .isCloseTo(expected.distanceMeters(), within(0.01));
        }
    }

    /**
     * Every Pekalongan RW's responsible puskesmas, read through GraphQL, equals a brute-force reading of the registry:
     * the active puskesmas whose catchment lists the RW, its kelurahan or its kecamatan; none or several are reported
     * as such with every claimant. Also checked after the test makes one kelurahan claimed by two puskesmas and
     * another by none (restored afterwards).
     */
    @SuppressWarnings("unchecked")
    @Test
    void responsiblePuskesmasOfEveryRwEqualsTheWilayahKerjaReadByBruteForce() {
        Map<String, Integer> before = responsibleEqualsBruteForce();
        assertThat(before.get("ASSIGNED"))
                .as("the demo registry assigns every RW")
                .isPositive();
        try (WilayahKerjaGaps gaps = WilayahKerjaGaps.open(jdbc, access)) {
            Map<String, Integer> after = responsibleEqualsBruteForce();
            long pringrejo = jdbc.sql(
                            "SELECT count(*) FROM rw_representative_points WHERE rw_code LIKE '33.75.01.1009.%'")
                    .query(Long.class)
                    .single();
            long medono = jdbc.sql("SELECT count(*) FROM rw_representative_points WHERE rw_code LIKE '33.75.01.1002.%'")
                    .query(Long.class)
                    .single();
            assertThat(after.get("SEVERAL_WILAYAH_KERJA")).isEqualTo((int) pringrejo);
            assertThat(after.get("NO_WILAYAH_KERJA")).isEqualTo((int) medono);
            // Reported in the rows' warnings, never filled in with the nearest.
            GraphQlTester.Response response = anonymous()
                    .documentName("rwAccessPage")
                    .variable("regionCode", "33.75.01.1002")
                    .variable("first", 1)
                    .execute();
            response.path("rwAccess.edges[0].node.responsible").valueIsNull();
            response.path("rwAccess.edges[0].node.warnings[*].code")
                    .entityList(String.class)
                    .contains("NO_WILAYAH_KERJA");
            response.path("rwAccess.edges[0].node.nearest.facility.id")
                    .entity(String.class)
                    .satisfies(nearest -> assertThat(nearest).startsWith("PKM-3375-"));
            anonymous()
                    .documentName("rwAccessPage")
                    .variable("regionCode", "33.75.01.1009")
                    .variable("first", 1)
                    .execute()
                    .path("rwAccess.edges[0].node.responsibility.claimants[*].id")
                    .entityList(String.class)
                    .contains("PKM-3375-BUARAN", "PKM-3375-TIRTO")
                    .hasSize(2);
        }
    }

    /** Checks every row against the brute force and returns the count per status. */
    @SuppressWarnings("unchecked")
    private Map<String, Integer> responsibleEqualsBruteForce() {
        Map<String, List<String>> claims = new HashMap<>();
        jdbc.sql("""
                SELECT c.region_code, f.code FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                 WHERE f.type = 'PUSKESMAS' AND f.active""")
                .query((rs, n) -> claims.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        Map<String, Integer> statuses = new HashMap<>();
        List<Map<String, Object>> rows = allRows(anonymous(), "33.75", "PUSKESMAS");
        int notNearest = 0;
        for (Map<String, Object> row : rows) {
            String rw = (String) ((Map<String, Object>) row.get("rw")).get("code");
            java.util.TreeSet<String> expected = new java.util.TreeSet<>();
            for (String area : List.of(rw, rw.substring(0, 13), rw.substring(0, 8))) {
                expected.addAll(claims.getOrDefault(area, List.of()));
            }
            Map<String, Object> responsibility = (Map<String, Object>) row.get("responsibility");
            List<String> claimants = ((List<Map<String, Object>>) responsibility.get("claimants"))
                    .stream().map(c -> (String) c.get("id")).sorted().toList();
            assertThat(claimants).as("claimants of %s", rw).containsExactlyElementsOf(expected);
            String status = expected.isEmpty()
                    ? "NO_WILAYAH_KERJA"
                    : expected.size() == 1 ? "ASSIGNED" : "SEVERAL_WILAYAH_KERJA";
            assertThat(responsibility.get("status")).as("status of %s", rw).isEqualTo(status);
            Map<String, Object> responsible = (Map<String, Object>) row.get("responsible");
            if (status.equals("ASSIGNED")) {
                assertThat(((Map<String, Object>) responsibility.get("puskesmas")).get("id"))
                        .isEqualTo(expected.first());
                assertThat(((Map<String, Object>) responsible.get("facility")).get("id"))
                        .as(rw)
                        .isEqualTo(expected.first());
                boolean same = expected.first()
                        .equals(((Map<String, Object>) ((Map<String, Object>) row.get("nearest")).get("facility"))
                                .get("id"));
                assertThat(row.get("nearestIsResponsible")).as(rw).isEqualTo(same);
                notNearest += same ? 0 : 1;
            } else {
                assertThat(responsible).as("no responsible leg for %s", rw).isNull();
                assertThat(responsibility.get("puskesmas")).isNull();
                assertThat(row.get("nearestIsResponsible")).isNull();
            }
            statuses.merge(status, 1, Integer::sum);
        }
        statuses.put("notNearest", notNearest);
        System.out.printf(Locale.ROOT, "responsible puskesmas of %d RWs: %s%n", rows.size(), statuses);
        return statuses;
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

    /**
     * Moves the first RWs' representative points to seeded random points and reads the nearest pustu and posyandu,
     * which are computed live from the points by the same SQL as the stored nearest puskesmas and facility
     * ({@code sql/access/nearest-facility.sql}), inside a rolled-back transaction; compares with brute force.
     */
    @Test
    void nearestFromSeededRandomPointsEqualsBruteForce() {
        access.refreshIfStale("33.75");
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            List<String> codes = jdbc.sql("SELECT rw_code FROM rw_representative_points WHERE kabkota_code = '33.75' "
                            + "ORDER BY rw_code LIMIT :n")
                    .param("n", RANDOM_POINTS)
                    .query(String.class)
                    .list();
            assertThat(codes).hasSize(RANDOM_POINTS);
            SplittableRandom random = new SplittableRandom(SEED);
            Map<String, double[]> points = new HashMap<>();
            for (String code : codes) {
                double[] p = {WEST + random.nextDouble() * (EAST - WEST), SOUTH + random.nextDouble() * (NORTH - SOUTH)
                };
                points.put(code, p);
                jdbc.sql("UPDATE rw_representative_points SET point = ST_SetSRID(ST_MakePoint(:x, :y), 4326) "
                                + "WHERE rw_code = :c")
                        .param("x", p[0])
                        .param("y", p[1])
                        .param("c", code)
                        .update();
            }
            for (FacilityType type : new FacilityType[] {FacilityType.PUSTU, FacilityType.POSYANDU}) {
                check(
                        codes,
                        points,
                        access.page("33.75", type, TravelMode.MOTORBIKE, null, 1000).stream()
                                .filter(r -> points.containsKey(r.rwCode()))
                                .toList(),
                        type);
            }
        });
    }

    private void check(List<String> codes, Map<String, double[]> points, List<RwAccess> computed, FacilityType type) {
        assertThat(computed).hasSize(RANDOM_POINTS);
        for (RwAccess row : computed) {
            double[] p = points.get(row.rwCode());
            String where = String.format(
                    Locale.ROOT,
                    "seed %d, point #%d (longitude %.7f, latitude %.7f), type %s",
                    SEED,
                    codes.indexOf(row.rwCode()),
                    p[0],
                    p[1],
                    type);
            Near expected = bruteForce(p[0], p[1], type);
            String code = jdbc.sql("SELECT code FROM facilities WHERE id = :id")
                    .param("id", row.nearest().facilityId())
                    .query(String.class)
                    .single();
            assertThat(code).as(where).isEqualTo(expected.code());
            assertThat(row.nearest().distanceMeters()).as(where).isCloseTo(expected.distanceMeters(), within(0.01));
        }
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
                .param("min", RwAccessService.MIN_WEIGHTING_POINTS)
                .query()
                .singleRow();
        assertThat(((Number) counts.get("n")).intValue()).isGreaterThan(100);
        assertThat(((Number) counts.get("outside")).intValue())
                .as("points outside their RW")
                .isZero();
        assertThat(((Number) counts.get("weighted")).intValue())
                .as("population-weighted points")
                .isPositive();
        assertThat(((Number) counts.get("too_few")).intValue()).isZero();
    }

    @SuppressWarnings("unchecked")
    @Test
    void coverageAddsUpToTheRegionByResponsibleAndByNearestPuskesmas() {
        for (String grouping : List.of("RESPONSIBLE_PUSKESMAS", "NEAREST_PUSKESMAS")) {
            for (String region : List.of("33.75", "33.75.01")) {
                GraphQlTester.Response response = anonymous()
                        .documentName("rwAccessCoverage")
                        .variable("regionCode", region)
                        .variable("withinMeters", 1500.0)
                        .variable("withinMinutes", 5.0)
                        .variable("groupBy", grouping)
                        .execute();
                response.errors().verify();
                response.path("accessCoverage.groupedBy").entity(String.class).isEqualTo(grouping);
                Map<String, Object> total =
                        response.path("accessCoverage.total").entity(Map.class).get();
                List<Map<String, Object>> groups =
                        response.path("accessCoverage.byPuskesmas").entityList(Map.class).get().stream()
                                .map(m -> (Map<String, Object>) m)
                                .toList();
                Map<String, Object> expected =
                        jdbc.sql("""
                                SELECT count(*) AS rws, sum(population) AS population,
                                       (SELECT population FROM regions WHERE code = :c) AS region_population
                                  FROM regions WHERE level = 'RW' AND code LIKE :c || '.%'""").param("c", region).query().singleRow();
                String as = grouping + " " + region;
                assertThat(((Number) total.get("rwCount")).longValue())
                        .as(as)
                        .isEqualTo(((Number) expected.get("rws")).longValue());
                assertThat(((Number) total.get("population")).longValue())
                        .as(as)
                        .isEqualTo(((Number) expected.get("population")).longValue())
                        .isEqualTo(((Number) expected.get("region_population")).longValue());
                for (String column : List.of(
                        "rwCount",
                        "population",
                        "rwWithin",
                        "populationWithin",
                        "rwBeyond",
                        "populationBeyond",
                        "rwUnassigned",
                        "populationUnassigned")) {
                    assertThat(groups.stream()
                                    .mapToLong(g -> ((Number) ((Map<String, Object>) g.get("coverage")).get(column))
                                            .longValue())
                                    .sum())
                            .as("%s of %s summed over puskesmas", column, as)
                            .isEqualTo(((Number) total.get(column)).longValue());
                }
                assertThat(((Number) total.get("rwWithin")).longValue()
                                + ((Number) total.get("rwBeyond")).longValue()
                                + ((Number) total.get("rwUnassigned")).longValue())
                        .isEqualTo(((Number) total.get("rwCount")).longValue());
                long within = jdbc.sql("""
                                SELECT count(*) FROM rw_access WHERE target = :t AND mode = 'MOTORBIKE'
                                   AND rw_code LIKE :c || '.%' AND road_distance_meters <= 1500
                                   AND travel_time_seconds <= 300""")
                        .param("t", grouping)
                        .param("c", region)
                        .query(Long.class)
                        .single();
                assertThat(((Number) total.get("rwWithin")).longValue()).as(as).isEqualTo(within);
                // Each group holds the RWs whose responsible (or nearest) puskesmas it is.
                for (Map<String, Object> group : groups) {
                    Map<String, Object> puskesmas = (Map<String, Object>) group.get("puskesmas");
                    if (puskesmas == null) {
                        continue;
                    }
                    long rws = jdbc.sql("""
                                    SELECT count(*) FROM rw_access a JOIN facilities f ON f.id = a.facility_id
                                     WHERE a.target = :t AND a.mode = 'MOTORBIKE' AND a.rw_code LIKE :c || '.%'
                                       AND f.code = :f""")
                            .param("t", grouping)
                            .param("c", region)
                            .param("f", puskesmas.get("id"))
                            .query(Long.class)
                            .single();
                    assertThat(((Number) ((Map<String, Object>) group.get("coverage")).get("rwCount")).longValue())
                            .as("RWs of %s, %s", puskesmas.get("id"), as)
                            .isEqualTo(rws);
                    assertThat(group.get("approximateLocation"))
                            .isEqualTo(
                                    jdbc.sql("SELECT location_quality = 'APPROXIMATE' FROM facilities WHERE code = :f")
                                            .param("f", puskesmas.get("id"))
                                            .query(Boolean.class)
                                            .single());
                }
            }
        }
    }

    /** Tirto's wilayah kerja is Tirto and Pringrejo: grouped by responsible puskesmas it holds all their RWs. */
    @Test
    void tirtoIsCreditedWithEveryRwOfItsWilayahKerja() {
        access.refreshIfStale("33.75");
        long wilayah = jdbc.sql("""
                        SELECT count(*) FROM regions r JOIN rw_representative_points p ON p.rw_code = r.code
                         WHERE r.level = 'RW' AND r.parent_code IN (SELECT c.region_code FROM facility_catchments c
                                    JOIN facilities f ON f.id = c.facility_id WHERE f.code = 'PKM-3375-TIRTO')""").query(Long.class).single();
        assertThat(wilayah).isPositive();
        GraphQlTester.Response response = anonymous()
                .documentName("rwAccessCoverage")
                .variable("regionCode", "33.75")
                .variable("withinMinutes", 60.0)
                .execute();
        response.errors().verify();
        response.path("accessCoverage.byPuskesmas[?(@.puskesmas.id == 'PKM-3375-TIRTO')].coverage.rwCount")
                .entityList(Long.class)
                .containsExactly(wilayah);
    }

    @Test
    void pagesAreRelayConnectionsAndArgumentsAreChecked() {
        GraphQlTester.Response first = anonymous()
                .documentName("rwAccessPage")
                .variable("regionCode", "3375011002")
                .variable("first", 2)
                .execute();
        first.errors().verify();
        first.path("rwAccess.edges").entityList(Object.class).hasSize(2);
        first.path("rwAccess.edges[0].node.rw.code")
                .entity(String.class)
                .satisfies(code -> assertThat(code).startsWith("33.75.01.1002.RW"));
        first.path("rwAccess.edges[0].node.nearest.method")
                .entity(String.class)
                .satisfies(m -> assertThat(m).isIn("ROAD", "GEODESIC_DETOUR"));
        first.path("rwAccess.edges[0].node.mode").entity(String.class).isEqualTo("MOTORBIKE");
        String rw = jdbc.sql("SELECT min(code) FROM regions WHERE level = 'RW' AND kabkota_code = '33.75'")
                .query(String.class)
                .single();
        anonymous()
                .documentName("rwAccessPage")
                .variable("regionCode", rw)
                .execute()
                .path("rwAccess.totalCount")
                .entity(Integer.class)
                .isEqualTo(1);
        expectBadArgument(anonymous().documentName("rwAccessPage").variable("regionCode", "33.99"), "regionCode");
        expectBadArgument(anonymous().documentName("rwAccessPage").variable("regionCode", "x"), "regionCode");
        expectBadArgument(anonymous().documentName("rwAccessCoverage").variable("regionCode", "33.75"), "withinMeters");
        expectBadArgument(
                anonymous()
                        .documentName("rwAccessCoverage")
                        .variable("regionCode", "33.75")
                        .variable("withinMinutes", -1.0),
                "withinMinutes");
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
        graphQl.documentName("rwAccessRefresh")
                .variable("kabkotaCode", "3375")
                .execute()
                .path("refreshRwAccess.kabkotaCode")
                .entity(String.class)
                .isEqualTo("33.75")
                .path("refreshRwAccess.rwCount")
                .entity(Integer.class)
                .satisfies(n -> assertThat(n).isGreaterThan(100))
                .path("refreshRwAccess.errors")
                .entityList(Object.class)
                .hasSize(0);
        graphQl.documentName("rwAccessRefresh")
                .variable("kabkotaCode", "33.75.01")
                .execute()
                .path("refreshRwAccess.errors[0].__typename")
                .entity(String.class)
                .isEqualTo("InvalidRegionCodeError");
        anonymous()
                .documentName("rwAccessRefresh")
                .variable("kabkotaCode", "33.75")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).hasSize(1));
    }
}
