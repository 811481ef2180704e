package id.ilpatlas.api.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.demo.SyntheticCaseData;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * What the indicator truth tests share: the GraphQL calls (the same documents the feature tests use), the region
 * table read as the tests need it, the registers' coverage recomputed from the raw register rows by the rule V28
 * documents, and exact statistics written out here (tail sums and bisection), so that nothing is checked against the
 * product's own code.
 */
abstract class IndicatorTruthSupport extends CaseTestSupport {

    static final String KOTA = "33.75";
    static final List<String> REGISTERS = List.of("EPPGBM", "SITB", "P3KE", "PERMAISURI");

    /** The count fields of {@code AreaIndicators} by the register they come from. */
    static final Map<String, List<String>> FIELDS_OF = Map.of(
            "EPPGBM",
                    List.of(
                            "childrenMeasured",
                            "stunted",
                            "severelyStunted",
                            "wasted",
                            "underweight",
                            "balitaEligible"),
            "SITB", List.of("tbNotifications", "tbCasesWithOutcome", "tbTreatmentSuccesses"),
            "P3KE", List.of("extremePoorHouseholds"),
            "PERMAISURI",
                    List.of("births", "lowBirthWeightBirths", "highRiskPregnancies", "maternalDeaths", "infantDeaths"));

    /** The rate indicators by the register of their numerator (and denominator). */
    static final Map<String, List<String>> RATES_OF = Map.of(
            "EPPGBM",
                    List.of(
                            "MEASUREMENT_COVERAGE",
                            "STUNTING_PREVALENCE",
                            "SEVERE_STUNTING_PREVALENCE",
                            "WASTING_PREVALENCE",
                            "UNDERWEIGHT_PREVALENCE"),
            "SITB", List.of("TB_TREATMENT_SUCCESS_RATE"),
            "P3KE", List.of("EXTREME_POOR_SHARE"),
            "PERMAISURI", List.of("MATERNAL_MORTALITY_RATIO", "INFANT_MORTALITY_RATE"));

    /** Each rate: numerator field, denominator field (or population / estimatedHouseholds), per, proportion. */
    record RateDef(String numerator, String denominator, int per, boolean proportion) {}

    static final Map<String, RateDef> RATE_DEFS = Map.ofEntries(
            Map.entry("MEASUREMENT_COVERAGE", new RateDef("childrenMeasured", "balitaEligible", 1, true)),
            Map.entry("STUNTING_PREVALENCE", new RateDef("stunted", "childrenMeasured", 1, true)),
            Map.entry("SEVERE_STUNTING_PREVALENCE", new RateDef("severelyStunted", "childrenMeasured", 1, true)),
            Map.entry("WASTING_PREVALENCE", new RateDef("wasted", "childrenMeasured", 1, true)),
            Map.entry("UNDERWEIGHT_PREVALENCE", new RateDef("underweight", "childrenMeasured", 1, true)),
            Map.entry(
                    "TB_NOTIFICATIONS_PER_100K", new RateDef("tbNotifications12Months", "population", 100_000, false)),
            Map.entry("TB_TREATMENT_SUCCESS_RATE", new RateDef("tbTreatmentSuccesses", "tbCasesWithOutcome", 1, true)),
            Map.entry("EXTREME_POOR_SHARE", new RateDef("extremePoorHouseholds", "estimatedHouseholds", 1, false)),
            // Deaths are at most the births: the exact binomial interval, which cannot pass 100,000 per 100,000.
            Map.entry("MATERNAL_MORTALITY_RATIO", new RateDef("maternalDeaths", "births", 100_000, true)),
            Map.entry("INFANT_MORTALITY_RATE", new RateDef("infantDeaths", "births", 1_000, true)));

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    // ------------------------------------------------------------------------------------------- GraphQL

