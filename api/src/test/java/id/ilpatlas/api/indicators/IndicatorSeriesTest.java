package id.ilpatlas.api.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * {@code indicatorSeries} on the seeded synthetic case data (as of 2026-06-30): every value of random series (random
 * regions, indicators, months; the seed in the messages) equals what {@code rwIndicators} answers for that period, for
 * an exact caller, the public (suppressed values null with SUPPRESSED in both) and a lurah; QUARTER and YEAR
 * periods; the bounds; and the KIA-gizi review's last 12 months (GraphQL, CSV, the HTML sparklines) equal the series.
 */
@Slow
class IndicatorSeriesTest extends IntegrationTest {

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @LocalServerPort
    int port;

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    /** The {@code AreaIndicators} field of an indicator: its enum name in camelCase, written out here. */
    private static String field(String indicator) {
        String[] parts = indicator.toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    private static boolean isRate(String indicator) {
        return List.of(
                        "MEASUREMENT_COVERAGE",
                        "STUNTING_PREVALENCE",
                        "SEVERE_STUNTING_PREVALENCE",
                        "WASTING_PREVALENCE",
                        "UNDERWEIGHT_PREVALENCE",
                        "TB_NOTIFICATIONS_PER_100K",
                        "TB_TREATMENT_SUCCESS_RATE",
                        "EXTREME_POOR_SHARE",
                        "MATERNAL_MORTALITY_RATIO",
                        "INFANT_MORTALITY_RATE")
                .contains(indicator);
    }

    private static final List<String> ALL =
            Arrays.stream(RwIndicator.values()).map(Enum::name).toList();

    private static Map<String, Object> series(
            HttpGraphQlTester tester,
            String region,
            List<String> indicators,
            String from,
            String to,
            String granularity) {
        var request = tester.documentName("indicatorSeries")
                .variable("regionCode", region)
                .variable("indicators", indicators)
                .variable("from", from)
                .variable("to", to);
        if (granularity != null) {
            request = request.variable("granularity", granularity);
        }
        return request.execute().path("indicatorSeries").entity(Map.class).get();
    }

    private static Map<String, Object> rwIndicators(HttpGraphQlTester tester, String region, String period) {
        Map<String, Object> input = new HashMap<>();
        input.put("year", Integer.parseInt(period.substring(0, 4)));
        if (period.contains("-Q")) {
            input.put("quarter", Integer.parseInt(period.substring(6)));
        } else if (period.length() == 7) {
            input.put("month", Integer.parseInt(period.substring(5)));
        }
        return tester.documentName("rwIndicators")
                .variable("regionCode", region)
                .variable("period", input)
                .variable("indicator", "STUNTED")
                .variable("method", "QUANTILE")
                .variable("classes", 3)
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
    private static List<Map<String, Object>> list(Map<String, Object> map, String field) {
        return (List<Map<String, Object>>) map.get(field);
    }

    /** What the series must say of one indicator of one {@code rwIndicators} row, built from the row's fields. */
    private static Map<String, Object> expected(Map<String, Object> row, String indicator, String period) {
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("period", period);
        Object value = row.get(field(indicator));
        String missing = list(row, "missing").stream()
                .filter(m -> m.get("field").equals(field(indicator)))
                .map(m -> (String) m.get("reason"))
                .findFirst()
                .orElse(null);
        if (isRate(indicator)) {
            Map<String, Object> rate = list(row, "rates").stream()
                    .filter(r -> r.get("indicator").equals(indicator))
                    .findFirst()
                    .orElseThrow();
            assertThat(rate.get("value")).isEqualTo(value);
            assertThat(rate.get("missing")).isEqualTo(missing);
            for (String f : List.of("value", "count", "lower95", "upper95", "unstable", "stable", "missing")) {
                want.put(f, rate.get(f));
            }
        } else {
            want.put("value", value == null ? null : ((Number) value).doubleValue());
            want.put("count", value);
            want.put("lower95", null);
            want.put("upper95", null);
            want.put("unstable", null);
            want.put("stable", value == null ? null : ((Number) value).doubleValue());
            want.put("missing", missing);
        }
        return want;
    }

    /** The children of a region in an {@code rwIndicators} report, as a series lists them. */
    private static List<Map<String, Object>> children(Map<String, Object> report, String region) {
        int dots = region.length() - region.replace(".", "").length();
        return list(
                report,
                switch (dots) {
                    case 1 -> "kecamatan";
                    case 2 -> "kelurahan";
                    default -> "rws";
                });
    }

    /**
     * Checks {@code samples} random periods of a series against per-period {@code rwIndicators} calls; counts the
     * values it saw by their missing reason (null: present).
     */
    @SuppressWarnings("unchecked")
    private void assertEqualsPerPeriodCalls(
            HttpGraphQlTester tester,
            Map<String, Object> series,
            Random random,
            int samples,
            String message,
            Map<String, Integer> reasons) {
        String region = (String) series.get("regionCode");
        List<String> indicators = (List<String>) series.get("indicators");
        List<Map<String, Object>> periods = list(series, "periods");
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            chosen.add(i);
        }
        java.util.Collections.shuffle(chosen, random);
        for (int p : chosen.subList(0, Math.min(samples, chosen.size()))) {
            String period = (String) periods.get(p).get("period");
            Map<String, Object> report = rwIndicators(tester, region, period);
            assertThat(periods.get(p).get("from")).as(message).isEqualTo(report.get("from"));
            assertThat(periods.get(p).get("to")).as(message).isEqualTo(report.get("to"));
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add((Map<String, Object>) report.get("total"));
            rows.addAll(children(report, region));
            List<Map<String, Object>> areas = new ArrayList<>();
            areas.add((Map<String, Object>) series.get("region"));
            areas.addAll(list(series, "children"));
            assertThat(areas.stream().map(a -> a.get("regionCode")).toList())
                    .as(message)
                    .isEqualTo(rows.stream().map(r -> r.get("regionCode")).toList());
            for (int a = 0; a < areas.size(); a++) {
                Map<String, Object> area = areas.get(a);
                Map<String, Object> row = rows.get(a);
                String where = message + ", " + period + " " + row.get("regionCode");
                for (String f : List.of("name", "level", "exact")) {
                    assertThat(area.get(f)).as(where + " " + f).isEqualTo(row.get(f));
                }
                List<Map<String, Object>> lines = list(area, "indicators");
                assertThat(lines.stream().map(l -> l.get("indicator")).toList())
                        .as(where)
                        .isEqualTo(indicators);
                for (Map<String, Object> line : lines) {
                    String indicator = (String) line.get("indicator");
                    List<Map<String, Object>> values = list(line, "values");
                    assertThat(values).as(where).hasSize(periods.size());
                    Map<String, Object> got = values.get(p);
                    Map<String, Object> want = expected(row, indicator, period);
                    assertThat(got).as(where + " " + indicator).isEqualTo(want);
                    reasons.merge(String.valueOf(got.get("missing")), 1, Integer::sum);
                }
            }
        }
    }

    private static List<String> randomIndicators(Random random, int n) {
        List<String> all = new ArrayList<>(ALL);
        java.util.Collections.shuffle(all, random);
        return all.subList(0, n);
    }

    @Test
    void aSeriesEqualsThePerPeriodCallsForExactPublicAndLurahCallers() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> kecamatan = jdbc.sql("SELECT code FROM regions WHERE level = 'KECAMATAN' AND kabkota_code = "
                        + "'33.75' ORDER BY code")
                .query(String.class)
                .list();
        List<String> kelurahan = jdbc.sql("SELECT code FROM regions WHERE level = 'KELURAHAN' AND kabkota_code = "
                        + "'33.75' ORDER BY code")
                .query(String.class)
                .list();
        Map<String, Integer> exactReasons = new HashMap<>();
        Map<String, Integer> publicReasons = new HashMap<>();
        // Months of the demo's history and before it (NO_DATA), a random region of each level, random indicators.
        String kec = kecamatan.get(random.nextInt(kecamatan.size()));
        String kel = kelurahan.get(random.nextInt(kelurahan.size()));
        int start = random.nextInt(6);
        String from = java.time.YearMonth.of(2025, 7).plusMonths(start).toString();
        String to = java.time.YearMonth.of(2026, 6).toString();
        for (String region : List.of("33.75", kec, kel)) {
            List<String> indicators = randomIndicators(random, 1 + random.nextInt(6));
            String message = "seed " + seed + ", " + region + " " + indicators + " " + from + ".." + to;
            long started = System.nanoTime();
            Map<String, Object> exact = series(graphQl, region, indicators, from, to, null);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "indicatorSeries %s, %d months: %d ms%n",
                    region,
                    12 - start,
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(exact.get("granularity")).isEqualTo("MONTH");
            assertThat(list(exact, "periods")).as(message).hasSize(12 - start);
            assertEqualsPerPeriodCalls(graphQl, exact, random, 3, "dinkes, " + message, exactReasons);
            Map<String, Object> published = series(anonymous(), region, indicators, from, to, "MONTH");
            assertEqualsPerPeriodCalls(anonymous(), published, random, 3, "anonymous, " + message, publicReasons);
            assertThat(((Map<String, Object>) published.get("region")).get("exact"))
                    .isEqualTo(false);
        }
        assertThat(exactReasons)
                .as("seed %d: the exact caller sees no suppression", seed)
                .doesNotContainKey("SUPPRESSED")
                .containsKey("null");
        // The public sees suppressed values as null with SUPPRESSED (every indicator of the RWs of a kelurahan).
        Map<String, Object> rws = series(anonymous(), "33.75.01.1002", ALL.subList(0, 16), "2026-01", "2026-06", null);
        assertEqualsPerPeriodCalls(
                anonymous(), rws, random, 2, "seed " + seed + ", anonymous RWs of Medono", publicReasons);
        assertThat(publicReasons).as("seed %d: reasons the public saw", seed).containsKeys("SUPPRESSED", "null");
        // A lurah sees her kelurahan's RWs exactly, her kecamatan's other kelurahan as the public does.
        Map<String, Integer> lurahReasons = new HashMap<>();
        HttpGraphQlTester lurah = as("lurah-medono");
        List<String> indicators = randomIndicators(random, 4);
        Map<String, Object> own = series(lurah, "33.75.01.1002", indicators, "2026-01", "2026-06", null);
        assertThat(list(own, "children")).allMatch(c -> Boolean.TRUE.equals(c.get("exact")));
        assertEqualsPerPeriodCalls(lurah, own, random, 2, "seed " + seed + ", lurah " + indicators, lurahReasons);
        Map<String, Object> around = series(lurah, "33.75.01", indicators, "2026-01", "2026-06", null);
        for (Map<String, Object> child : list(around, "children")) {
            assertThat(child.get("exact"))
                    .as("%s", child.get("regionCode"))
                    .isEqualTo(child.get("regionCode").equals("33.75.01.1002"));
        }
        assertEqualsPerPeriodCalls(
                lurah, around, random, 2, "seed " + seed + ", lurah kecamatan " + indicators, lurahReasons);
        System.out.println("indicatorSeries, seed " + seed + ": reasons exact " + exactReasons + ", public "
                + publicReasons + ", lurah " + lurahReasons);
    }

