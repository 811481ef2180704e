package id.ilpatlas.api.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import id.ilpatlas.geo.tile.MvtReader;
import id.ilpatlas.geo.tile.TileId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The KLEOPATRA criteria of the same RWs through the three channels that show them: the GraphQL layer
 * ({@code kleopatra(minCriteria: 0)}), the target ranking ({@code targetCandidates}: the raw stunting, TB and poverty
 * values against the thresholds, and the KLEOPATRA_CRITERIA component) and the decoded vector tiles
 * ({@code kleopatra_*} properties). They agree on every criterion, unknowns included: an unknown criterion is null in
 * GraphQL, missing in the ranking and absent from the tile, never false or 0.
 */
@Slow
class KleopatraChannelsTest extends CaseTestSupport {

    private static final String KOTA = "33.75";
    /** The programme's thresholds (the schema's defaults), written out here rather than read from the code. */
    private static final double STUNTING = 0.2;

    private static final double TB = 300;
    private static final double POVERTY = 0.02;

    /** A criterion in each channel: GraphQL field, tile property, ranking component, threshold. */
    private record Criterion(String field, String property, String component, double threshold) {}

    private static final List<Criterion> CRITERIA = List.of(
            new Criterion("stunting", "kleopatra_stunting", "STUNTING_PREVALENCE", STUNTING),
            new Criterion("tb", "kleopatra_tb", "TB_NOTIFICATIONS_PER_100K", TB),
            new Criterion("extremePoverty", "kleopatra_extreme_poverty", "EXTREME_POOR_SHARE", POVERTY));

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static Double num(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    /**
     * A tester that waits for a whole-kota report built cold on a busy machine (the default response timeout is 5 s);
     * no test here is about speed.
     */
    private static HttpGraphQlTester patient(HttpGraphQlTester tester) {
        return tester.mutate().responseTimeout(Duration.ofMinutes(2)).build();
    }

    /** Every RW's KLEOPATRA row of the GraphQL layer, by RW code. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> layer(HttpGraphQlTester tester, Map<String, Object> period) {
        Map<String, Object> report = patient(tester)
                .documentName("kleopatraCriteria")
                .variable("regionCode", KOTA)
                .variable("period", period)
                .execute()
                .path("rwIndicators")
                .entity(Map.class)
                .get();
        Map<String, Map<String, Object>> byCode = new HashMap<>();
        list(report.get("kleopatra")).forEach(k -> byCode.put((String) k.get("regionCode"), k));
        return byCode;
    }

    /** Every ranked RW's components (by key), by RW code. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Map<String, Object>>> ranking(
            HttpGraphQlTester tester, Map<String, Object> period) {
        Map<String, Object> ranking = patient(tester)
                .documentName("targetCandidates")
                .variable("regionCode", KOTA)
                .variable("period", period)
                .variable("weights", null)
                .execute()
                .path("targetCandidates")
                .entity(Map.class)
                .get();
        Map<String, Map<String, Map<String, Object>>> byCode = new HashMap<>();
        for (Map<String, Object> c : list(ranking.get("candidates"))) {
            Map<String, Map<String, Object>> components = new HashMap<>();
            list(c.get("components")).forEach(p -> components.put((String) p.get("key"), p));
            byCode.put((String) c.get("regionCode"), components);
        }
        return byCode;
    }

    /** The RW features of every z12 tile over the kota, decoded, by RW code (a feature in two tiles is the same). */
    private Map<String, Map<String, Object>> tiles(String user, String query) throws Exception {
        double[] box = jdbc.sql("SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM regions "
                        + "WHERE code = :c")
                .param("c", KOTA)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        TileId northWest = TileId.containing(12, box[0], box[3]);
        TileId southEast = TileId.containing(12, box[2], box[1]);
        Map<String, Map<String, Object>> byCode = new HashMap<>();
        for (int x = northWest.x(); x <= southEast.x(); x++) {
            for (int y = northWest.y(); y <= southEast.y(); y++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/tiles/rw-indicators/12/" + x + "/" + y + ".mvt" + query));
                if (user != null) {
                    request.header("Authorization", "Bearer " + tokenOf(user));
                }
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 204) {
                    continue;
                }
                assertThat(response.statusCode()).as("tile 12/%d/%d", x, y).isEqualTo(200);
                for (MvtReader.Feature f :
                        MvtReader.read(response.body()).get("rw_indicators").features()) {
                    Map<String, Object> before =
                            byCode.put((String) f.properties().get("code"), f.properties());
                    if (before != null) {
                        assertThat(f.properties()).isEqualTo(before);
                    }
                }
            }
        }
        return byCode;
    }