    @SuppressWarnings("unchecked")
    Map<String, Object> report(HttpGraphQlTester tester, String region, Map<String, Object> period) {
        return tester.documentName("rwIndicators")
                .variable("regionCode", region)
                .variable("period", period)
                .variable("indicator", "STUNTING_PREVALENCE")
                .variable("method", "QUANTILE")
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
    static List<Map<String, Object>> list(Map<String, Object> node, String field) {
        return (List<Map<String, Object>>) node.get(field);
    }

    /** The RW rows of a report (not the unassigned ones), by code. */
    static Map<String, Map<String, Object>> rwRows(Map<String, Object> report) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : list(report, "rws")) {
            if ("RW".equals(row.get("level"))) {
                rows.put((String) row.get("regionCode"), row);
            }
        }
        return rows;
    }

    /** Every row of a report (total, kecamatan, kelurahan, RWs and unassigned), by code. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> allRows(Map<String, Object> report) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (String part : List.of("kecamatan", "kelurahan", "rws")) {
            list(report, part).forEach(r -> rows.put((String) r.get("regionCode"), r));
        }
        Map<String, Object> total = (Map<String, Object>) report.get("total");
        rows.put((String) total.get("regionCode"), total);
        return rows;
    }

    /** A row's rate entry for one indicator. */
    static Map<String, Object> rate(Map<String, Object> row, String indicator) {
        return list(row, "rates").stream()
                .filter(r -> indicator.equals(r.get("indicator")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rate " + indicator + " in " + row.get("regionCode")));
    }

    /** The reason a row gives for a null field, or null when it gives none. */
    static String missing(Map<String, Object> row, String field) {
        return list(row, "missing").stream()
                .filter(m -> field.equals(m.get("field")))
                .map(m -> (String) m.get("reason"))
                .findFirst()
                .orElse(null);
    }

    static Long longOf(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    static Double doubleOf(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** Published TB notification counts of caseCounts for every leaf (RWs and unassigned) of the kota, one period. */
    @SuppressWarnings("unchecked")
    Map<String, Long> publishedLeafCells(
            HttpGraphQlTester tester,
            String indicator,
            Map<String, Object> period,
            Map<String, Boolean> suppressedOut) {
        Map<String, Long> cells = new HashMap<>();
        for (String kelurahan : kelurahan()) {
            List<Map<String, Object>> counts = tester.documentName("caseCounts")
                    .variable("regionCode", kelurahan)
                    .variable("period", period)
                    .variable("indicators", List.of(indicator))
                    .execute()
                    .path("caseCounts")
                    .entity(List.class)
                    .get();
            for (Map<String, Object> c : counts) {
                String code = (String) c.get("regionCode");
                if (code.equals(kelurahan)) {
                    continue;
                }
                boolean suppressed = (Boolean) c.get("suppressed");
                suppressedOut.put(code, suppressed);
                if (!suppressed) {
                    cells.put(code, longOf(c.get("count")));
                }
            }
        }
        return cells;
    }

    // ------------------------------------------------------------------------------------------- regions

    private Map<String, String> levels;
    private Map<String, Integer> populations;

    Map<String, String> levels() {
        if (levels == null) {
            levels = new HashMap<>();
            populations = new HashMap<>();
            jdbc.sql("SELECT code, level, coalesce(population, 0) FROM regions WHERE kabkota_code = :k")
                    .param("k", KOTA)
                    .query((rs, n) -> {
                        levels.put(rs.getString(1), rs.getString(2));
                        populations.put(rs.getString(1), rs.getInt(3));
                        return null;
                    })
                    .list();
        }
        return levels;
    }

    Map<String, Integer> populations() {
        levels();
        return populations;
    }

    List<String> kelurahan() {
        return levels().entrySet().stream()
                .filter(e -> e.getValue().equals("KELURAHAN"))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The row a register row's region_code is counted in (an RW, or its kelurahan's unassigned row), or null. */
    String leafRow(String regionCode) {
        String level = levels().get(regionCode);
        if ("RW".equals(level)) {
            return regionCode;
        }
        return "KELURAHAN".equals(level) ? regionCode + ".UNASSIGNED" : null;
    }

    /** Whether a kelurahan has RWs. */
    boolean hasRws(String kelurahan) {
        return levels().keySet().stream().anyMatch(c -> c.startsWith(kelurahan + ".") && "RW".equals(levels.get(c)));
    }

    /** The sasaran balita of a leaf row by the V28 rule: an RW's population, a kelurahan without RWs its own. */
    long target(String leafRow) {
        if (leafRow.endsWith(".UNASSIGNED")) {
            String kel = leafRow.substring(0, leafRow.length() - ".UNASSIGNED".length());
            return hasRws(kel) ? 0 : Math.round(populations().get(kel) * 0.085);
        }
        return Math.round(populations().get(leafRow) * 0.085);
    }

    // ------------------------------------------------------------------------------------------- coverage

    /** A closed range of days. */
    record Days(LocalDate from, LocalDate to) {
        long length() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    /**
     * What each register covers in the kota, recomputed from the raw rows by the rule in V28: per import job, from
     * the first day of the month of its earliest record (SITB diagnosis, e-PPGBM measurement) to the end of the
     * month of its latest; P3KE its as-of dates; PERMAISURI from its earliest HPHT + 294 days to the end of the month
     * of its latest date of any kind; never past the day of the import; a register covers the union of its jobs.
     */
    Map<String, List<Days>> recountCoverage() {
        Map<String, List<Days>> ranges = new LinkedHashMap<>();
        REGISTERS.forEach(r -> ranges.put(r, new ArrayList<>()));
        Map<Long, LocalDate> importDay = new HashMap<>();
        Map<Long, String> format = new HashMap<>();
        jdbc.sql("SELECT id, format, (coalesce(finished_at, started_at) AT TIME ZONE 'UTC')::date FROM import_jobs "
                        + "WHERE state IN ('SUCCEEDED', 'FAILED', 'RUNNING')")
                .query((rs, n) -> {
                    importDay.put(rs.getLong(1), rs.getObject(3, LocalDate.class));
                    format.put(rs.getLong(1), rs.getString(2));
                    return null;
                })
                .list();
        // Each query returns a job's first and last raw record date; the rule is applied in Java.
        java.util.function.BiConsumer<String, String> collect = (register, sql) -> jdbc.sql(sql)
                .param("k", KOTA)
                .query((rs, n) -> {
                    long job = rs.getLong(1);
                    if (!format.containsKey(job) || !format.get(job).equals(register)) {
                        return null;
                    }
                    LocalDate first = rs.getObject(2, LocalDate.class);
                    LocalDate last = rs.getObject(3, LocalDate.class);
                    LocalDate from = switch (register) {
                        case "EPPGBM", "SITB" -> first.withDayOfMonth(1);
                        case "P3KE" -> first;
                        default -> first.plusDays(294);
                    };
                    LocalDate to = register.equals("P3KE")
                            ? last
                            : YearMonth.from(last).atEndOfMonth();
                    if (to.isAfter(importDay.get(job))) {
                        to = importDay.get(job);
                    }
                    if (!to.isBefore(from)) {
                        ranges.get(register).add(new Days(from, to));
                    }
                    return null;
                })
                .list();
        collect.accept(
                "EPPGBM",
                "SELECT import_job_id, min(measured_on), max(measured_on) FROM growth_measurements "
                        + "WHERE kabkota_code = :k AND import_job_id IS NOT NULL GROUP BY 1");
        collect.accept(
                "SITB",
                "SELECT import_job_id, min(diagnosed_on), max(diagnosed_on) FROM tb_cases "
                        + "WHERE kabkota_code = :k AND import_job_id IS NOT NULL GROUP BY 1");
        collect.accept(
                "P3KE",
                "SELECT import_job_id, min(as_of), max(as_of) FROM poverty_households "
                        + "WHERE kabkota_code = :k AND import_job_id IS NOT NULL GROUP BY 1");
        // PERMAISURI: every date of a pregnancy row is read out, the latest of them picked here.
        Map<Long, LocalDate[]> permaisuri = new HashMap<>();
        jdbc.sql("SELECT import_job_id, last_menstrual_period, delivered_on, maternal_death_on, infant_death_on "
                        + "FROM pregnancies WHERE kabkota_code = :k AND import_job_id IS NOT NULL")
                .param("k", KOTA)
                .query((rs, n) -> {
                    LocalDate[] span = permaisuri.computeIfAbsent(rs.getLong(1), j -> new LocalDate[2]);
                    LocalDate lmp = rs.getObject(2, LocalDate.class);
                    span[0] = span[0] == null || lmp.isBefore(span[0]) ? lmp : span[0];
                    for (int c = 2; c <= 5; c++) {
                        LocalDate d = rs.getObject(c, LocalDate.class);
                        if (d != null && (span[1] == null || d.isAfter(span[1]))) {
                            span[1] = d;
                        }
                    }
                    return null;
                })
                .list();
        permaisuri.forEach((job, span) -> {
            if ("PERMAISURI".equals(format.get(job))) {
                LocalDate from = span[0].plusDays(294);
                LocalDate to = YearMonth.from(span[1]).atEndOfMonth();
                if (to.isAfter(importDay.get(job))) {
                    to = importDay.get(job);
                }
                if (!to.isBefore(from)) {
                    ranges.get("PERMAISURI").add(new Days(from, to));
                }
            }
        });
        Map<String, List<Days>> union = new LinkedHashMap<>();
        ranges.forEach((register, list) -> {
            list.sort(Comparator.comparing(Days::from));
            List<Days> merged = new ArrayList<>();
            for (Days d : list) {
                Days last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && !d.from().isAfter(last.to().plusDays(1))) {
                    merged.set(
                            merged.size() - 1, new Days(last.from(), d.to().isAfter(last.to()) ? d.to() : last.to()));
                } else {
                    merged.add(d);
                }
            }
            union.put(register, merged);
        });
        return union;
    }

    /** The P3KE snapshot date: the latest as-of date of the kota's households. */
    LocalDate snapshotDate() {
        return jdbc.sql("SELECT max(as_of) FROM poverty_households WHERE kabkota_code = :k")
                .param("k", KOTA)
                .query(LocalDate.class)
                .single();
    }

    /** The share of the days from..to inside the ranges. */
    static double share(List<Days> covered, LocalDate from, LocalDate to) {
        long inside = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            if (covered.stream().anyMatch(r -> !day.isBefore(r.from()) && !day.isAfter(r.to()))) {
                inside++;
            }
        }
        return (double) inside / (ChronoUnit.DAYS.between(from, to) + 1);
    }

    static String status(double share) {
        return share >= 1 ? "COMPLETE" : share == 0 ? "NO_DATA" : "PARTIAL_PERIOD";
    }

    /** The period input of a month, quarter or year. */
    static Map<String, Object> month(YearMonth m) {
        return Map.of("year", m.getYear(), "month", m.getMonthValue());
    }

    static Map<String, Object> quarter(int year, int q) {
        return Map.of("year", year, "quarter", q);
    }

    static Map<String, Object> year(int year) {
        return Map.of("year", year);
    }

    /** The first and last day of a period input. */
    static Days daysOf(Map<String, Object> period) {
        int y = (Integer) period.get("year");
        if (period.containsKey("month")) {
            YearMonth m = YearMonth.of(y, (Integer) period.get("month"));
            return new Days(m.atDay(1), m.atEndOfMonth());
        }
        if (period.containsKey("quarter")) {
            int q = (Integer) period.get("quarter");
            LocalDate f = LocalDate.of(y, 3 * q - 2, 1);
            return new Days(f, f.plusMonths(3).minusDays(1));
        }
        return new Days(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
    }

    /**
     * The last calendar quarter every event register covers completely, with a complete 12-month SITB window: the
     * period the rate checks use (chosen from the coverage, so that other tests' imports cannot move it off).
     */
    static Map<String, Object> lastCompleteQuarter(Map<String, List<Days>> coverage) {
        List<Days> sitb = coverage.get("SITB");
        YearMonth last = YearMonth.from(sitb.get(sitb.size() - 1).to());
        for (YearMonth m = last; !m.isBefore(last.minusYears(3)); m = m.minusMonths(1)) {
            if (m.getMonthValue() % 3 != 0) {
                continue;
            }
            Map<String, Object> q = quarter(m.getYear(), m.getMonthValue() / 3);
            Days d = daysOf(q);
            boolean complete = List.of("EPPGBM", "SITB", "PERMAISURI").stream()
                            .allMatch(r -> share(coverage.get(r), d.from(), d.to()) >= 1)
                    && share(sitb, d.to().plusDays(1).minusYears(1), d.to()) >= 1;
            if (complete) {
                return q;
            }
        }
        throw new AssertionError("no quarter with every register and the TB window complete: " + coverage);
    }

    /** The months of the quarters/years a register covers completely (for choosing periods). */
    static List<YearMonth> completeMonths(List<Days> covered) {
        List<YearMonth> months = new ArrayList<>();
        for (Days d : covered) {
            for (YearMonth m = YearMonth.from(d.from()); !m.isAfter(YearMonth.from(d.to())); m = m.plusMonths(1)) {
                if (share(covered, m.atDay(1), m.atEndOfMonth()) >= 1) {
                    months.add(m);
                }
            }
        }
        return months;
    }

    // ------------------------------------------------------------------------------------------- exact statistics

    private static final List<Double> LOG_FACTORIAL = new ArrayList<>(List.of(0.0));

    static synchronized double logFactorial(long k) {
        while (LOG_FACTORIAL.size() <= k) {
            int n = LOG_FACTORIAL.size();
            LOG_FACTORIAL.add(LOG_FACTORIAL.get(n - 1) + Math.log(n));
        }
        return LOG_FACTORIAL.get((int) k);
    }

    /** log of a sum of exp(terms). */
    static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /** P(X ≤ x) for X ~ Poisson(lambda), a direct sum of the probabilities. */
    static double poissonCdf(long x, double lambda) {
        if (lambda == 0) {
            return 1;
        }
        double[] terms = new double[(int) x + 1];
        for (int k = 0; k <= x; k++) {
            terms[k] = -lambda + k * Math.log(lambda) - logFactorial(k);
        }
        return Math.min(1, Math.exp(logSumExp(terms)));
    }

    /** P(X ≤ x) for X ~ Binomial(n, p), a direct sum of the probabilities. */
    static double binomialCdf(long x, long n, double p) {
        if (p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return x >= n ? 1 : 0;
        }
        double[] terms = new double[(int) x + 1];
        for (int k = 0; k <= x; k++) {
            terms[k] = logFactorial(n)
                    - logFactorial(k)
                    - logFactorial(n - k)
                    + k * Math.log(p)
                    + (n - k) * Math.log1p(-p);
        }
        return Math.min(1, Math.exp(logSumExp(terms)));
    }

    /** The root of a decreasing function f - target on [lo, hi], by bisection to the last representable digit. */
    static double bisect(java.util.function.DoubleUnaryOperator f, double target, double lo, double hi) {
        for (int i = 0; i < 2000 && lo < hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (f.applyAsDouble(mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Garwood's exact 95 % interval of a Poisson mean, inverting the Poisson CDF. */
    static double[] garwood(long x) {
        double hi = x + 20 * Math.sqrt(x + 1.0) + 20;
        double lower = x == 0 ? 0 : bisect(l -> poissonCdf(x - 1, l), 0.975, 0, hi);
        double upper = bisect(l -> poissonCdf(x, l), 0.025, 0, hi);
        return new double[] {lower, upper};
    }

    /** The Clopper-Pearson 95 % interval of x successes in n, inverting the binomial CDF. */
    static double[] clopperPearson(long x, long n) {
        double lower = x == 0 ? 0 : bisect(p -> binomialCdf(x - 1, n, p), 0.975, 0, 1);
        double upper = x == n ? 1 : bisect(p -> binomialCdf(x, n, p), 0.025, 0, 1);
        return new double[] {lower, upper};
    }

    static void assertClose(Double actual, double expected, double relative, String what) {
        assertThat(actual).as(what).isNotNull();
        double tolerance = relative * Math.max(1e-300, Math.abs(expected));
        assertThat(Math.abs(actual - expected) <= tolerance || actual.equals(expected))
                .as("%s: %s, expected %s (rel %s)", what, actual, expected, relative)
                .isTrue();
    }
}