    @Test
    void quartersAndYearsAreTheCalendarPeriodsHoldingTheMonths() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> indicators = randomIndicators(random, 3);
        String message = "seed " + seed + ", " + indicators;
        Map<String, Integer> reasons = new HashMap<>();
        Map<String, Object> quarters = series(graphQl, "33.75.03", indicators, "2025-08", "2026-05", "QUARTER");
        assertThat(list(quarters, "periods").stream().map(p -> p.get("period")).toList())
                .containsExactly("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2");
        assertThat(list(quarters, "periods").get(0))
                .containsEntry("from", "2025-07-01")
                .containsEntry("to", "2025-09-30");
        assertEqualsPerPeriodCalls(graphQl, quarters, random, 2, "QUARTER, " + message, reasons);
        Map<String, Object> years = series(anonymous(), "33.75.03", indicators, "2025-03", "2026-02", "YEAR");
        assertThat(list(years, "periods").stream().map(p -> p.get("period")).toList())
                .containsExactly("2025", "2026");
        assertThat(years.get("from")).isEqualTo("2025-03");
        assertEqualsPerPeriodCalls(anonymous(), years, random, 2, "YEAR, " + message, reasons);
        // One month is a series too.
        Map<String, Object> one = series(graphQl, "33.75.03", indicators, "2026-04", "2026-04", null);
        assertThat(list(one, "periods")).hasSize(1);
        assertEqualsPerPeriodCalls(graphQl, one, random, 1, "one month, " + message, reasons);
    }

    /** The argument the first error of a series request names, with its type. */
    private String refusal(List<String> indicators, String from, String to, String granularity) {
        var request = graphQl.documentName("indicatorSeries")
                .variable("regionCode", "33.75.01.1002")
                .variable("indicators", indicators)
                .variable("from", from)
                .variable("to", to);
        if (granularity != null) {
            request = request.variable("granularity", granularity);
        }
        List<String> result = new ArrayList<>();
        request.execute().errors().satisfy(errors -> {
            assertThat(errors)
                    .as("%s..%s %s %s", from, to, granularity, indicators)
                    .isNotEmpty();
            ResponseError e = errors.get(0);
            result.add(e.getErrorType() + " " + e.getExtensions().get("argument") + ": " + e.getMessage());
        });
        return result.get(0);
    }

    @Test
    void theCostIsBoundedBeforeAnyWorkAndBadArgumentsAreNamed() {
        List<String> one = List.of("STUNTED");
        assertThat(refusal(one, "2020-01", "2026-01", null))
                .startsWith("BAD_REQUEST to:")
                .contains("73 periods");
        assertThat(refusal(one, "2011-01", "2026-03", "QUARTER"))
                .startsWith("BAD_REQUEST to:")
                .contains("61 periods");
        assertThat(refusal(one, "2000-01", "2100-12", "YEAR"))
                .startsWith("BAD_REQUEST to:")
                .contains("101 periods");
        assertThat(refusal(one, "2026-05", "2026-04", null))
                .startsWith("BAD_REQUEST to:")
                .contains("before from");
        assertThat(refusal(one, "2026-13", "2026-04", null))
                .startsWith("BAD_REQUEST from:")
                .contains("yyyy-MM");
        assertThat(refusal(one, "March 2026", "2026-04", null)).startsWith("BAD_REQUEST from:");
        assertThat(refusal(one, "2026-01", "2026-4", null)).startsWith("BAD_REQUEST to:");
        assertThat(refusal(one, "1999-12", "2026-04", null)).startsWith("BAD_REQUEST from:");
        assertThat(refusal(List.of(), "2026-01", "2026-04", null)).startsWith("BAD_REQUEST indicators:");
        assertThat(refusal(ALL.subList(0, 17), "2026-01", "2026-04", null))
                .startsWith("BAD_REQUEST indicators:")
                .contains("at most 16");
        assertThat(refusal(List.of("STUNTED", "TB_NOTIFICATIONS", "STUNTED"), "2026-01", "2026-04", null))
                .startsWith("BAD_REQUEST indicators:")
                .contains("STUNTED");
        assertThat(graphQl.documentName("indicatorSeries")
                .variable("regionCode", "33.75.01.1002.RW001")
                .variable("indicators", one)
                .variable("from", "2026-01")
                .variable("to", "2026-02")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors.get(0).getExtensions().get("argument"))
                        .isEqualTo("regionCode")));
        // The bounds are inclusive: 60 periods (counted before any work; computing 60 cold periods of the years
        // before the demo's history takes minutes, so not here) and 16 indicators.
        assertThat(IndicatorSeries.periods("2011-04", "2026-03", PeriodGranularity.QUARTER))
                .hasSize(60)
                .first()
                .extracting(IndicatorPeriod::key)
                .isEqualTo("2011-Q2");
        assertThat(IndicatorSeries.periods("2021-07", "2026-06", PeriodGranularity.MONTH))
                .hasSize(60);
        long started = System.nanoTime();
        Map<String, Object> widest = series(graphQl, "33.75.01.1002", ALL.subList(2, 18), "2026-01", "2026-06", null);
        System.out.printf(
                java.util.Locale.ROOT,
                "indicatorSeries of 6 months, 16 indicators: %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertThat(list(widest, "periods")).hasSize(6);
        assertThat(list((Map<String, Object>) widest.get("region"), "indicators"))
                .hasSize(16);
    }

    private String download(String user, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + tokenOf(user));
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** The sparkline values of a review HTML page, by "region code/indicator key". */
    private static Map<String, List<Double>> sparklines(String html) {
        Map<String, List<Double>> lines = new HashMap<>();
        Matcher row =
                Pattern.compile("<tr[^>]* data-region=\"([^\"]+)\">(.*?)</tr>").matcher(html);
        while (row.find()) {
            Matcher cell = Pattern.compile("<td data-key=\"([^\"]+)\">.*?<svg class=\"spark\"[^>]* data-last12=\""
                            + "([^\"]*)\".*?</svg></td>")
                    .matcher(row.group(2));
            while (cell.find()) {
                List<Double> values = new ArrayList<>();
                for (String v : cell.group(2).split(";", -1)) {
                    values.add(v.isEmpty() ? null : Double.parseDouble(v));
                }
                lines.put(row.group(1) + "/" + cell.group(1), values);
            }
        }
        return lines;
    }

    @Test
    void theKiaGiziReviewShowsTheLast12MonthsOfTheSeries() throws Exception {
        for (String user : new String[] {"dinkes", null}) {
            HttpGraphQlTester tester = user == null ? anonymous() : as(user);
            String html = download(user, "/reports/kia-gizi/33.75.01/2026-06.html");
            Map<String, List<Double>> drawn = sparklines(html);
            Map<String, Object> review = tester.documentName("kiaGiziReview")
                    .variable("kecamatanCode", "33.75.01")
                    .variable("month", "2026-06")
                    .execute()
                    .path("kiaGiziReview")
                    .entity(Map.class)
                    .get();
            List<String> months = new ArrayList<>();
            for (int m = 0; m < 12; m++) {
                months.add(java.time.YearMonth.of(2025, 7).plusMonths(m).toString());
            }
            assertThat(review.get("months")).isEqualTo(months);
            List<Map<String, Object>> rows = list(review, "rows");
            assertThat(drawn)
                    .as("a sparkline per row and indicator")
                    .hasSize(rows.size() * KiaGiziReviews.ITEMS.size());
            List<String> keys =
                    KiaGiziReviews.ITEMS.stream().map(KiaGiziReviews.Item::key).toList();
            List<String> inSeries =
                    ALL.stream().filter(i -> keys.contains(field(i))).toList();
            assertThat(inSeries).hasSize(8);
            Map<String, Object> series = series(tester, "33.75.01", inSeries, "2025-07", "2026-06", null);
            Map<String, List<Object>> expected = new HashMap<>();
            List<Map<String, Object>> areas = new ArrayList<>(list(series, "children"));
            areas.add((Map<String, Object>) series.get("region"));
            for (Map<String, Object> area : areas) {
                for (Map<String, Object> line : list(area, "indicators")) {
                    expected.put(
                            area.get("regionCode") + "/" + field((String) line.get("indicator")),
                            list(line, "values").stream()
                                    .map(v -> v.get("value"))
                                    .toList());
                }
            }
            assertThat(rows.stream().map(r -> r.get("regionCode")).toList())
                    .isEqualTo(areas.stream().map(a -> a.get("regionCode")).toList());
            int compared = 0;
            int missing = 0;
            for (Map<String, Object> row : rows) {
                for (Map<String, Object> v : list(row, "values")) {
                    String key = row.get("regionCode") + "/" + v.get("key");
                    List<Object> last12 = (List<Object>) v.get("last12Months");
                    assertThat(last12).as(key).hasSize(12);
                    assertThat(last12.get(11)).as(key).isEqualTo(v.get("value"));
                    assertThat(last12.get(10)).as(key).isEqualTo(v.get("previous"));
                    List<Double> asDoubles = last12.stream()
                            .map(x -> x == null ? null : ((Number) x).doubleValue())
                            .toList();
                    assertThat(drawn.get(key)).as("HTML %s (%s)", key, user).isEqualTo(asDoubles);
                    if (expected.containsKey(key)) {
                        assertThat(asDoubles)
                                .as("series %s (%s)", key, user)
                                .isEqualTo(expected.get(key).stream()
                                        .map(x -> x == null ? null : ((Number) x).doubleValue())
                                        .toList());
                        compared++;
                    }
                    missing += (int) last12.stream().filter(x -> x == null).count();
                }
            }
            assertThat(compared).isEqualTo(rows.size() * 8);
            assertThat(missing)
                    .as("months before the demo's history are missing (%s)", user)
                    .isPositive();
            assertThat(html).doesNotContain("http://", "https://", "<script", "<img", "<link");
            // The CSV's last 12 columns are the same months.
            List<String> csv = download(user, "/reports/kia-gizi/33.75.01/2026-06.csv")
                    .lines()
                    .toList();
            List<String> header = List.of(csv.get(0).split(","));
            assertThat(header.subList(0, 15))
                    .containsExactly(
                            "kecamatan",
                            "month",
                            "region_code",
                            "region_name",
                            "level",
                            "group",
                            "indicator",
                            "label",
                            "unit",
                            "value",
                            "previous_month",
                            "change",
                            "trend",
                            "suppressed_or_undefined",
                            "synthetic");
            assertThat(header.subList(15, 27))
                    .containsExactly(
                            "month_minus_11",
                            "month_minus_10",
                            "month_minus_9",
                            "month_minus_8",
                            "month_minus_7",
                            "month_minus_6",
                            "month_minus_5",
                            "month_minus_4",
                            "month_minus_3",
                            "month_minus_2",
                            "month_minus_1",
                            "month_minus_0");
            for (String line : csv.subList(1, csv.size())) {
                String[] cells = line.split(",", -1);
                assertThat(cells).as(line).hasSize(27);
                assertThat(cells[26]).as(line).isEqualTo(cells[9]);
                assertThat(cells[25]).as(line).isEqualTo(cells[10]);
            }
        }
    }
}
