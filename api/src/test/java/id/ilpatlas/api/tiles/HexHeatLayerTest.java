package id.ilpatlas.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import id.ilpatlas.geo.tile.MvtReader;
import id.ilpatlas.geo.tile.TileId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hex heat layer through its public interface (tiles decoded with {@link MvtReader}, GraphQL {@code
 * hexHeatLayer}, the style fragment) against recounts of the raw register points in this test: SQL over
 * growth_measurements / children / tb_cases / pregnancies, points projected with ST_Transform and binned with the
 * V11 hex function. Every tile of the city is read, so a missing or extra hexagon fails as well as a wrong count.
 */
@Slow
class HexHeatLayerTest extends IntegrationTest {

    static final String KOTA = "33.75";
    static final String MEDONO = "33.75.01.1002";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    // ------------------------------------------------------------------ the independent recount

    /** The raw records of a period: counted (numerator), in the denominator, point (may be null), leaf region. */
    private static final String POINTS = """
            WITH child_months AS (  -- each child once per calendar month, its latest measurement of the month
                SELECT DISTINCT ON (g.child_id, date_trunc('month', g.measured_on))
                       g.child_id, g.region_code, g.z_length_height_for_age AS zh
                  FROM growth_measurements g
                 WHERE g.kabkota_code = '33.75' AND g.measured_on BETWEEN :from AND :to
                 ORDER BY g.child_id, date_trunc('month', g.measured_on), g.measured_on DESC, g.id DESC),
            points AS (
                SELECT 'STUNTED' AS indicator, coalesce(m.zh < -2, false) AS counted, true AS in_denominator,
                       c.location AS loc, m.region_code
                  FROM child_months m LEFT JOIN children c ON c.id = m.child_id
                UNION ALL
                SELECT 'TB_NOTIFICATIONS', true, false, location, region_code FROM tb_cases
                 WHERE kabkota_code = '33.75' AND diagnosed_on BETWEEN :from AND :to
                UNION ALL
                SELECT 'LOW_BIRTH_WEIGHT_BIRTHS', coalesce(birth_weight_g < 2500, false), birth_weight_g IS NOT NULL,
                       location, region_code FROM pregnancies
                 WHERE kabkota_code = '33.75' AND delivered_on BETWEEN :from AND :to)
            """;

    /** Count and denominator per hexagon {@code size:i:j}, of the records of a scope (prefix; "" for all). */
    Map<String, long[]> recount(String indicator, LocalDate from, LocalDate to, int size, String scope) {
        Map<String, long[]> hexes = new HashMap<>();
        jdbc.sql(POINTS + """
                        SELECT h.i, h.j, count(*) FILTER (WHERE p.counted), count(*) FILTER (WHERE p.in_denominator)
                          FROM points p,
                               LATERAL hex_cell_of(ST_X(ST_Transform(p.loc, 3857)), ST_Y(ST_Transform(p.loc, 3857)), :s) h
                         WHERE p.indicator = :indicator AND p.loc IS NOT NULL AND p.region_code LIKE :scope
                         GROUP BY 1, 2""")
                .param("from", from)
                .param("to", to)
                .param("s", size)
                .param("indicator", indicator)
                .param("scope", scope + "%")
                .query((rs, n) -> {
                    long count = rs.getLong(3);
                    long denominator = rs.getLong(4);
                    boolean shown = indicator.equals("TB_NOTIFICATIONS") ? count > 0 : denominator > 0;
                    if (shown) {
                        hexes.put(size + ":" + rs.getInt(1) + ":" + rs.getInt(2), new long[] {count, denominator});
                    }
                    return null;
                })
                .list();
        return hexes;
    }

    /** Records, geocoded records, denominator records, geocoded denominator records of the kab/kota. */
    long[] recountTotals(String indicator, LocalDate from, LocalDate to) {
        return jdbc.sql(POINTS + """
                        SELECT count(*) FILTER (WHERE counted), count(*) FILTER (WHERE counted AND loc IS NOT NULL),
                               count(*) FILTER (WHERE in_denominator),
                               count(*) FILTER (WHERE in_denominator AND loc IS NOT NULL)
                          FROM points WHERE indicator = :indicator""")
                .param("from", from)
                .param("to", to)
                .param("indicator", indicator)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
    }