    private static Boolean criterion(Double value, double threshold) {
        return value == null ? null : value >= threshold;
    }

    /**
     * The GraphQL layer and the tiles (and, when given, the ranking) agree on every criterion and on the number met of
     * every RW; returns how many RWs had an unknown criterion.
     */
    private static int assertAgree(
            String what,
            Map<String, Map<String, Object>> layer,
            Map<String, Map<String, Object>> tiles,
            Map<String, Map<String, Map<String, Object>>> ranking) {
        assertThat(layer.keySet()).as(what).isEqualTo(tiles.keySet());
        if (ranking != null) {
            assertThat(ranking.keySet()).as(what).isEqualTo(layer.keySet());
        }
        int withUnknown = 0;
        for (var e : layer.entrySet()) {
            String rw = e.getKey();
            Map<String, Object> k = e.getValue();
            Map<String, Object> indicators = (Map<String, Object>) k.get("indicators");
            Map<String, Object> tile = tiles.get(rw);
            int unknown = 0;
            int met = 0;
            for (Criterion c : CRITERIA) {
                Boolean graphQl = (Boolean) k.get(c.field());
                String as = what + " " + rw + " " + c.field();
                // GraphQL: from the stable figure of its own rate (an RW's local empirical-Bayes estimate), null when
                // that is null.
                Object stable = list(indicators.get("rates")).stream()
                        .filter(r -> r.get("indicator").equals(c.component()))
                        .findFirst()
                        .orElseThrow()
                        .get("stable");
                assertThat(graphQl).as(as).isEqualTo(criterion(num(stable), c.threshold()));
                // Tile: absent when unknown, never false for unknown.
                assertThat(tile.get(c.property())).as(as + " in the tile").isEqualTo(graphQl);
                assertThat(tile.containsKey(c.property()))
                        .as(as + " in the tile")
                        .isEqualTo(graphQl != null);
                if (ranking != null) {
                    Map<String, Object> component = ranking.get(rw).get(c.component());
                    assertThat(criterion(num(component.get("value")), c.threshold()))
                            .as(as + " in the ranking")
                            .isEqualTo(graphQl);
                    assertThat(component.get("missing"))
                            .as(as + " in the ranking")
                            .isEqualTo(graphQl == null);
                }
                unknown += graphQl == null ? 1 : 0;
                met += Boolean.TRUE.equals(graphQl) ? 1 : 0;
            }
            Integer expected = unknown == 0 ? met : null;
            String as = what + " " + rw + " criteria met";
            assertThat(k.get("criteriaUnknown")).as(as).isEqualTo(unknown);
            assertThat(k.get("criteriaMet")).as(as).isEqualTo(expected);
            assertThat(num(tile.get("kleopatra_criteria")))
                    .as(as + " in the tile")
                    .isEqualTo(expected == null ? null : expected.doubleValue());
            if (ranking != null) {
                Map<String, Object> component = ranking.get(rw).get("KLEOPATRA_CRITERIA");
                assertThat(num(component.get("value")))
                        .as(as + " in the ranking")
                        .isEqualTo(expected == null ? null : expected.doubleValue());
                assertThat(component.get("missing")).as(as + " in the ranking").isEqualTo(expected == null);
            }
            withUnknown += unknown > 0 ? 1 : 0;
        }
        return withUnknown;
    }

    @Test
    void theLayersDefaultThresholdsAreTheRulesOwn() {
        List<Map<String, Object>> args = list(graphQl.document("""
                        { __type(name: "RwIndicatorReport") { fields { name args { name defaultValue } } } }""")
                .execute()
                .path("__type.fields[?(@.name == 'kleopatra')].args[*]")
                .entityList(Map.class)
                .get());
        Map<String, Double> defaults = new HashMap<>();
        args.stream()
                .filter(a -> !a.get("name").equals("estimate"))
                .forEach(a -> defaults.put((String) a.get("name"), Double.valueOf((String) a.get("defaultValue"))));
        assertThat(args)
                .as("rates are compared by their stable figure unless asked")
                .anyMatch(a -> a.get("name").equals("estimate")
                        && a.get("defaultValue").equals("STABLE"));
        assertThat(defaults)
                .containsEntry("stuntingPrevalence", Kleopatra.DEFAULTS.stuntingPrevalence())
                .containsEntry("tbNotificationsPer100k", Kleopatra.DEFAULTS.tbNotificationsPer100k())
                .containsEntry("extremePoorShare", Kleopatra.DEFAULTS.extremePoorShare());
        assertThat(Kleopatra.DEFAULTS).isEqualTo(new Kleopatra.Thresholds(STUNTING, TB, POVERTY));
    }

