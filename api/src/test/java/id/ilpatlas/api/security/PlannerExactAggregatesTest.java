package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.cases.aggregate.CaseIndicator;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import id.ilpatlas.geo.tile.MvtReader;
import id.ilpatlas.geo.tile.TileId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17, item 8: the Dinkes planner (PLANNER, scope the kota 33.75) reads exact aggregates in every channel, the
 * very counts the DINKES_ADMIN reads, and no person anywhere. Compared channel by channel, through GraphQL and REST on
 * the demo data: {@code rwIndicators} (calendar periods and a date range), {@code caseCounts} (every count of every
 * area of the kota), the {@code rw_indicators} and {@code hex_heat} vector tiles (decoded with {@link MvtReader}), the
 * GeoJSON export, the KIA-gizi review (GraphQL and CSV) and {@code targetCandidates}. The public still sees suppressed
 * counts. Person-level reads (the register queries, {@code child}, the audit log, import jobs, FHIR) are refused
 * or empty for the planner, and no tile or export it gets holds a point.
 */
@Slow
class PlannerExactAggregatesTest extends CaseTestSupport {

    private static final String KOTA = "33.75";
    private static final String MEDONO = "33.75.01.1002";
    private static final Map<String, Object> MAY = Map.of("year", 2026, "month", 5);
    private static final Map<String, Object> YEAR = Map.of("year", 2026);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    private Map<String, Object> rwIndicators(HttpGraphQlTester tester, String region, Map<String, Object> period) {
        return tester.documentName("rwIndicators")
                .variable("regionCode", region)
                .variable("period", period)
                .variable("indicator", "STUNTING_PREVALENCE")
                .variable("method", "NATURAL_BREAKS")
                .variable("classes", 5)
                .variable("stunting", 0.2)
                .variable("tb", 300.0)
                .variable("poverty", 0.02)
                .variable("minCriteria", 2)
                .execute()
                .path("rwIndicators")
                .entity(Map.class)
                .get();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> report, String field) {
        return (List<Map<String, Object>>) report.get(field);
    }