    // ------------------------------------------------------------------ the public interface

    HttpResponse<byte[]> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + tokenOf(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Every tile of the city at zoom z: the hex features by {@code hex}, equal wherever a hex is in two tiles. */
    Map<String, Map<String, Object>> cityHexes(int z, String query, String user) throws Exception {
        double[] box = jdbc.sql("SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM regions "
                        + "WHERE code = '33.75'")
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        TileId nw = TileId.containing(z, box[0], box[3]);
        TileId se = TileId.containing(z, box[2], box[1]);
        Map<String, Map<String, Object>> hexes = new HashMap<>();
        for (int x = nw.x(); x <= se.x(); x++) {
            for (int y = nw.y(); y <= se.y(); y++) {
                String path = "/tiles/hex-heat/" + z + "/" + x + "/" + y + ".mvt" + query;
                HttpResponse<byte[]> r = get(path, user);
                if (r.statusCode() == 204) {
                    continue;
                }
                assertThat(r.statusCode())
                        .as(path + " " + new String(r.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
                MvtReader.Layer layer = MvtReader.read(r.body()).get("hex_heat");
                for (MvtReader.Feature f : layer.features()) {
                    Map<String, Object> p = f.properties();
                    Map<String, Object> before = hexes.put((String) p.get("hex"), p);
                    if (before != null) {
                        assertThat(p).as("hex %s in two tiles", p.get("hex")).isEqualTo(before);
                    }
                }
            }
        }
        return hexes;
    }

    static Long longOf(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    GraphQlTester.Response layer(HttpGraphQlTester tester, Map<String, Object> variables) {
        GraphQlTester.Request<?> request = tester.documentName("hexHeatLayer");
        for (var v : variables.entrySet()) {
            request = request.variable(v.getKey(), v.getValue());
        }
        return request.execute();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> layerData(HttpGraphQlTester tester, Map<String, Object> variables) {
        return layer(tester, variables).path("hexHeatLayer").entity(Map.class).get();
    }

    static LocalDate first(YearMonth m) {
        return m.atDay(1);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void monthlyHexesOfEveryIndicatorEqualARecountOfTheRawPoints() throws Exception {
        Map<String, Integer> shown = new HashMap<>();
        for (String indicator : List.of("STUNTED", "TB_NOTIFICATIONS", "LOW_BIRTH_WEIGHT_BIRTHS")) {
            for (YearMonth month : List.of(YearMonth.of(2026, 4), YearMonth.of(2026, 5))) {
                // z13: 500 m hexes for a caller with case access.
                Map<String, Map<String, Object>> tiles = cityHexes(
                        13, "?indicator=" + indicator + "&year=2026&month=" + month.getMonthValue(), "dinkes");
                Map<String, long[]> truth = recount(indicator, first(month), month.atEndOfMonth(), 500, "");
                assertThat(tiles.keySet())
                        .as("%s %s: the hexagons", indicator, month)
                        .isEqualTo(truth.keySet());
                tiles.forEach((hex, p) -> {
                    assertThat(p.get("exact")).isEqualTo(true);
                    assertThat(p.get("period")).isEqualTo(month.toString());
                    assertThat(longOf(p.get("count")))
                            .as("%s %s %s", indicator, month, hex)
                            .isEqualTo(truth.get(hex)[0]);
                    if (!indicator.equals("TB_NOTIFICATIONS")) {
                        assertThat(longOf(p.get("denominator"))).as(hex).isEqualTo(truth.get(hex)[1]);
                    } else {
                        assertThat(p).doesNotContainKey("denominator");
                    }
                });
                shown.put(indicator + " " + month, tiles.size());
            }
        }
        // The month filter works: April and May are different maps, and the year is the sum of its months.
        Map<String, Map<String, Object>> april = cityHexes(12, "?year=2026&month=4", "dinkes");
        Map<String, Map<String, Object>> may = cityHexes(12, "?year=2026&month=5", "dinkes");
        Map<String, Map<String, Object>> year = cityHexes(12, "?year=2026", "dinkes");
        assertThat(april).isNotEqualTo(may);
        Map<String, long[]> yearTruth =
                recount("STUNTED", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 1000, "");
        assertThat(year.keySet()).isEqualTo(yearTruth.keySet());
        year.forEach((hex, p) ->
                assertThat(longOf(p.get("count"))).as(hex).isEqualTo(yearTruth.get(hex)[0]));
        long mayTotal =
                may.values().stream().mapToLong(p -> longOf(p.get("count"))).sum();
        long yearTotal =
                year.values().stream().mapToLong(p -> longOf(p.get("count"))).sum();
        assertThat(mayTotal).isPositive().isLessThan(yearTotal);
        System.out.printf(
                "hex heat by month, 500 m hexes shown (dinkes): %s; 1000 m 2026: %d hexes, %d stunted "
                        + "child-months placed (May: %d)%n",
                shown, year.size(), yearTotal, mayTotal);
    }

    @Test
    void rateIsCountPerDenominatorPerHexAndTbHasNone() throws Exception {
        for (String indicator : List.of("STUNTED", "LOW_BIRTH_WEIGHT_BIRTHS")) {
            Map<String, Map<String, Object>> tiles =
                    cityHexes(12, "?indicator=" + indicator + "&year=2026&measure=RATE", "dinkes");
            Map<String, long[]> truth =
                    recount(indicator, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 1000, "");
            assertThat(tiles.keySet()).isEqualTo(truth.keySet());
            tiles.forEach((hex, p) -> {
                long[] t = truth.get(hex);
                assertThat(p.get("measure")).isEqualTo("RATE");
                assertThat(((Number) p.get("rate")).doubleValue())
                        .as(hex)
                        .isCloseTo((double) t[0] / t[1], within(1e-12));
                assertThat(((Number) p.get("value")).doubleValue()).isEqualTo(((Number) p.get("rate")).doubleValue());
            });
            // The public rate is the rounded count over the rounded denominator (nothing finer than the counts).
            Map<String, Map<String, Object>> anonymous =
                    cityHexes(12, "?indicator=" + indicator + "&year=2026&measure=RATE", null);
            int suppressed = 0;
            for (var e : anonymous.entrySet()) {
                Map<String, Object> p = e.getValue();
                long[] t = truth.get(e.getKey());
                if (t[1] < 5 || t[0] >= 1 && t[0] < 5) {
                    assertThat(p.get("suppressed")).as(e.getKey()).isEqualTo(true);
                    assertThat(p).doesNotContainKeys("count", "denominator", "rate", "class");
                    suppressed++;
                    continue;
                }
                long count = longOf(p.get("count"));
                long denominator = longOf(p.get("denominator"));
                assertThat(count % 5).isZero();
                assertThat(denominator % 5).isZero();
                assertThat(Math.abs(count - t[0])).isLessThanOrEqualTo(2);
                assertThat(Math.abs(denominator - t[1])).isLessThanOrEqualTo(2);
                assertThat(((Number) p.get("rate")).doubleValue())
                        .isCloseTo((double) count / denominator, within(1e-12));
            }
            System.out.printf(
                    "%s rate, 1000 m 2026: %d hexes, %d suppressed for the public%n",
                    indicator, anonymous.size(), suppressed);
        }

        GraphQlTester.Response tb = layer(
                graphQl, Map.of("kabkotaCode", KOTA, "indicator", "TB_NOTIFICATIONS", "year", 2026, "measure", "RATE"));
        assertThat(errorTypes(tb)).containsExactly("BAD_REQUEST");
        tb.errors()
                .satisfy(errors -> assertThat(errors.get(0).getMessage())
                        .startsWith("Argument 'measure'")
                        .contains("TB_NOTIFICATIONS"));
        HttpResponse<byte[]> tile =
                get("/tiles/hex-heat/12/3296/2124.mvt?indicator=TB_NOTIFICATIONS&measure=RATE", null);
        assertThat(tile.statusCode()).isEqualTo(400);
        assertThat(new String(tile.body(), StandardCharsets.UTF_8)).contains("measure");
    }

    /** Quantile breaks as ClassBreaks documents them, written out again: upper bound of class i = value at rank ⌈i·n/k⌉. */
    static double[] quantileBreaks(double[] values, int classes) {
        double[] v = values.clone();
        Arrays.sort(v);
        long distinct = Arrays.stream(v).distinct().count();
        int k = (int) Math.min(classes, distinct);
        List<Double> b = new ArrayList<>(List.of(v[0]));
        for (int i = 1; i <= k; i++) {
            double upper = v[(int) Math.ceil((double) i * v.length / k) - 1];
            if (upper > b.get(b.size() - 1) || b.size() == 1) {
                b.add(upper);
            }
        }
        if (b.get(b.size() - 1) != v[v.length - 1]) {
            b.add(v[v.length - 1]);
        }
        return b.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The within-class sum of squared deviations of a classification (class i: breaks[i] < v ≤ breaks[i+1]). */
    static double ssd(double[] values, List<Double> breaks) {
        double total = 0;
        for (int c = 0; c + 1 < breaks.size(); c++) {
            double lo = breaks.get(c);
            double hi = breaks.get(c + 1);
            int cls = c;
            double[] in = Arrays.stream(values)
                    .filter(v -> (cls == 0 ? v >= lo : v > lo) && v <= hi)
                    .toArray();
            double mean = Arrays.stream(in).average().orElse(0);
            total += Arrays.stream(in).map(v -> (v - mean) * (v - mean)).sum();
        }
        return total;
    }

    /** The least SSD of any split of the sorted distinct values into k contiguous classes, by brute force. */
    static double bestSsd(double[] values, int k) {
        double[] cuts = Arrays.stream(values).distinct().sorted().toArray();
        double[] best = {Double.POSITIVE_INFINITY};
        int[] chosen = new int[k - 1];
        search(values, cuts, chosen, 0, 0, best);
        return best[0];
    }

    private static void search(double[] values, double[] cuts, int[] chosen, int depth, int from, double[] best) {
        if (depth == chosen.length) {
            List<Double> breaks = new ArrayList<>();
            breaks.add(cuts[0]);
            for (int c : chosen) {
                breaks.add(cuts[c]);
            }
            breaks.add(cuts[cuts.length - 1]);
            best[0] = Math.min(best[0], ssd(values, breaks));
            return;
        }
        for (int c = from; c < cuts.length - 1; c++) { // a class ends at cuts[c]
            chosen[depth] = c;
            search(values, cuts, chosen, depth + 1, c + 1, best);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void legendBreaksEqualAnIndependentComputationAndColourTheTiles() throws Exception {
        Map<String, long[]> truth = recount("STUNTED", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 1000, "");
        double[] counts = truth.values().stream().mapToDouble(t -> t[0]).toArray();

        Map<String, Object> quantile =
                layerData(graphQl, Map.of("kabkotaCode", KOTA, "year", 2026, "method", "QUANTILE", "classes", 5));
        List<Double> breaks = ((List<Number>) quantile.get("breaks"))
                .stream().map(Number::doubleValue).toList();
        assertThat(breaks)
                .containsExactlyElementsOf(
                        Arrays.stream(quantileBreaks(counts, 5)).boxed().toList());
        assertThat(quantile.get("hexCount")).isEqualTo(truth.size());
        assertThat(quantile.get("exact")).isEqualTo(true);
        assertThat(quantile.get("sizeMeters")).isEqualTo(1000.0);
        List<Map<String, Object>> legend = (List<Map<String, Object>>) quantile.get("legend");
        assertThat(legend.stream().mapToInt(c -> (Integer) c.get("hexCount")).sum())
                .isEqualTo(truth.size());
        assertThat(legend.stream().map(c -> c.get("color")).toList()).isEqualTo(quantile.get("colors"));

        Map<String, Object> jenks =
                layerData(graphQl, Map.of("kabkotaCode", KOTA, "year", 2026, "method", "NATURAL_BREAKS", "classes", 4));
        List<Double> jenksBreaks = ((List<Number>) jenks.get("breaks"))
                .stream().map(Number::doubleValue).toList();
        assertThat(jenksBreaks).hasSize(5);
        assertThat(ssd(counts, jenksBreaks))
                .as("Jenks breaks %s are a least-SSD split", jenksBreaks)
                .isCloseTo(bestSsd(counts, 4), within(1e-6));

        // The tiles are coloured from the legend: the colour of the hexagon's class, the value inside its bounds.
        Map<String, Map<String, Object>> tiles = cityHexes(12, "?year=2026&method=QUANTILE&classes=5", "dinkes");
        List<String> colors = (List<String>) quantile.get("colors");
        int classes = (Integer) quantile.get("classes");
        tiles.forEach((hex, p) -> {
            int cls = ((Number) p.get("class")).intValue();
            double value = ((Number) p.get("value")).doubleValue();
            assertThat(p.get("color")).as(hex).isEqualTo(colors.get(cls));
            assertThat(value).as(hex).isLessThanOrEqualTo(breaks.get(cls + 1));
            assertThat(cls == 0 ? value >= breaks.get(0) : value > breaks.get(cls))
                    .as(hex)
                    .isTrue();
        });
        assertThat(tiles.values().stream()
                        .map(p -> ((Number) p.get("class")).intValue())
                        .distinct()
                        .count())
                .isEqualTo(classes);

        // The style fragment's metadata carries the same legend (for the resolution of each zoom range).
        HttpResponse<byte[]> style =
                get("/tiles/hex-heat/style.json?kabkota=33.75&year=2026&method=QUANTILE&classes=5", "dinkes");
        assertThat(style.statusCode()).isEqualTo(200);
        Map<String, Object> metadata =
                (Map<String, Object>) JSON.readValue(style.body(), Map.class).get("metadata");
        List<Map<String, Object>> legends = (List<Map<String, Object>>) metadata.get("ilpatlas:legends");
        assertThat(legends).hasSize(3);
        Map<String, Object> coarse = legends.get(0);
        assertThat(coarse.get("maxzoom")).isEqualTo(12);
        assertThat(((List<Number>) coarse.get("breaks"))
                        .stream().map(Number::doubleValue).toList())
                .isEqualTo(breaks);
        assertThat(coarse.get("colors")).isEqualTo(colors);
        assertThat(coarse.get("labels"))
                .isEqualTo(legend.stream().map(c -> c.get("label")).toList());
        assertThat(metadata.get("ilpatlas:geocodedShare")).isEqualTo(quantile.get("geocodedShare"));
        System.out.printf(
                "legend 1000 m 2026 stunted: quantile %s, Jenks %s, labels %s%n",
                breaks, jenksBreaks, coarse.get("labels"));
    }

    @Test
    void geocodedShareEqualsARecount() {
        for (String indicator : List.of("STUNTED", "TB_NOTIFICATIONS", "LOW_BIRTH_WEIGHT_BIRTHS")) {
            long[] t = recountTotals(indicator, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
            Map<String, Object> exact =
                    layerData(graphQl, Map.of("kabkotaCode", KOTA, "indicator", indicator, "year", 2026));
            assertThat(longOf(exact.get("records"))).as(indicator).isEqualTo(t[0]);
            assertThat(longOf(exact.get("geocodedRecords"))).isEqualTo(t[1]);
            assertThat(((Number) exact.get("geocodedShare")).doubleValue())
                    .isCloseTo((double) t[1] / t[0], within(1e-12));
            assertThat(exact.get("totalsExact")).isEqualTo(true);
            if (indicator.equals("TB_NOTIFICATIONS")) {
                assertThat(exact.get("denominatorRecords")).isNull();
            } else {
                assertThat(longOf(exact.get("denominatorRecords"))).isEqualTo(t[2]);
                assertThat(longOf(exact.get("denominatorGeocodedRecords"))).isEqualTo(t[3]);
            }
            // The public gets the same totals rounded to a multiple of 5, the share from the rounded figures.
            Map<String, Object> pub =
                    layerData(anonymous(), Map.of("kabkotaCode", KOTA, "indicator", indicator, "year", 2026));
            long records = longOf(pub.get("records"));
            long geocoded = longOf(pub.get("geocodedRecords"));
            assertThat(records % 5).isZero();
            assertThat(Math.abs(records - t[0])).isLessThanOrEqualTo(2);
            assertThat(Math.abs(geocoded - t[1])).isLessThanOrEqualTo(2);
            assertThat(((Number) pub.get("geocodedShare")).doubleValue())
                    .isCloseTo((double) geocoded / records, within(1e-12));
            assertThat(pub.get("totalsExact")).isEqualTo(false);
            System.out.printf(
                    "%s 2026: %d of %d records geocoded (%.1f %%)%n", indicator, t[1], t[0], 100.0 * t[1] / t[0]);
        }
        // A month: the share of that month's records.
        long[] may = recountTotals("STUNTED", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31));
        Map<String, Object> layer = layerData(graphQl, Map.of("kabkotaCode", KOTA, "year", 2026, "month", 5));
        assertThat(longOf(layer.get("records"))).isEqualTo(may[0]);
        assertThat(longOf(layer.get("geocodedRecords"))).isEqualTo(may[1]);
        assertThat(layer.get("period")).isEqualTo("2026-05");
    }

    @Test
    void aPeriodTheRegisterDoesNotCoverSaysSoInsteadOfShowingNoHexagon() {
        // The test data run from July 2025 to June 2026 (every register imported once).
        Map<String, Object> none = layerData(graphQl, Map.of("kabkotaCode", KOTA, "year", 2030));
        assertThat(none.get("hexCount")).isEqualTo(0);
        assertThat(none.get("missing")).isEqualTo("NO_DATA");
        assertThat(((Number) none.get("completeness")).doubleValue()).isZero();
        Map<String, Object> partial = layerData(graphQl, Map.of("kabkotaCode", KOTA, "year", 2026));
        assertThat(partial.get("missing")).isEqualTo("PARTIAL_PERIOD");
        assertThat(((Number) partial.get("completeness")).doubleValue()).isStrictlyBetween(0.0, 1.0);
        Map<String, Object> may = layerData(graphQl, Map.of("kabkotaCode", KOTA, "year", 2026, "month", 5));
        assertThat(may.get("missing")).isNull();
        assertThat(((Number) may.get("completeness")).doubleValue()).isEqualTo(1.0);
        for (String indicator : List.of("TB_NOTIFICATIONS", "LOW_BIRTH_WEIGHT_BIRTHS")) {
            Map<String, Object> other =
                    layerData(graphQl, Map.of("kabkotaCode", KOTA, "indicator", indicator, "year", 2030));
            assertThat(other.get("missing")).as(indicator).isEqualTo("NO_DATA");
        }
    }

    @Test
    void monthsAreForCallersWithExactAccessOnly() throws Exception {
        // The public: FORBIDDEN / 403, naming month; the year stays available. The Dinkes planner reads exact
        // aggregates of its kab/kota, months included.
        GraphQlTester.Response r = layer(anonymous(), Map.of("kabkotaCode", KOTA, "year", 2026, "month", 5));
        assertThat(errorTypes(r)).containsExactly("FORBIDDEN");
        r.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).startsWith("Argument 'month'"));
        assertThat(layerData(as("planner"), Map.of("kabkotaCode", KOTA, "year", 2026, "month", 5)))
                .isEqualTo(layerData(graphQl, Map.of("kabkotaCode", KOTA, "year", 2026, "month", 5)));
        TileId t = TileId.containing(12, 109.67, -6.89);
        String tilePath = "/tiles/hex-heat/12/" + t.x() + "/" + t.y() + ".mvt";
        HttpResponse<byte[]> refused = get(tilePath + "?year=2026&month=5", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("month");
        assertThat(get(tilePath + "?year=2026&month=5", "planner").statusCode()).isEqualTo(200);
        assertThat(get(tilePath + "?year=2026", null).statusCode()).isEqualTo(200);

        // A lurah by month: only the hexagons holding records of her kelurahan, exact counts of those records, and
        // her months add up to her year (no public hexagon of a month to subtract from a public year).
        Map<String, Long> sumOfMonths = new HashMap<>();
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(2026, m);
            Map<String, Map<String, Object>> lurah = cityHexes(12, "?year=2026&month=" + m, "lurah-medono");
            Map<String, long[]> mine = recount("STUNTED", first(month), month.atEndOfMonth(), 1000, MEDONO);
            assertThat(lurah.keySet()).as("%s", month).isEqualTo(mine.keySet());
            lurah.forEach((hex, p) -> {
                assertThat(p.get("exact")).isEqualTo(true);
                assertThat(longOf(p.get("count"))).as("%s %s", month, hex).isEqualTo(mine.get(hex)[0]);
                sumOfMonths.merge(hex, longOf(p.get("count")), Long::sum);
            });
        }
        Map<String, long[]> mineYear =
                recount("STUNTED", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 1000, MEDONO);
        mineYear.forEach((hex, c) ->
                assertThat(sumOfMonths.getOrDefault(hex, 0L)).as(hex).isEqualTo(c[0]));
        assertThat(mineYear).isNotEmpty();

        Map<String, Object> lurahLayer =
                layerData(as("lurah-medono"), Map.of("kabkotaCode", KOTA, "year", 2026, "month", 5, "sizeMeters", 250));
        assertThat(lurahLayer.get("exact")).isEqualTo(true);
        assertThat(lurahLayer.get("sizeMeters")).isEqualTo(250.0);
        assertThat(lurahLayer.get("totalsExact"))
                .as("her scope is not the whole kab/kota")
                .isEqualTo(false);
        Map<String, Object> publicLayer =
                layerData(anonymous(), Map.of("kabkotaCode", KOTA, "year", 2026, "sizeMeters", 250));
        assertThat(publicLayer.get("sizeMeters"))
                .as("the public always gets 1000 m hexagons")
                .isEqualTo(1000.0);
        assertThat(publicLayer.get("exact")).isEqualTo(false);
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        Map<String, String> cases = Map.of(
                "kabkotaCode", "{\"kabkotaCode\": \"33.75.01\", \"year\": 2026}",
                "sizeMeters", "{\"kabkotaCode\": \"33.75\", \"year\": 2026, \"sizeMeters\": 300}",
                "classes", "{\"kabkotaCode\": \"33.75\", \"year\": 2026, \"classes\": 10}",
                "month", "{\"kabkotaCode\": \"33.75\", \"year\": 2026, \"month\": 13}",
                "year", "{\"kabkotaCode\": \"33.75\", \"year\": 1999}");
        for (var c : cases.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = JSON.readValue(c.getValue(), Map.class);
            GraphQlTester.Response r = layer(graphQl, variables);
            assertThat(errorTypes(r)).as(c.getKey()).containsExactly("BAD_REQUEST");
            r.errors()
                    .satisfy(errors ->
                            assertThat(errors.get(0).getMessage()).startsWith("Argument '" + c.getKey() + "'"));
        }
        assertThat(get("/tiles/hex-heat/12/0/0.mvt?measure=NOPE", null).statusCode())
                .isEqualTo(400);
        assertThat(get("/tiles/hex-heat/12/0/0.mvt?kabkota=99.99", null).statusCode())
                .isEqualTo(400);
    }
}
