package id.ilpatlas.api.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The per-RW indicators (issue 17) against the truth, through GraphQL on the seeded demo data (as of 2026-06-30):
 * every expectation is computed here from the raw register rows, the region table and exact statistics written out
 * in the test (tail sums inverted by bisection, Marshall's estimators from their formulas), never by the product's own
 * code. No data is not zero; a half-covered period is PARTIAL_PERIOD; coverage never exceeds 100 %; the TB rate is
 * over the 12-month window; high-risk pregnancies are those ongoing; MMR and IMR by their definitions; intervals exact;
 * smoothing as Marshall and esda define it, over what the caller sees.
 */
@Slow
class IndicatorTruthTest extends IndicatorTruthSupport {

    // ------------------------------------------------------------------------------------------- raw rows

    record Tb(String leaf, LocalDate diagnosed, String outcome) {}

    record Pregnancy(
            long id,
            String leaf,
            LocalDate lmp,
            LocalDate delivered,
            LocalDate maternalDeath,
            LocalDate infantDeath,
            boolean highRisk) {}

    List<Tb> tbCases() {
        return jdbc
                .sql("SELECT region_code, diagnosed_on, outcome FROM tb_cases WHERE kabkota_code = :k")
                .param("k", KOTA)
                .query((rs, n) -> new Tb(leafRow(rs.getString(1)), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .list()
                .stream()
                .filter(t -> t.leaf() != null)
                .toList();
    }

    List<Pregnancy> pregnancies() {
        return jdbc
                .sql("SELECT id, region_code, last_menstrual_period, delivered_on, maternal_death_on, "
                        + "infant_death_on, high_risk FROM pregnancies WHERE kabkota_code = :k")
                .param("k", KOTA)
                .query((rs, n) -> new Pregnancy(
                        rs.getLong(1),
                        leafRow(rs.getString(2)),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class),
                        rs.getBoolean(7)))
                .list()
                .stream()
                .filter(p -> p.leaf() != null)
                .toList();
    }

    static boolean within(LocalDate d, Days days) {
        return d != null && !d.isBefore(days.from()) && !d.isAfter(days.to());
    }

    /** The leaves' sum for an area row: its own code, or every leaf under it. */
    static long sumFor(String area, Map<String, Long> byLeaf) {
        if (byLeaf.containsKey(area) && (area.contains(".RW") || area.endsWith(".UNASSIGNED"))) {
            return byLeaf.get(area);
        }
        return byLeaf.entrySet().stream()
                .filter(e -> area.equals(KOTA) || e.getKey().startsWith(area + "."))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    static Map<String, Object> total(Map<String, Object> report) {
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) report.get("total");
        return total;
    }

    // ------------------------------------------------------------------------------------------- 1. no data

    @Test
    void aPeriodNoImportCoversIsNoDataNeverZeroAndAnEmptyCoveredOneIsZero() {
        Map<String, List<Days>> coverage = recountCoverage();
        LocalDate snapshot = snapshotDate();
        assertThat(snapshot).as("the demo has a P3KE snapshot").isNotNull();
        // P3KE: the snapshot's desil-1 households per leaf, whatever the period.
        Map<String, Long> poor = new HashMap<>();
        jdbc
                .sql("SELECT region_code FROM poverty_households WHERE kabkota_code = :k AND desil = 1")
                .param("k", KOTA)
                .query(String.class)
                .list()
                .stream()
                .map(this::leafRow)
                .filter(l -> l != null)
                .forEach(l -> poor.merge(l, 1L, Long::sum));

        // For every event register: the month before its first covered day, a year before it and the year 2030.
        Map<String, List<Map<String, Object>>> uncovered = new LinkedHashMap<>();
        for (String register : List.of("EPPGBM", "SITB", "PERMAISURI")) {
            YearMonth before =
                    YearMonth.from(coverage.get(register).get(0).from()).minusMonths(1);
            uncovered.put(register, List.of(month(before), year(before.getYear() - 1), year(2030)));
        }
        Set<String> checkedBeforeSnapshot = new HashSet<>();
        for (Map.Entry<String, List<Map<String, Object>>> e : uncovered.entrySet()) {
            String register = e.getKey();
            for (Map<String, Object> period : e.getValue()) {
                Days days = daysOf(period);
                String message = register + " " + period;
                assertThat(share(coverage.get(register), days.from(), days.to()))
                        .as(message)
                        .isZero();
                Map<String, Object> report = report(graphQl, KOTA, period);
                Map<String, Object> completeness = list(report, "dataCompleteness").stream()
                        .filter(c -> register.equals(c.get("register")))
                        .findFirst()
                        .orElseThrow();
                assertThat(completeness.get("status")).as(message).isEqualTo("NO_DATA");
                assertThat(doubleOf(completeness.get("completeness")))
                        .as(message)
                        .isZero();
                for (Map<String, Object> row : allRows(report).values()) {
                    String where = message + " " + row.get("regionCode");
                    for (String field : FIELDS_OF.get(register)) {
                        assertThat(row.get(field)).as("%s %s", where, field).isNull();
                        assertThat(missing(row, field))
                                .as("%s %s", where, field)
                                .isEqualTo("NO_DATA");
                    }
                    for (String indicator : RATES_OF.get(register)) {
                        Map<String, Object> rate = rate(row, indicator);
                        assertThat(rate.get("value"))
                                .as("%s %s", where, indicator)
                                .isNull();
                        assertThat(rate.get("count"))
                                .as("%s %s", where, indicator)
                                .isNull();
                        assertThat(rate.get("lower95"))
                                .as("%s %s", where, indicator)
                                .isNull();
                        assertThat(rate.get("smoothed"))
                                .as("%s %s", where, indicator)
                                .isNull();
                        assertThat(rate.get("missing"))
                                .as("%s %s", where, indicator)
                                .isEqualTo("NO_DATA");
                    }
                    if (register.equals("SITB")) {
                        // The 12 months ending with a period before any SITB import: no data either.
                        assertThat(row.get("tbNotifications12Months")).as(where).isNull();
                        assertThat(missing(row, "tbNotifications12Months"))
                                .as(where)
                                .isEqualTo("NO_DATA");
                        assertThat(rate(row, "TB_NOTIFICATIONS_PER_100K").get("missing"))
                                .as(where)
                                .isEqualTo("NO_DATA");
                    }
                    // P3KE is a snapshot: a period before (or after) it still has the snapshot's count and date.
                    assertThat(row.get("extremePoorAsOf")).as(where).isEqualTo(snapshot.toString());
                    assertThat(longOf(row.get("extremePoorHouseholds")))
                            .as(where)
                            .isEqualTo(sumFor((String) row.get("regionCode"), poor));
                    assertThat(missing(row, "extremePoorHouseholds")).as(where).isNull();
                }
                Map<String, Object> p3ke = list(report, "dataCompleteness").stream()
                        .filter(c -> "P3KE".equals(c.get("register")))
                        .findFirst()
                        .orElseThrow();
                assertThat(p3ke.get("snapshotDate")).as(message).isEqualTo(snapshot.toString());
                assertThat(p3ke.get("status")).as(message).isEqualTo("COMPLETE");
                if (days.to().isBefore(snapshot)) {
                    checkedBeforeSnapshot.add(message);
                }
            }
        }
        assertThat(checkedBeforeSnapshot)
                .as("periods before the P3KE snapshot checked")
                .isNotEmpty();
        assertThat(sumFor(KOTA, poor)).as("desil-1 households in the snapshot").isPositive();

        // A covered month with no event in an RW reads 0, not null: for each register an RW that shows it.
        YearMonth covered = completeMonths(coverage.get("PERMAISURI")).stream()
                .filter(m -> completeMonths(coverage.get("SITB")).contains(m)
                        && completeMonths(coverage.get("EPPGBM")).contains(m))
                .findFirst()
                .orElseThrow();
        Days days = new Days(covered.atDay(1), covered.atEndOfMonth());
        Map<String, Map<String, Object>> rws = rwRows(report(graphQl, KOTA, month(covered)));
        Map<String, Set<String>> withEvent = new HashMap<>();
        tbCases().stream()
                .filter(t -> within(t.diagnosed(), days))
                .forEach(t -> withEvent
                        .computeIfAbsent("tbNotifications", k -> new HashSet<>())
                        .add(t.leaf()));
        pregnancies().forEach(p -> {
            if (within(p.delivered(), days)) {
                withEvent.computeIfAbsent("births", k -> new HashSet<>()).add(p.leaf());
            }
            if (within(p.maternalDeath(), days)) {
                withEvent
                        .computeIfAbsent("maternalDeaths", k -> new HashSet<>())
                        .add(p.leaf());
            }
        });
        // Stunted: an RW none of whose measurements of the month has a height-for-age z under -2 has 0 stunted.
        jdbc.sql(
                        "SELECT region_code FROM growth_measurements WHERE kabkota_code = :k AND measured_on BETWEEN :f AND :t "
                                + "AND z_length_height_for_age < -2")
                .param("k", KOTA)
                .param("f", days.from())
                .param("t", days.to())
                .query(String.class)
                .list()
                .forEach(r -> withEvent
                        .computeIfAbsent("stunted", k -> new HashSet<>())
                        .add(leafRow(r)));
        Map<String, String> zeroSeen = new TreeMap<>();
        for (String field : List.of("tbNotifications", "births", "maternalDeaths", "stunted")) {
            for (Map.Entry<String, Map<String, Object>> rw : rws.entrySet()) {
                if (!withEvent.getOrDefault(field, Set.of()).contains(rw.getKey())) {
                    assertThat(longOf(rw.getValue().get(field)))
                            .as("%s %s %s", covered, rw.getKey(), field)
                            .isEqualTo(0L);
                    assertThat(missing(rw.getValue(), field)).isNull();
                    zeroSeen.putIfAbsent(field, rw.getKey());
                }
            }
        }
        for (String rw : rws.keySet()) {
            if (!poor.containsKey(rw)) {
                assertThat(longOf(rws.get(rw).get("extremePoorHouseholds")))
                        .as(rw)
                        .isEqualTo(0L);
                zeroSeen.putIfAbsent("extremePoorHouseholds", rw);
            }
        }
        System.out.println("Indicator truth: zero (not null) in covered " + covered + ": " + zeroSeen);
        assertThat(zeroSeen)
                .as("an RW with no event in a covered month, per register")
                .containsKeys("tbNotifications", "births", "maternalDeaths", "stunted");
    }

    // ------------------------------------------------------------------------------------------- 2. partial

    @Test
    void partialPeriodsAndCompletenessAgreeWithTheCoverageOfTheRawRows() {
        Map<String, List<Days>> coverage = recountCoverage();
        LocalDate snapshot = snapshotDate();
        for (String granularity : List.of("MONTH", "QUARTER", "YEAR")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> availability = graphQl.documentName("dataAvailability")
                    .variable("kabkotaCode", KOTA)
                    .variable("granularity", granularity)
                    .execute()
                    .path("dataAvailability")
                    .entity(Map.class)
                    .get();
            List<Map<String, Object>> registers = list(availability, "registers");
            assertThat(registers.stream().map(r -> r.get("register")).toList()).isEqualTo(REGISTERS);
            for (Map<String, Object> register : registers) {
                String name = (String) register.get("register");
                List<Days> expected = coverage.get(name);
                List<Days> covered = list(register, "covered").stream()
                        .map(d -> new Days(
                                LocalDate.parse((String) d.get("from")), LocalDate.parse((String) d.get("to"))))
                        .toList();
                if (name.equals("P3KE")) {
                    // A household re-imported with a newer as-of date moves to the newer job: older as-of dates live
                    // on only in the coverage (they do not matter, a snapshot register is complete once it has one).
                    for (Days d : expected) {
                        assertThat(covered)
                                .as("P3KE covered holds %s", d)
                                .anyMatch(c -> !d.from().isBefore(c.from()) && !d.to().isAfter(c.to()));
                    }
                    assertThat(covered.get(covered.size() - 1).to()).as("P3KE").isEqualTo(snapshot);
                } else {
                    assertThat(covered).as("%s covered", name).isEqualTo(expected);
                }
                assertThat(register.get("snapshotDate"))
                        .as(name)
                        .isEqualTo(name.equals("P3KE") ? snapshot.toString() : null);
                // The periods from the first covered one to the last, each with its share of covered days.
                List<Map<String, Object>> periods = list(register, "periods");
                // A snapshot's periods: the one holding its date.
                LocalDate first =
                        name.equals("P3KE") ? snapshot : expected.get(0).from();
                LocalDate last = name.equals("P3KE")
                        ? snapshot
                        : expected.get(expected.size() - 1).to();
                List<Days> want = new ArrayList<>();
                for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
                    Days p = switch (granularity) {
                        case "MONTH" -> new Days(m.atDay(1), m.atEndOfMonth());
                        case "QUARTER" -> daysOf(quarter(m.getYear(), (m.getMonthValue() + 2) / 3));
                        default -> daysOf(year(m.getYear()));
                    };
                    if (want.isEmpty() || !want.get(want.size() - 1).equals(p)) {
                        want.add(p);
                    }
                }
                assertThat(periods).as("%s %s periods", name, granularity).hasSize(want.size());
                for (int i = 0; i < want.size(); i++) {
                    Days p = want.get(i);
                    Map<String, Object> got = periods.get(i);
                    String where = name + " " + got.get("period");
                    assertThat(new Days(
                                    LocalDate.parse((String) got.get("from")), LocalDate.parse((String) got.get("to"))))
                            .as(where)
                            .isEqualTo(p);
                    double share = name.equals("P3KE") ? 1 : share(expected, p.from(), p.to());
                    assertThat(doubleOf(got.get("completeness")))
                            .as(where)
                            .isCloseTo(share, org.assertj.core.data.Offset.offset(1e-12));
                    assertThat(got.get("status")).as(where).isEqualTo(status(share));
                }
            }
        }
        // The reports: a half-covered period is PARTIAL_PERIOD for its register, every count of it null.
        List<Map<String, Object>> periods = new ArrayList<>();
        LocalDate firstEvent = coverage.get("EPPGBM").get(0).from();
        periods.add(year(firstEvent.getYear()));
        LocalDate lastEvent =
                coverage.get("EPPGBM").get(coverage.get("EPPGBM").size() - 1).to();
        periods.add(year(lastEvent.getYear()));
        LocalDate permaisuri = coverage.get("PERMAISURI").get(0).from();
        periods.add(month(YearMonth.from(permaisuri)));
        periods.add(quarter(permaisuri.getYear(), (permaisuri.getMonthValue() + 2) / 3));
        Set<String> partialSeen = new HashSet<>();
        for (Map<String, Object> period : periods) {
            Days days = daysOf(period);
            Map<String, Object> report = report(graphQl, KOTA, period);
            for (Map<String, Object> c : list(report, "dataCompleteness")) {
                String register = (String) c.get("register");
                double share = register.equals("P3KE") ? 1 : share(coverage.get(register), days.from(), days.to());
                String where = period + " " + register;
                assertThat(doubleOf(c.get("completeness")))
                        .as(where)
                        .isCloseTo(share, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(c.get("status")).as(where).isEqualTo(status(share));
                for (Map<String, Object> row : allRows(report).values()) {
                    for (String field : FIELDS_OF.get(register)) {
                        if (share < 1) {
                            assertThat(row.get(field))
                                    .as("%s %s %s", where, row.get("regionCode"), field)
                                    .isNull();
                            assertThat(missing(row, field))
                                    .as("%s %s %s", where, row.get("regionCode"), field)
                                    .isEqualTo(status(share));
                        } else {
                            assertThat(row.get(field))
                                    .as("%s %s %s", where, row.get("regionCode"), field)
                                    .isNotNull();
                        }
                    }
                }
                if (share > 0 && share < 1) {
                    partialSeen.add(register + " " + period);
                }
            }
        }
        System.out.println("Indicator truth: partial periods seen " + new TreeMap<>(Map.of("p", partialSeen)));
        assertThat(partialSeen)
                .as("half-covered periods of e-PPGBM, SITB and PERMAISURI")
                .anyMatch(s -> s.startsWith("EPPGBM"))
                .anyMatch(s -> s.startsWith("SITB"))
                .anyMatch(s -> s.startsWith("PERMAISURI"));
    }

    // ------------------------------------------------------------------------------------------- 3. intervals

    /** Checks every rate of a row against its fields and an exact interval computed here. */
    static int checkRates(Map<String, Object> row, String message) {
        int checked = 0;
        for (Map.Entry<String, RateDef> e : RATE_DEFS.entrySet()) {
            Map<String, Object> rate = rate(row, e.getKey());
            RateDef def = e.getValue();
            String where = message + " " + row.get("regionCode") + " " + e.getKey();
            assertThat(rate.get("per")).as(where).isEqualTo(def.per());
            Long numerator = longOf(row.get(def.numerator()));
            Long denominator = longOf(row.get(def.denominator()));
            if (numerator == null || denominator == null) {
                assertThat(rate.get("value")).as(where).isNull();
                assertThat(rate.get("missing")).as(where).isNotNull();
                continue;
            }
            if (denominator == 0) {
                assertThat(rate.get("value")).as(where).isNull();
                assertThat(rate.get("missing")).as(where).isEqualTo("NO_DENOMINATOR");
                continue;
            }
            assertThat(longOf(rate.get("count"))).as(where).isEqualTo(numerator);
            assertThat(doubleOf(rate.get("denominator"))).as(where).isEqualTo((double) denominator);
            double value = (double) numerator * def.per() / denominator;
            assertClose(doubleOf(rate.get("value")), value, 1e-12, where + " value");
            assertThat(rate.get("unstable")).as(where).isEqualTo(numerator < 20);
            // A proportion whose count passes its denominator (an estimated one) falls back to Poisson.
            boolean binomial = def.proportion() && numerator <= denominator;
            double[] interval = binomial ? clopperPearson(numerator, denominator) : garwood(numerator);
            double scale = binomial ? def.per() : (double) def.per() / denominator;
            assertClose(doubleOf(rate.get("lower95")), interval[0] * scale, 1e-9, where + " lower95");
            assertClose(doubleOf(rate.get("upper95")), interval[1] * scale, 1e-9, where + " upper95");
            assertThat(doubleOf(rate.get("lower95"))).as(where).isLessThanOrEqualTo(doubleOf(rate.get("value")));
            assertThat(doubleOf(rate.get("upper95"))).as(where).isGreaterThanOrEqualTo(doubleOf(rate.get("value")));
            assertThat(rate.get("missing")).as(where).isNull();
            checked++;
        }
        return checked;
    }

    @Test
    void intervalsAreTheExactOnesAndUnstableMeansUnderTwentyEvents() {
        long seed = 17_2026L;
        Random random = new Random(seed);
        Map<String, List<Days>> coverage = recountCoverage();
        // The last quarter every register covers (the TB window too) and the one before.
        Map<String, Object> lastQuarter = lastCompleteQuarter(coverage);
        int y = (Integer) lastQuarter.get("year");
        int q = (Integer) lastQuarter.get("quarter");
        List<Map<String, Object>> periods = List.of(lastQuarter, q == 1 ? quarter(y - 1, 4) : quarter(y, q - 1));
        int checked = 0;
        Map<String, Integer> unstable = new TreeMap<>();
        for (Map<String, Object> period : periods) {
            Map<String, Object> report = report(graphQl, KOTA, period);
            List<Map<String, Object>> rows = new ArrayList<>(allRows(report).values());
            java.util.Collections.shuffle(rows, random);
            String message = "seed " + seed + ", " + period;
            for (Map<String, Object> row : rows.subList(0, Math.min(60, rows.size()))) {
                checked += checkRates(row, message);
                for (Map<String, Object> r : list(row, "rates")) {
                    if (r.get("unstable") != null) {
                        unstable.merge(r.get("unstable") + "", 1, Integer::sum);
                    }
                }
            }
            checked += checkRates(total(report), message);
        }
        System.out.println(
                "Indicator truth: " + checked + " rates checked against exact intervals, unstable " + unstable);
        assertThat(unstable).as("both stable and unstable rates were checked").containsKeys("true", "false");
        assertThat(checked).isGreaterThan(200);
    }

    // ------------------------------------------------------------------------------------------- 4. smoothing

    /** Each RW of the kota with the RWs whose polygons touch or overlap it, by PostGIS in the test. */
    Map<String, Set<String>> touching() {
        Map<String, Set<String>> neighbours = new HashMap<>();
        jdbc.sql("""
                        SELECT a.code, b.code FROM regions a JOIN regions b
                            ON a.level = 'RW' AND b.level = 'RW' AND a.code <> b.code AND NOT ST_Disjoint(a.geom, b.geom)
                         WHERE a.kabkota_code = :k AND b.kabkota_code = :k""")
                .param("k", KOTA)
                .query((rs, n) -> neighbours
                        .computeIfAbsent(rs.getString(1), c -> new HashSet<>())
                        .add(rs.getString(2)))
                .list();
        return neighbours;
    }

    /** Marshall's estimate of rate r towards prior mean m with prior variance a (0/0 when r is m: m). */
    static double shrink(double r, double m, double a, double b) {
        if (r == m) {
            return m;
        }
        return m + (r - m) * (a / (a + m / b));
    }

    /** Smoothed values expected for every RW with a visible rate: {global, local}, unscaled. */
    static Map<String, double[]> marshall(Map<String, double[]> eventsAndBase, Map<String, Set<String>> touching) {
        double eventSum = 0;
        double baseSum = 0;
        for (double[] eb : eventsAndBase.values()) {
            eventSum += eb[0];
            baseSum += eb[1];
        }
        int n = eventsAndBase.size();
        double mean = eventSum / baseSum;
        double spread = 0;
        for (double[] eb : eventsAndBase.values()) {
            spread += eb[1] * Math.pow(eb[0] / eb[1] - mean, 2);
        }
        double a = Math.max(0, spread / baseSum - mean / (baseSum / n));
        Map<String, double[]> out = new HashMap<>();
        for (Map.Entry<String, double[]> e : eventsAndBase.entrySet()) {
            double r = e.getValue()[0] / e.getValue()[1];
            double global = shrink(r, mean, a, e.getValue()[1]);
            List<String> around = new ArrayList<>(List.of(e.getKey()));
            touching.getOrDefault(e.getKey(), Set.of()).stream()
                    .filter(eventsAndBase::containsKey)
                    .forEach(around::add);
            double le = 0;
            double lb = 0;
            for (String j : around) {
                le += eventsAndBase.get(j)[0];
                lb += eventsAndBase.get(j)[1];
            }
            double lm = le / lb;
            double lv = 0;
            for (String j : around) {
                lv += eventsAndBase.get(j)[1]
                        * Math.pow(eventsAndBase.get(j)[0] / eventsAndBase.get(j)[1] - lm, 2);
            }
            double la = Math.max(0, lv / lb - lm / (lb / around.size()));
            out.put(e.getKey(), new double[] {global, shrink(r, lm, la, e.getValue()[1])});
        }
        return out;
    }

    /** Compares every RW's smoothed values with Marshall's, over the RWs whose rate the caller sees. */
    int checkSmoothing(Map<String, Object> report, Map<String, Set<String>> touching, String message) {
        Map<String, Map<String, Object>> rws = rwRows(report);
        int checked = 0;
        for (Map.Entry<String, RateDef> e : RATE_DEFS.entrySet()) {
            RateDef def = e.getValue();
            Map<String, double[]> visible = new TreeMap<>();
            for (Map.Entry<String, Map<String, Object>> rw : rws.entrySet()) {
                Long num = longOf(rw.getValue().get(def.numerator()));
                Long den = longOf(rw.getValue().get(def.denominator()));
                if (num != null && den != null && den > 0) {
                    visible.put(rw.getKey(), new double[] {num, den});
                }
            }
            Map<String, double[]> expected = visible.isEmpty() ? Map.of() : marshall(visible, touching);
            for (Map.Entry<String, Map<String, Object>> rw : rws.entrySet()) {
                Map<String, Object> rate = rate(rw.getValue(), e.getKey());
                String where = message + " " + rw.getKey() + " " + e.getKey();
                double[] want = expected.get(rw.getKey());
                if (want == null) {
                    assertThat(rate.get("smoothed")).as(where).isNull();
                    assertThat(rate.get("smoothedGlobal")).as(where).isNull();
                    assertThat(rate.get("stable")).as(where).isEqualTo(rate.get("value"));
                    continue;
                }
                assertClose(doubleOf(rate.get("smoothedGlobal")), want[0] * def.per(), 1e-9, where + " global");
                assertClose(doubleOf(rate.get("smoothed")), want[1] * def.per(), 1e-9, where + " local");
                assertThat(rate.get("stable")).as(where).isEqualTo(rate.get("smoothed"));
                checked++;
            }
        }
        return checked;
    }

    @Test
    void smoothedRatesAreMarshallsOverWhatTheCallerSees() {
        Map<String, Object> period = lastCompleteQuarter(recountCoverage());
        Map<String, Set<String>> touching = touching();
        assertThat(touching.values().stream().mapToInt(Set::size).sum())
                .as("RWs touch")
                .isPositive();
        int exact = checkSmoothing(report(graphQl, KOTA, period), touching, "dinkes " + period);
        Map<String, Object> published = report(anonymous(), KOTA, period);
        int anonymous = checkSmoothing(published, touching, "anonymous " + period);
        // Where a count is suppressed, its rates have no smoothed value (nothing to read it back from).
        int suppressedRates = 0;
        for (Map<String, Object> rw : rwRows(published).values()) {
            @SuppressWarnings("unchecked")
            List<String> hidden = (List<String>) rw.get("suppressed");
            for (Map.Entry<String, RateDef> e : RATE_DEFS.entrySet()) {
                if (hidden.contains(e.getValue().numerator())
                        || hidden.contains(e.getValue().denominator())) {
                    Map<String, Object> rate = rate(rw, e.getKey());
                    assertThat(rate.get("smoothed"))
                            .as("%s %s", rw.get("regionCode"), e.getKey())
                            .isNull();
                    assertThat(rate.get("smoothedGlobal"))
                            .as("%s %s", rw.get("regionCode"), e.getKey())
                            .isNull();
                    assertThat(rate.get("value")).isNull();
                    assertThat(rate.get("missing")).isEqualTo("SUPPRESSED");
                    suppressedRates++;
                }
            }
        }
        System.out.println("Indicator truth: smoothed rates recomputed, " + exact + " exact, " + anonymous
                + " anonymous; " + suppressedRates + " suppressed rates without a smoothed value");
        assertThat(exact).isGreaterThan(anonymous);
        assertThat(suppressedRates).isPositive();
    }

    // ------------------------------------------------------------------------------------------- 5. coverage

    @Test
    @SuppressWarnings("unchecked")
    void measurementCoverageNeverExceedsOneAndBalitaEligibleIsRecounted() {
        long seed = 1_702_026L;
        Random random = new Random(seed);
        Map<String, List<Days>> coverage = recountCoverage();
        List<YearMonth> complete = completeMonths(coverage.get("EPPGBM"));
        // Children: their leaf and birth date; measurements: per child and month the leaf of the latest one.
        record Child(String leaf, LocalDate born) {}
        Map<Long, Child> children = new HashMap<>();
        jdbc.sql("SELECT id, region_code, birth_date FROM children WHERE kabkota_code = :k")
                .param("k", KOTA)
                .query((rs, n) -> children.put(
                        rs.getLong(1), new Child(leafRow(rs.getString(2)), rs.getObject(3, LocalDate.class))))
                .list();
        Map<String, Object[]> latest = new HashMap<>();
        jdbc.sql("SELECT child_id, measured_on, id, region_code FROM growth_measurements WHERE kabkota_code = :k")
                .param("k", KOTA)
                .query((rs, n) -> {
                    LocalDate on = rs.getObject(2, LocalDate.class);
                    Object[] row = {on, rs.getLong(3), rs.getString(4), rs.getLong(1)};
                    latest.merge(rs.getLong(1) + "|" + YearMonth.from(on), row, (a, b) -> {
                        int byDate = ((LocalDate) a[0]).compareTo((LocalDate) b[0]);
                        return byDate != 0 ? (byDate > 0 ? a : b) : ((Long) a[1] > (Long) b[1] ? a : b);
                    });
                    return null;
                })
                .list();
        Map<YearMonth, Map<String, Set<Long>>> measured = new HashMap<>();
        latest.values().forEach(r -> {
            String leaf = leafRow((String) r[2]);
            if (leaf != null) {
                measured.computeIfAbsent(YearMonth.from((LocalDate) r[0]), m -> new HashMap<>())
                        .computeIfAbsent(leaf, l -> new HashSet<>())
                        .add((Long) r[3]);
            }
        });
        List<String> leaves = new ArrayList<>();
        levels().forEach((code, level) -> {
            if (level.equals("RW")) {
                leaves.add(code);
            } else if (level.equals("KELURAHAN")) {
                leaves.add(code + ".UNASSIGNED");
            }
        });
        List<Map<String, Object>> periods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            periods.add(month(complete.get(random.nextInt(complete.size()))));
        }
        YearMonth m = complete.get(random.nextInt(complete.size()));
        periods.add(quarter(m.getYear(), (m.getMonthValue() + 2) / 3));
        int atOne = 0;
        int checked = 0;
        for (Map<String, Object> period : periods) {
            Days days = daysOf(period);
            String message = "seed " + seed + ", " + period;
            if (share(coverage.get("EPPGBM"), days.from(), days.to()) < 1) {
                continue;
            }
            Map<String, Long> eligible = new HashMap<>();
            for (YearMonth month = YearMonth.from(days.from());
                    !month.isAfter(YearMonth.from(days.to()));
                    month = month.plusMonths(1)) {
                Map<String, Set<Long>> known = new HashMap<>();
                for (Map.Entry<Long, Child> c : children.entrySet()) {
                    LocalDate born = c.getValue().born();
                    // Aged 0-59 months in the month: born by its last day, and not 60 months before its first.
                    if (c.getValue().leaf() != null
                            && !born.isAfter(month.atEndOfMonth())
                            && born.isAfter(month.atDay(1).minusMonths(60))) {
                        known.computeIfAbsent(c.getValue().leaf(), l -> new HashSet<>())
                                .add(c.getKey());
                    }
                }
                measured.getOrDefault(month, Map.of())
                        .forEach((leaf, ids) -> known.computeIfAbsent(leaf, l -> new HashSet<>())
                                .addAll(ids));
                for (String leaf : leaves) {
                    long n = Math.max(
                            target(leaf), known.getOrDefault(leaf, Set.of()).size());
                    eligible.merge(leaf, n, Long::sum);
                }
            }
            Map<String, Object> report = report(graphQl, KOTA, period);
            for (Map<String, Object> row : allRows(report).values()) {
                String code = (String) row.get("regionCode");
                assertThat(longOf(row.get("balitaEligible")))
                        .as("%s %s", message, code)
                        .isEqualTo(sumFor(code, eligible));
                Double coverageShare = doubleOf(row.get("measurementCoverage"));
                if (coverageShare != null) {
                    assertThat(coverageShare).as("%s %s", message, code).isLessThanOrEqualTo(1.0);
                    atOne += coverageShare == 1.0 ? 1 : 0;
                    checked++;
                }
            }
            // The public sees the same denominator unless it is suppressed like a count (it holds the register's own
            // count of children), and never a coverage above 1 either.
            for (Map<String, Object> row :
                    allRows(report(anonymous(), KOTA, period)).values()) {
                String code = (String) row.get("regionCode");
                if (row.get("balitaEligible") == null) {
                    assertThat((List<String>) row.get("suppressed"))
                            .as("anonymous %s %s", message, code)
                            .contains("balitaEligible");
                    assertThat(row.get("measurementCoverage"))
                            .as("anonymous %s %s", message, code)
                            .isNull();
                } else {
                    long shown = longOf(row.get("balitaEligible"));
                    assertThat(shown).as("anonymous %s %s", message, code).isEqualTo(sumFor(code, eligible));
                    assertThat(shown == 0 || shown >= 5)
                            .as("anonymous %s %s = %d", message, code, shown)
                            .isTrue();
                }
                Double coverageShare = doubleOf(row.get("measurementCoverage"));
                assertThat(coverageShare == null || coverageShare <= 1.0)
                        .as("anonymous %s %s", message, code)
                        .isTrue();
            }
        }
        System.out.println("Indicator truth: seed " + seed + ", " + checked + " coverages ≤ 1 (" + atOne
                + " exactly 1), balitaEligible recounted per month and leaf");
        assertThat(checked).isPositive();
    }

    // ------------------------------------------------------------------------------------------- 6. TB window

    /** The fewest calendar cells (whole years, then quarters, then months) that tile first..last, written here. */
    static List<Map<String, Object>> tiling(YearMonth first, YearMonth last) {
        List<Map<String, Object>> cells = new ArrayList<>();
        YearMonth m = first;
        while (!m.isAfter(last)) {
            if (m.getMonthValue() == 1 && !YearMonth.of(m.getYear(), 12).isAfter(last)) {
                cells.add(year(m.getYear()));
                m = m.plusYears(1);
            } else if ((m.getMonthValue() - 1) % 3 == 0 && !m.plusMonths(2).isAfter(last)) {
                cells.add(quarter(m.getYear(), (m.getMonthValue() + 2) / 3));
                m = m.plusMonths(3);
            } else {
                cells.add(month(m));
                m = m.plusMonths(1);
            }
        }
        return cells;
    }

    @Test
    void tbPer100kIsOverTheTwelveMonthsEndingWithThePeriod() {
        Map<String, List<Days>> coverage = recountCoverage();
        List<Days> sitb = coverage.get("SITB");
        Map<String, Object> lastQuarter = lastCompleteQuarter(coverage);
        YearMonth last = YearMonth.from(daysOf(lastQuarter).to());
        // The first month SITB covers completely: its own count is there, its 12-month window only in part.
        YearMonth firstComplete = completeMonths(sitb).get(0);
        List<Tb> cases = tbCases();
        List<String> seen = new ArrayList<>();
        for (Map<String, Object> period : List.of(month(last), lastQuarter, month(firstComplete))) {
            Days days = daysOf(period);
            Days window = new Days(days.to().plusDays(1).minusYears(1), days.to());
            double windowShare = share(sitb, window.from(), window.to());
            Map<String, Long> recount = new HashMap<>();
            cases.stream()
                    .filter(t -> within(t.diagnosed(), window))
                    .forEach(t -> recount.merge(t.leaf(), 1L, Long::sum));
            Map<String, Object> report = report(graphQl, KOTA, period);
            for (Map<String, Object> row : allRows(report).values()) {
                String code = (String) row.get("regionCode");
                String where = period + " " + code;
                Map<String, Object> rate = rate(row, "TB_NOTIFICATIONS_PER_100K");
                if (windowShare < 1) {
                    // The period itself is covered, its 12-month window is not.
                    assertThat(row.get("tbNotifications")).as(where).isNotNull();
                    assertThat(row.get("tbNotifications12Months")).as(where).isNull();
                    assertThat(missing(row, "tbNotifications12Months"))
                            .as(where)
                            .isEqualTo(status(windowShare));
                    assertThat(rate.get("missing")).as(where).isEqualTo(status(windowShare));
                    assertThat(row.get("tbNotificationsPer100k")).as(where).isNull();
                    continue;
                }
                long n = sumFor(code, recount);
                assertThat(longOf(row.get("tbNotifications12Months"))).as(where).isEqualTo(n);
                long population = longOf(row.get("population"));
                if (population > 0) {
                    assertClose(doubleOf(row.get("tbNotificationsPer100k")), n * 100_000.0 / population, 1e-12, where);
                    assertThat(longOf(rate.get("count"))).as(where).isEqualTo(n);
                    assertThat(doubleOf(rate.get("denominator"))).as(where).isEqualTo((double) population);
                }
            }
            seen.add(period + " window " + window + " " + status(windowShare));
            if (windowShare < 1) {
                continue;
            }
            // The public: the sum of the published caseCounts cells tiling the window, or suppressed.
            Map<String, Map<String, Object>> published = rwRows(report(anonymous(), KOTA, period));
            List<Map<String, Object>> cells = tiling(YearMonth.from(window.from()), YearMonth.from(window.to()));
            Map<String, Long> sums = new HashMap<>();
            Set<String> anySuppressed = new HashSet<>();
            for (Map<String, Object> cell : cells) {
                Map<String, Boolean> suppressed = new HashMap<>();
                Map<String, Long> counts = publishedLeafCells(anonymous(), "TB_NOTIFICATIONS", cell, suppressed);
                suppressed.forEach((leaf, s) -> {
                    if (s) {
                        anySuppressed.add(leaf);
                    }
                });
                counts.forEach((leaf, c) -> sums.merge(leaf, c, Long::sum));
            }
            int shown = 0;
            for (Map.Entry<String, Map<String, Object>> rw : published.entrySet()) {
                String where = "anonymous " + period + " " + rw.getKey() + " tiles " + cells;
                Map<String, Object> row = rw.getValue();
                if (anySuppressed.contains(rw.getKey())) {
                    assertThat(row.get("tbNotifications12Months")).as(where).isNull();
                    assertThat(missing(row, "tbNotifications12Months"))
                            .as(where)
                            .isEqualTo("SUPPRESSED");
                    assertThat(row.get("tbNotificationsPer100k")).as(where).isNull();
                } else {
                    assertThat(longOf(row.get("tbNotifications12Months")))
                            .as(where)
                            .isEqualTo(sums.getOrDefault(rw.getKey(), 0L));
                    shown++;
                }
            }
            seen.add("anonymous " + period + ": " + shown + " of " + published.size() + " RW windows published, tiles "
                    + cells);
        }
        seen.forEach(s -> System.out.println("Indicator truth: TB window " + s));
        assertThat(seen).anyMatch(s -> s.contains("COMPLETE")).anyMatch(s -> s.contains("PARTIAL_PERIOD"));
    }

    // ------------------------------------------------------------------------------------------- 7. pregnancies

    /** Ongoing in the days by the definition: HPHT by the last day, not ended before the first. */
    static boolean ongoing(Pregnancy p, Days days) {
        LocalDate ended = p.delivered();
        if (p.maternalDeath() != null && (ended == null || p.maternalDeath().isBefore(ended))) {
            ended = p.maternalDeath();
        }
        if (ended == null) {
            ended = p.lmp().plusWeeks(42);
        }
        return !p.lmp().isAfter(days.to()) && !ended.isBefore(days.from());
    }

    @Test
    void highRiskPregnanciesAreThoseOngoingInThePeriod() {
        Map<String, List<Days>> coverage = recountCoverage();
        List<YearMonth> complete = completeMonths(coverage.get("PERMAISURI"));
        List<Pregnancy> pregnancies =
                pregnancies().stream().filter(Pregnancy::highRisk).toList();
        List<Map<String, Object>> periods = new ArrayList<>();
        periods.add(month(complete.get(complete.size() / 2)));
        periods.add(month(complete.get(complete.size() - 1)));
        YearMonth q = complete.get(complete.size() - 1);
        periods.add(quarter(q.getYear(), (q.getMonthValue() + 2) / 3));
        String example = null;
        for (Map<String, Object> period : periods) {
            Days days = daysOf(period);
            Map<String, Long> recount = new HashMap<>();
            pregnancies.stream().filter(p -> ongoing(p, days)).forEach(p -> recount.merge(p.leaf(), 1L, Long::sum));
            Map<String, Object> report = report(graphQl, KOTA, period);
            Map<String, Map<String, Object>> rows = allRows(report);
            for (Map<String, Object> row : rows.values()) {
                String code = (String) row.get("regionCode");
                assertThat(longOf(row.get("highRiskPregnancies")))
                        .as("%s %s", period, code)
                        .isEqualTo(sumFor(code, recount));
            }
            // The same stock in caseCounts (exact caller), per kelurahan.
            for (String kelurahan : kelurahan().subList(0, 3)) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> counts = graphQl.documentName("caseCounts")
                        .variable("regionCode", kelurahan)
                        .variable("period", period)
                        .variable("indicators", List.of("HIGH_RISK_PREGNANCIES"))
                        .execute()
                        .path("caseCounts")
                        .entity(List.class)
                        .get();
                for (Map<String, Object> c : counts) {
                    assertThat(longOf(c.get("count")))
                            .as("caseCounts %s %s", period, c.get("regionCode"))
                            .isEqualTo(sumFor((String) c.get("regionCode"), recount));
                }
            }
            // A woman who delivered before the period is not counted in it, though her HPHT + 42 weeks is inside.
            if (period.containsKey("month") && example == null) {
                for (Pregnancy p : pregnancies) {
                    if (p.delivered() != null
                            && p.delivered().isBefore(days.from())
                            && !p.lmp().plusWeeks(42).isBefore(days.from())
                            && rows.containsKey(p.leaf())) {
                        long naive = pregnancies.stream()
                                .filter(o -> o.leaf().equals(p.leaf())
                                        && !o.lmp().isAfter(days.to())
                                        && !o.lmp().plusWeeks(42).isBefore(days.from()))
                                .count();
                        long shown = longOf(rows.get(p.leaf()).get("highRiskPregnancies"));
                        assertThat(shown).as("%s %s", period, p).isLessThan(naive);
                        assertThat(recount.getOrDefault(p.leaf(), 0L)).isEqualTo(shown);
                        example = period + ": pregnancy " + p.id() + " (HPHT " + p.lmp() + ", delivered "
                                + p.delivered() + ") not counted in " + p.leaf() + ": " + shown + " ongoing, "
                                + naive + " by HPHT + 42 weeks alone";
                        break;
                    }
                }
            }
        }
        System.out.println("Indicator truth: " + example);
        assertThat(example).as("a high-risk pregnancy delivered before a month").isNotNull();
    }

    // ------------------------------------------------------------------------------------------- 8. MMR / IMR

    @Test
    void maternalAndInfantMortalityAreDeathsOverBirthsWithExactIntervals() {
        Map<String, List<Days>> coverage = recountCoverage();
        List<YearMonth> complete = completeMonths(coverage.get("PERMAISURI"));
        List<Pregnancy> pregnancies = pregnancies();
        YearMonth first = complete.get(0);
        YearMonth lastMonth = complete.get(complete.size() - 1);
        List<Map<String, Object>> periods = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(lastMonth); m = m.plusMonths(3)) {
            Map<String, Object> p = quarter(m.getYear(), (m.getMonthValue() + 2) / 3);
            Days d = daysOf(p);
            if (share(coverage.get("PERMAISURI"), d.from(), d.to()) >= 1 && !periods.contains(p)) {
                periods.add(p);
            }
        }
        assertThat(periods).as("complete PERMAISURI quarters").isNotEmpty();
        int withDeaths = 0;
        int noBirths = 0;
        for (Map<String, Object> period : periods) {
            Days days = daysOf(period);
            Map<String, Long> births = new HashMap<>();
            Map<String, Long> maternal = new HashMap<>();
            Map<String, Long> infant = new HashMap<>();
            for (Pregnancy p : pregnancies) {
                if (within(p.delivered(), days)) {
                    births.merge(p.leaf(), 1L, Long::sum);
                }
                if (within(p.maternalDeath(), days)) {
                    maternal.merge(p.leaf(), 1L, Long::sum);
                }
                if (within(p.infantDeath(), days)) {
                    infant.merge(p.leaf(), 1L, Long::sum);
                }
            }
            Map<String, Object> report = report(graphQl, KOTA, period);
            for (Map<String, Object> row : allRows(report).values()) {
                String code = (String) row.get("regionCode");
                String where = period + " " + code;
                long b = sumFor(code, births);
                long md = sumFor(code, maternal);
                long id = sumFor(code, infant);
                assertThat(longOf(row.get("births"))).as(where).isEqualTo(b);
                assertThat(longOf(row.get("maternalDeaths"))).as(where).isEqualTo(md);
                assertThat(longOf(row.get("infantDeaths"))).as(where).isEqualTo(id);
                Map<String, Object> mmr = rate(row, "MATERNAL_MORTALITY_RATIO");
                Map<String, Object> imr = rate(row, "INFANT_MORTALITY_RATE");
                if (b == 0) {
                    assertThat(row.get("maternalMortalityRatio")).as(where).isNull();
                    assertThat(row.get("infantMortalityRate")).as(where).isNull();
                    assertThat(mmr.get("missing")).as(where).isEqualTo("NO_DENOMINATOR");
                    assertThat(missing(row, "maternalMortalityRatio")).as(where).isEqualTo("NO_DENOMINATOR");
                    noBirths++;
                    continue;
                }
                assertClose(doubleOf(row.get("maternalMortalityRatio")), md * 100_000.0 / b, 1e-12, where + " MMR");
                assertClose(doubleOf(row.get("infantMortalityRate")), id * 1_000.0 / b, 1e-12, where + " IMR");
                // Exact binomial intervals (deaths among births): never above 100,000 / 1,000 per as many births.
                double[] m = md <= b ? clopperPearson(md, b) : scaled(garwood(md), 1.0 / b);
                double[] i = id <= b ? clopperPearson(id, b) : scaled(garwood(id), 1.0 / b);
                assertClose(doubleOf(mmr.get("lower95")), m[0] * 100_000.0, 1e-9, where + " MMR lower");
                assertClose(doubleOf(mmr.get("upper95")), m[1] * 100_000.0, 1e-9, where + " MMR upper");
                assertClose(doubleOf(imr.get("lower95")), i[0] * 1_000.0, 1e-9, where + " IMR lower");
                assertClose(doubleOf(imr.get("upper95")), i[1] * 1_000.0, 1e-9, where + " IMR upper");
                if (md <= b) {
                    assertThat(doubleOf(mmr.get("upper95"))).as(where).isLessThanOrEqualTo(100_000.0);
                }
                if (id <= b) {
                    assertThat(doubleOf(imr.get("upper95"))).as(where).isLessThanOrEqualTo(1_000.0);
                }
                assertThat(mmr.get("unstable")).as(where).isEqualTo(md < 20);
                withDeaths += md + id > 0 ? 1 : 0;
            }
        }
        System.out.println("Indicator truth: MMR/IMR over " + periods + ": " + withDeaths + " rows with deaths, "
                + noBirths + " without births (NO_DENOMINATOR)");
        assertThat(withDeaths).isPositive();
    }

    // ------------------------------------------------------------------------------------------- ranks

    @Test
    void howManyRwsChangeRankWithSmoothing() {
        Map<String, Object> period = lastCompleteQuarter(recountCoverage());
        // "Months since the last visit" is counted to today: today is the day after the period, not the wall clock.
        testClock.pin(daysOf(period).to().plusDays(1));
        Map<String, Integer> stable = ranks(graphQl, period, "STABLE");
        Map<String, Integer> crude = ranks(graphQl, period, "CRUDE");
        assertThat(stable.keySet()).isEqualTo(crude.keySet());
        long changed = stable.keySet().stream()
                .filter(rw -> !stable.get(rw).equals(crude.get(rw)))
                .count();
        int[] shifts = stable.keySet().stream()
                .mapToInt(rw -> Math.abs(stable.get(rw) - crude.get(rw)))
                .sorted()
                .toArray();
        double meanShift = java.util.Arrays.stream(shifts).average().orElse(0);
        long movedOver10 = java.util.Arrays.stream(shifts).filter(d -> d > 10).count();
        long top10 = stable.keySet().stream()
                .filter(rw -> stable.get(rw) <= 10 && crude.get(rw) > 10)
                .count();
        long top20 = stable.keySet().stream()
                .filter(rw -> stable.get(rw) <= 20 && crude.get(rw) > 20)
                .count();
        System.out.println(String.format(
                java.util.Locale.ROOT,
                "Indicator truth: targetCandidates %s %s (dinkes): "
                        + "%d of %d RWs change rank with estimate STABLE vs CRUDE (mean shift %.1f places, median %d, "
                        + "max %d, %d move more than 10 places); %d of the stable top 10 and %d of the top 20 are not "
                        + "in the crude ones",
                KOTA,
                period,
                changed,
                stable.size(),
                meanShift,
                shifts[shifts.length / 2],
                shifts[shifts.length - 1],
                movedOver10,
                top10,
                top20));
        assertThat(changed).as("smoothing changes the ranking").isPositive();
    }

    @SuppressWarnings("unchecked")
    Map<String, Integer> ranks(HttpGraphQlTester tester, Map<String, Object> period, String estimate) {
        Map<String, Object> ranking = tester.documentName("indicatorTruthTargetCandidates")
                .variable("regionCode", KOTA)
                .variable("period", period)
                .variable("estimate", estimate)
                .execute()
                .path("targetCandidates")
                .entity(Map.class)
                .get();
        Map<String, Integer> ranks = new HashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) ranking.get("candidates")) {
            ranks.put((String) c.get("regionCode"), (Integer) c.get("rank"));
        }
        return ranks;
    }

    private static double[] scaled(double[] interval, double factor) {
        return new double[] {interval[0] * factor, interval[1] * factor};
    }
}