    @Test
    void layerRankingAndTilesAgreeOnEveryCriterionOfTheDemoData() throws Exception {
        // June 2026: its 12-month TB window (July 2025 - June 2026) is the test data's whole span.
        Map<String, Object> may = Map.of("year", 2026, "month", 6);
        Map<String, Map<String, Object>> tiles = tiles("dinkes", "?year=2026&month=6");
        Map<String, Map<String, Object>> layer = layer(graphQl, may);
        assertThat(layer)
                .hasSize(jdbc.sql("SELECT count(*) FROM regions WHERE level = 'RW' AND kabkota_code = :k")
                        .param("k", KOTA)
                        .query(Integer.class)
                        .single());
        assertAgree("dinkes 2026-06", layer, tiles, ranking(graphQl, may));
        assertThat(layer.values())
                .as("some RWs meet a criterion, some do not")
                .anyMatch(k -> Objects.equals(k.get("criteriaMet"), 0))
                .anyMatch(k -> ((Number) Objects.requireNonNullElse(k.get("criteriaMet"), 0)).intValue() >= 1);

        // Anonymous: suppressed values make criteria unknown, in the layer and the tiles alike (no ranking: FORBIDDEN).
        Map<String, Map<String, Object>> publicTiles = tiles(null, "?year=2026&month=6");
        Map<String, Map<String, Object>> published = layer(anonymous(), may);
        int unknown = assertAgree("anonymous 2026-06", published, publicTiles, null);
        assertThat(unknown).as("RWs with a criterion unknown to the public").isPositive();
        for (Map<String, Object> k : published.values()) {
            Map<String, Object> indicators = (Map<String, Object>) k.get("indicators");
            List<String> suppressed = (List<String>) indicators.get("suppressed");
            if (k.get("stunting") == null) {
                assertThat(suppressed.contains("stunted")
                                || suppressed.contains("childrenMeasured")
                                || Objects.equals(indicators.get("childrenMeasured"), 0))
                        .as("%s: why stunting is unknown", k.get("regionCode"))
                        .isTrue();
            }
        }
    }

    @Test
    void anRwWithoutMeasurementsHasStuntingUnknownInEveryChannel() throws Exception {
        // July 2026 lies after the demo data's imports (to 2026-06-30): no e-PPGBM import covers it, so stunting is
        // unknown (NO_DATA), not "not met"; the TB window (Aug 2025 - Jul 2026) is covered only in part, so TB is
        // unknown too; the poverty register is a snapshot and still answers.
        Map<String, Object> july = Map.of("year", 2026, "month", 7);
        assertThat(jdbc.sql("SELECT count(*) FROM growth_measurements WHERE kabkota_code = :k "
                                + "AND measured_on BETWEEN '2026-07-01' AND '2026-07-31'")
                        .param("k", KOTA)
                        .query(Long.class)
                        .single())
                .isZero();
        Map<String, Map<String, Object>> tiles = tiles("dinkes", "?year=2026&month=7");
        Map<String, Map<String, Object>> layer = layer(graphQl, july);
        int unknown = assertAgree("dinkes 2026-07", layer, tiles, ranking(graphQl, july));
        assertThat(unknown).isEqualTo(layer.size());
        List<String> rws = new ArrayList<>(layer.keySet());
        for (String rw : rws) {
            Map<String, Object> k = layer.get(rw);
            assertThat(((Map<String, Object>) k.get("indicators")).get("childrenMeasured"))
                    .isNull();
            assertThat(list(((Map<String, Object>) k.get("indicators")).get("missing")))
                    .contains(
                            Map.of("field", "childrenMeasured", "reason", "NO_DATA"),
                            Map.of("field", "tbNotifications12Months", "reason", "PARTIAL_PERIOD"));
            assertThat(k.get("stunting")).as(rw).isNull();
            assertThat(k.get("tb")).as("%s: TB is unknown", rw).isNull();
            assertThat(k.get("extremePoverty"))
                    .as("%s: poverty is still known", rw)
                    .isNotNull();
            assertThat(k.get("criteriaMet")).as(rw).isNull();
            assertThat(tiles.get(rw))
                    .as(rw)
                    .doesNotContainKeys("kleopatra_stunting", "kleopatra_tb", "kleopatra_criteria")
                    .containsKeys("kleopatra_extreme_poverty");
        }
    }
}