    private HttpResponse<byte[]> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + tokenOf(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void rwIndicatorsAreTheDinkesCountsForEveryAreaOfTheKota() {
        for (Map<String, Object> period : List.of(
                MAY,
                YEAR,
                Map.<String, Object>of("year", 2026, "quarter", 2),
                Map.<String, Object>of("from", "2026-02-03", "to", "2026-04-17"))) {
            Map<String, Object> dinkes = rwIndicators(as("dinkes"), KOTA, period);
            Map<String, Object> planner = rwIndicators(as("planner"), KOTA, period);
            assertThat(planner).as("%s", period).isEqualTo(dinkes);
            List<Map<String, Object>> all = new ArrayList<>(rows(planner, "rws"));
            all.addAll(rows(planner, "kelurahan"));
            all.addAll(rows(planner, "kecamatan"));
            all.add((Map<String, Object>) planner.get("total"));
            assertThat(rows(planner, "rws"))
                    .as("%s: every RW of the kota", period)
                    .hasSizeGreaterThan(270);
            assertThat(all).as("%s", period).allSatisfy(row -> {
                assertThat(row.get("exact"))
                        .as("%s exact", row.get("regionCode"))
                        .isEqualTo(true);
                assertThat((List<?>) row.get("suppressed"))
                        .as("%s suppressed", row.get("regionCode"))
                        .isEmpty();
            });
        }
    }

    /** The published view is unchanged: how many RWs the public sees without a count, per field. */
    @Test
    void thePublicStillSeesSuppressionWhereThePlannerSeesCounts() {
        for (Map<String, Object> period : List.of(YEAR, MAY)) {
            Map<String, Object> anonymous = rwIndicators(anonymous(), KOTA, period);
            Map<String, Object> planner = rwIndicators(as("planner"), KOTA, period);
            Map<String, Integer> hidden = new LinkedHashMap<>();
            for (String field : List.of(
                    "tbNotifications",
                    "extremePoorHouseholds",
                    "lowBirthWeightBirths",
                    "maternalDeaths",
                    "infantDeaths",
                    "stunted")) {
                int n = 0;
                for (Map<String, Object> rw : rows(anonymous, "rws")) {
                    if ("RW".equals(rw.get("level")) && ((List<?>) rw.get("suppressed")).contains(field)) {
                        n++;
                    }
                }
                hidden.put(field, n);
            }
            long rws = rows(anonymous, "rws").stream()
                    .filter(r -> "RW".equals(r.get("level")))
                    .count();
            System.out.printf(
                    Locale.ROOT,
                    "PlannerExactAggregatesTest %s: %d RWs; suppressed for the public "
                            + "(RWs per field) %s; kota total for the public: maternalDeaths=%s infantDeaths=%s%n",
                    period,
                    rws,
                    hidden,
                    ((Map<?, ?>) anonymous.get("total")).get("maternalDeaths"),
                    ((Map<?, ?>) anonymous.get("total")).get("infantDeaths"));
            assertThat(hidden.values().stream().mapToInt(Integer::intValue).sum())
                    .as("%s: the public misses some RW counts", period)
                    .isPositive();
            assertThat(rows(anonymous, "rws"))
                    .allSatisfy(r -> assertThat(r.get("exact")).isEqualTo(false));
            // The kota's maternal and infant deaths: never withheld from the planner by suppression (null only when
            // the Dinkes admin has no figure either).
            Map<?, ?> total = (Map<?, ?>) planner.get("total");
            Map<?, ?> dinkesTotal =
                    (Map<?, ?>) rwIndicators(as("dinkes"), KOTA, period).get("total");
            assertThat((List<?>) total.get("suppressed"))
                    .as("%s: the kota total, for the planner", period)
                    .isEmpty();
            for (String field : List.of("maternalDeaths", "infantDeaths")) {
                assertThat(total.get(field)).as("%s %s", period, field).isEqualTo(dinkesTotal.get(field));
            }
        }
    }

    private List<Map> caseCounts(HttpGraphQlTester tester, String region, Map<String, Object> period) {
        return tester.documentName("caseCounts")
                .variable("regionCode", region)
                .variable("period", period)
                .variable(
                        "indicators",
                        Stream.of(CaseIndicator.values()).map(Enum::name).toList())
                .execute()
                .path("caseCounts")
                .entityList(Map.class)
                .get();
    }

    @Test
    void caseCountsAreTheDinkesCountsForEveryAreaOfTheKota() {
        for (Map<String, Object> period : List.of(MAY, YEAR)) {
            List<String> parents = new ArrayList<>(List.of(KOTA));
            int cells = 0;
            for (int i = 0; i < parents.size(); i++) {
                String parent = parents.get(i);
                List<Map> dinkes = caseCounts(as("dinkes"), parent, period);
                List<Map> planner = caseCounts(as("planner"), parent, period);
                assertThat(planner).as("%s %s", parent, period).isEqualTo(dinkes);
                for (Map<?, ?> count : planner) {
                    assertThat(count.get("suppressed")).as("%s", count).isEqualTo(false);
                    // Null only where the register's imports do not cover the period (for everyone), never suppressed.
                    assertThat(count.get("count") != null || count.get("missing") != null)
                            .as("%s", count)
                            .isTrue();
                    assertThat(count.get("missing")).as("%s", count).isNotEqualTo("SUPPRESSED");
                    String area = (String) count.get("regionCode");
                    if (!area.equals(parent)
                            && !area.contains("RW")
                            && !area.endsWith("UNASSIGNED")
                            && !parents.contains(area)) {
                        parents.add(area);
                    }
                }
                cells += planner.size();
            }
            assertThat(parents).as("kota, 4 kecamatan, 27 kelurahan").hasSize(32);
            assertThat(cells).as("%s: counts compared", period).isGreaterThan(271 * CaseIndicator.values().length);
        }
    }

    private Map<String, Map<String, Object>> tileFeatures(String path, String user, String layer, String key)
            throws Exception {
        HttpResponse<byte[]> response = get(path, user);
        if (response.statusCode() == 204) {
            return Map.of();
        }
        assertThat(response.statusCode()).as("%s as %s", path, user).isEqualTo(200);
        MvtReader.Layer l = MvtReader.read(response.body()).get(layer);
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (MvtReader.Feature f : l.features()) {
            assertThat(f.type())
                    .as("%s: a polygon (MVT geometry type 3), never a point", path)
                    .isEqualTo(3);
            byKey.put((String) f.properties().get(key), f.properties());
        }
        return byKey;
    }

    private List<TileId> tilesOf(String region, int z) {
        double[] box = jdbc.sql("SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM "
                        + "(SELECT ST_Extent(geom)::geometry AS geom FROM regions WHERE code = :c) e")
                .param("c", region)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        TileId min = TileId.containing(z, box[0], box[3]);
        TileId max = TileId.containing(z, box[2], box[1]);
        List<TileId> tiles = new ArrayList<>();
        for (int x = min.x(); x <= max.x(); x++) {
            for (int y = min.y(); y <= max.y(); y++) {
                tiles.add(new TileId(z, x, y));
            }
        }
        return tiles;
    }

    @Test
    void rwIndicatorTilesAreTheDinkesTilesForEveryRw() throws Exception {
        Set<String> seen = new HashSet<>();
        for (TileId t : tilesOf(KOTA, 12)) {
            String path = "/tiles/rw-indicators/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt?year=2026&month=5";
            Map<String, Map<String, Object>> dinkes = tileFeatures(path, "dinkes", "rw_indicators", "code");
            Map<String, Map<String, Object>> planner = tileFeatures(path, "planner", "rw_indicators", "code");
            assertThat(planner).as(path).isEqualTo(dinkes);
            planner.values().forEach(p -> {
                assertThat(p.get("exact")).as("%s", p.get("code")).isEqualTo(true);
                assertThat(p.get("suppressed")).as("%s", p.get("code")).isEqualTo("");
            });
            seen.addAll(planner.keySet());
            assertThat(get(path, "planner").headers().firstValue("ETag"))
                    .as("the planner's tile is not cached as the public's")
                    .isNotEqualTo(get(path, null).headers().firstValue("ETag"));
        }
        List<String> rws = jdbc.sql("SELECT code FROM regions WHERE level = 'RW' AND kabkota_code = :k")
                .param("k", KOTA)
                .query(String.class)
                .list();
        assertThat(seen).as("every RW of the kota in some tile").containsAll(rws);
    }

    @Test
    void hexHeatIsTheDinkesHeatInTheCoarseHexagons() throws Exception {
        // Exact counts like the Dinkes, but never the 500 m and 250 m hexagons: one case in a 250 m hexagon is nearly
        // a point, and the planner reads no person-level data (HexHeat.fineAccess).
        for (int z : List.of(12, 14, 15)) {
            TileId t = tilesOf(MEDONO, z).get(0);
            for (String indicator : List.of("STUNTED", "TB_NOTIFICATIONS", "LOW_BIRTH_WEIGHT_BIRTHS")) {
                String path = "/tiles/hex-heat/" + z + "/" + t.x() + "/" + t.y() + ".mvt?indicator=" + indicator
                        + "&year=2026";
                Map<String, Map<String, Object>> dinkes = tileFeatures(path, "dinkes", "hex_heat", "hex");
                Map<String, Map<String, Object>> planner = tileFeatures(path, "planner", "hex_heat", "hex");
                assertThat(planner.values()).as(path).allSatisfy(h -> {
                    assertThat(((Number) h.get("resolution")).intValue()).isEqualTo(1000);
                    assertThat(h.get("suppressed")).isEqualTo(false);
                });
                if (z == 12) {
                    assertThat(planner).as(path).isEqualTo(dinkes);
                }
                if (z == 15 && indicator.equals("STUNTED")) {
                    assertThat(planner).as("%s: some hexes", path).isNotEmpty();
                    assertThat(planner.values())
                            .allSatisfy(h -> assertThat(h.get("exact")).isEqualTo(true));
                    assertThat(dinkes.values())
                            .as("the Dinkes sees 250 m hexes")
                            .allSatisfy(h -> assertThat(((Number) h.get("resolution")).intValue())
                                    .isEqualTo(250));
                }
            }
        }
    }

    @Test
    void exportsAreTheDinkesExportsAndHoldNoPoint() throws Exception {
        for (String query : List.of("regionCode=33.75&year=2026&month=5", "regionCode=33.75.03&year=2026")) {
            HttpResponse<byte[]> dinkes = get("/exports/rw-indicators.geojson?" + query, "dinkes");
            HttpResponse<byte[]> planner = get("/exports/rw-indicators.geojson?" + query, "planner");
            assertThat(planner.statusCode()).isEqualTo(200);
            assertThat(new String(planner.body(), StandardCharsets.UTF_8))
                    .as(query)
                    .isEqualTo(new String(dinkes.body(), StandardCharsets.UTF_8));
            JsonNode json = JSON.readTree(new String(planner.body(), StandardCharsets.UTF_8));
            assertThat(json.get("features").size()).isPositive();
            for (JsonNode f : json.get("features")) {
                assertThat(f.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
                assertThat(f.get("properties").get("exact").asBoolean()).isTrue();
                assertThat(f.get("properties").get("suppressed").asString()).isEmpty();
            }
            HttpResponse<byte[]> gpkg = get("/exports/rw-indicators.gpkg?" + query, "planner");
            assertThat(gpkg.statusCode()).isEqualTo(200);
            HttpResponse<byte[]> csv = get("/exports/rw-indicators.csv?" + query, "planner");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                    .as(query)
                    .isEqualTo(new String(
                            get("/exports/rw-indicators.csv?" + query, "dinkes").body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void kiaGiziReviewIsTheDinkesReviewInGraphQlAndCsv() throws Exception {
        for (String kecamatan : List.of("33.75.01", "33.75.03")) {
            Map<?, ?> dinkes = as("dinkes")
                    .documentName("kiaGiziReview")
                    .variable("kecamatanCode", kecamatan)
                    .variable("month", "2026-05")
                    .execute()
                    .path("kiaGiziReview")
                    .entity(Map.class)
                    .get();
            Map<?, ?> planner = as("planner")
                    .documentName("kiaGiziReview")
                    .variable("kecamatanCode", kecamatan)
                    .variable("month", "2026-05")
                    .execute()
                    .path("kiaGiziReview")
                    .entity(Map.class)
                    .get();
            assertThat(planner).isEqualTo(dinkes);
            assertThat((List<Map<?, ?>>) planner.get("rows"))
                    .allSatisfy(r -> assertThat(r.get("exact")).isEqualTo(true));
            for (String ext : List.of("csv", "html")) {
                String path = "/reports/kia-gizi/" + kecamatan + "/2026-05." + ext;
                HttpResponse<byte[]> p = get(path, "planner");
                assertThat(p.statusCode()).isEqualTo(200);
                assertThat(new String(p.body(), StandardCharsets.UTF_8))
                        .as(path)
                        .isEqualTo(new String(get(path, "dinkes").body(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void targetCandidatesAreTheDinkesRanking() {
        for (String region : List.of("33.75.03", MEDONO)) {
            GraphQlResponse dinkes =
                    run(as("dinkes"), "targetCandidates", Map.of("regionCode", region, "period", YEAR));
            GraphQlResponse planner =
                    run(as("planner"), "targetCandidates", Map.of("regionCode", region, "period", YEAR));
            assertThat(planner.getErrors()).as(region).isEmpty();
            assertThat((Object) planner.getData()).as(region).isEqualTo(dinkes.getData());
            assertThat((List<?>) at(planner, "targetCandidates.candidates"))
                    .as(region)
                    .isNotEmpty();
        }
    }

    @Test
    void thePlannerReadsNoPerson() throws Exception {
        // The five person-level reads: FORBIDDEN, no data.
        List<Map.Entry<String, Map<String, Object>>> reads = new ArrayList<>();
        reads.add(Map.entry("caseChildren", Map.of("first", 20)));
        reads.add(Map.entry("caseChildren", Map.of("first", 20, "filter", Map.of("regionCode", MEDONO))));
        reads.add(Map.entry("caseTbCases", Map.of("first", 20)));
        reads.add(Map.entry("casePovertyHouseholds", Map.of("first", 20)));
        reads.add(Map.entry("casePregnancies", Map.of("first", 20)));
        List<?> edges = (List<?>) at(run(as("dinkes"), "caseChildren", Map.of("first", 1)), "children.edges");
        assertThat(edges).as("a child to ask for").isNotEmpty();
        String childId = (String) at(edges.get(0), "node.id");
        reads.add(Map.entry("caseChild", Map.of("id", childId)));
        reads.add(Map.entry("accessAuditLog", Map.of("first", 20)));
        for (var read : reads) {
            GraphQlResponse response = run(as("planner"), read.getKey(), read.getValue());
            assertThat(classifications(response)).as("%s", read).containsExactly("FORBIDDEN");
            Object data = response.getData();
            if (data instanceof Map<?, ?> map) {
                assertThat(map.values()).as("%s data", read).allMatch(v -> v == null);
            } else {
                assertThat(data).as("%s data", read).isNull();
            }
        }
        // Import jobs (their problem reports quote rows): the planner imports nothing and follows no one's job.
        GraphQlResponse jobs = run(as("planner"), "caseImportJobs", Map.of("first", 100));
        assertThat(jobs.getErrors()).isEmpty();
        assertThat((List<?>) at(jobs, "importJobs")).isEmpty();
        // me: no case access.
        GraphQlResponse me = run(as("planner"), "accessMe", Map.of());
        assertThat(at(me, "me.caseAccess")).isEqualTo(false);
        assertThat(at(me, "me.role")).isEqualTo("PLANNER");
        // FHIR serves facilities only: no Patient, no Observation.
        for (String path : List.of("/fhir/Patient", "/fhir/Observation", "/fhir/Condition")) {
            assertThat(get(path, "planner").statusCode()).as(path).isIn(403, 404);
        }
    }
}
