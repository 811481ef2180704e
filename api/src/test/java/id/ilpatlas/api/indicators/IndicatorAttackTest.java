package id.ilpatlas.api.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The anonymous caller attacks the whole public surface of the TB notifications at once ("attack the whole surface at
 * once"): every {@code caseCounts} cell of every kelurahan and its RWs (months, quarters, years of every year the SITB
 * register covers), and every {@code rwIndicators} row of every such period (the monthly count, the 12-month window,
 * the per-100k rate with its count, its smoothed values). Per kelurahan, each published figure is a linear equation
 * over the unknown monthly cells of its RWs; no suppressed monthly cell may be determined by them (exact elimination
 * modulo a large prime), nor pinned to 0 by a published 0 sum, and the windows add nothing the published cells do not
 * already say. The channels agree with each other wherever both publish.
 */
@Slow
class IndicatorAttackTest extends IndicatorTruthSupport {

    private static final long P = 2_147_483_647L;

    /** A linear equation: sum of unknowns (coefficient 1 each) = value. */
    record Equation(List<Integer> unknowns, long value, String source) {}

    @Test
    void noSuppressedMonthlyTbCellOfAnRwCanBeRecoveredFromEveryPublicChannel() {
        HttpGraphQlTester anonymous = anonymous();
        Map<String, List<Days>> coverage = recountCoverage();
        List<Days> sitb = coverage.get("SITB");
        int firstYear = sitb.get(0).from().getYear();
        int lastYear = sitb.get(sitb.size() - 1).to().getYear();
        List<Map<String, Object>> periods = new ArrayList<>();
        for (int y = firstYear; y <= lastYear; y++) {
            periods.add(year(y));
            for (int q = 1; q <= 4; q++) {
                periods.add(quarter(y, q));
            }
            for (int m = 1; m <= 12; m++) {
                periods.add(month(YearMonth.of(y, m)));
            }
        }
        // caseCounts: every kelurahan's own cell and its children's, every period.
        Map<String, Map<String, Long>> published = new HashMap<>(); // period key -> area -> count
        Map<String, Map<String, Boolean>> suppressed = new HashMap<>();
        Map<String, List<String>> leavesOf = new TreeMap<>();
        for (Map<String, Object> period : periods) {
            String key = key(period);
            Map<String, Long> cells = published.computeIfAbsent(key, k -> new HashMap<>());
            Map<String, Boolean> hidden = suppressed.computeIfAbsent(key, k -> new HashMap<>());
            for (String kelurahan : kelurahan()) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> counts = anonymous
                        .documentName("caseCounts")
                        .variable("regionCode", kelurahan)
                        .variable("period", period)
                        .variable("indicators", List.of("TB_NOTIFICATIONS"))
                        .execute()
                        .path("caseCounts")
                        .entity(List.class)
                        .get();
                for (Map<String, Object> c : counts) {
                    String area = (String) c.get("regionCode");
                    hidden.put(area, (Boolean) c.get("suppressed"));
                    if (!(Boolean) c.get("suppressed")) {
                        cells.put(area, longOf(c.get("count")));
                    }
                    if (!area.equals(kelurahan)) {
                        List<String> leaves = leavesOf.computeIfAbsent(kelurahan, k -> new ArrayList<>());
                        if (!leaves.contains(area)) {
                            leaves.add(area);
                        }
                    }
                }
            }
        }
        // rwIndicators: every row of every period as the public sees it.
        Map<String, Map<String, Map<String, Object>>> rows = new LinkedHashMap<>();
        for (Map<String, Object> period : periods) {
            rows.put(key(period), allRows(report(anonymous, KOTA, period)));
        }

        int consistent = 0;
        int smoothedChecked = 0;
        Map<String, Days> windows = new TreeMap<>();
        for (Map<String, Object> period : periods) {
            String key = key(period);
            Days days = daysOf(period);
            boolean complete = share(sitb, days.from(), days.to()) >= 1;
            Days window = new Days(days.to().plusDays(1).minusYears(1), days.to());
            for (Map<String, Object> row : rows.get(key).values()) {
                String area = (String) row.get("regionCode");
                if (!suppressed.get(key).containsKey(area)) {
                    continue; // the kota and kecamatan rows: not part of the per-kelurahan attack
                }
                String where = key + " " + area;
                // The monthly/quarterly/yearly count is the caseCounts cell, suppressed together.
                if (complete) {
                    assertThat(longOf(row.get("tbNotifications")))
                            .as(where)
                            .isEqualTo(published.get(key).get(area));
                    assertThat(row.get("tbNotifications") == null)
                            .as(where)
                            .isEqualTo(suppressed.get(key).get(area));
                    consistent++;
                } else {
                    assertThat(row.get("tbNotifications")).as(where).isNull();
                }
                Map<String, Object> rate = rate(row, "TB_NOTIFICATIONS_PER_100K");
                Long w = longOf(row.get("tbNotifications12Months"));
                if (w != null) {
                    windows.put(key, window);
                    assertThat(longOf(rate.get("count"))).as(where).isEqualTo(w);
                } else {
                    assertThat(rate.get("count")).as(where).isNull();
                    assertThat(rate.get("smoothed")).as(where).isNull();
                    assertThat(rate.get("smoothedGlobal")).as(where).isNull();
                    smoothedChecked++;
                }
            }
        }

        // Per kelurahan: unknown monthly cells of its leaves; equations from every published figure.
        int suppressedCells = 0;
        int windowEquations = 0;
        int windowPairs = 0;
        List<String> recovered = new ArrayList<>();
        for (Map.Entry<String, List<String>> kel : leavesOf.entrySet()) {
            String kelurahan = kel.getKey();
            List<String> leaves = kel.getValue();
            Map<String, Integer> index = new LinkedHashMap<>();
            for (String leaf : leaves) {
                for (int y = firstYear; y <= lastYear; y++) {
                    for (int m = 1; m <= 12; m++) {
                        index.put(leaf + "|" + YearMonth.of(y, m), index.size());
                    }
                }
            }
            List<Equation> cellEquations = new ArrayList<>();
            List<Equation> windowEquationsHere = new ArrayList<>();
            for (Map<String, Object> period : periods) {
                String key = key(period);
                Days days = daysOf(period);
                for (String area : concat(leaves, kelurahan)) {
                    Long v = published.get(key).get(area);
                    if (v != null) {
                        cellEquations.add(new Equation(
                                unknowns(index, area.equals(kelurahan) ? leaves : List.of(area), days),
                                v,
                                "caseCounts " + key + " " + area));
                    }
                    Map<String, Object> row = rows.get(key).get(area);
                    Long w = row == null ? null : longOf(row.get("tbNotifications12Months"));
                    if (w != null) {
                        Days window = windows.get(key);
                        assertThat(window.from().getYear())
                                .as("window inside the lattice years")
                                .isGreaterThanOrEqualTo(firstYear);
                        windowEquationsHere.add(new Equation(
                                unknowns(index, area.equals(kelurahan) ? leaves : List.of(area), window),
                                w,
                                "window " + key + " " + area));
                    }
                }
            }
            windowEquations += windowEquationsHere.size();
            // Consecutive months whose windows are both published: their difference is cell(m) - cell(m - 12).
            for (String leaf : leaves) {
                for (int y = firstYear; y <= lastYear; y++) {
                    for (int m = 1; m <= 12; m++) {
                        YearMonth ym = YearMonth.of(y, m);
                        Map<String, Object> now = rows.get(ym.toString()) == null
                                ? null
                                : rows.get(ym.toString()).get(leaf);
                        Map<String, Object> before = rows.get(ym.minusMonths(1).toString()) == null
                                ? null
                                : rows.get(ym.minusMonths(1).toString()).get(leaf);
                        if (now != null
                                && before != null
                                && now.get("tbNotifications12Months") != null
                                && before.get("tbNotifications12Months") != null) {
                            windowPairs++;
                        }
                    }
                }
            }
            // Every suppressed monthly cell of a leaf: not determined, with or without the windows.
            List<Equation> all = new ArrayList<>(cellEquations);
            all.addAll(windowEquationsHere);
            long[][] rref = rref(all, index.size());
            long[][] rrefCells = rref(cellEquations, index.size());
            for (String leaf : leaves) {
                for (int y = firstYear; y <= lastYear; y++) {
                    for (int m = 1; m <= 12; m++) {
                        String key = YearMonth.of(y, m).toString();
                        if (!Boolean.TRUE.equals(suppressed.get(key).get(leaf))) {
                            continue;
                        }
                        suppressedCells++;
                        int unknown = index.get(leaf + "|" + key);
                        boolean byCells = determined(rrefCells, unknown);
                        boolean byAll = determined(rref, unknown);
                        if (byCells || byAll) {
                            recovered.add(
                                    leaf + " " + key + (byCells ? " from caseCounts alone" : " with the windows"));
                        }
                    }
                }
            }
            // A published sum of 0 pins every suppressed cell under it to 0.
            for (Equation e : all) {
                if (e.value() == 0) {
                    for (int u : e.unknowns()) {
                        String[] parts = name(index, u).split("\\|");
                        if (Boolean.TRUE.equals(suppressed.get(parts[1]).get(parts[0]))) {
                            recovered.add(parts[0] + " " + parts[1] + " pinned to 0 by " + e.source());
                        }
                    }
                }
            }
        }
        System.out.println("Indicator attack: " + periods.size() + " periods, " + leavesOf.size() + " kelurahan, "
                + suppressedCells + " suppressed monthly RW cells, " + windowEquations
                + " published 12-month windows, " + windowPairs + " consecutive-month pairs of published windows, "
                + consistent + " rwIndicators counts equal to their caseCounts cell, " + smoothedChecked
                + " suppressed/missing windows without smoothed values; recovered: " + recovered);
        assertThat(suppressedCells)
                .as("the demo has suppressed monthly TB cells")
                .isPositive();
        assertThat(windowEquations).as("some windows are published").isPositive();
        assertThat(recovered).as("suppressed monthly TB cells recovered").isEmpty();
    }

    /**
     * The exposures the public sees unsuppressed (balitaEligible, the denominator of measurement coverage) must not
     * bound a suppressed count into the small-cell range: every child measured is eligible, so childrenMeasured ≤
     * balitaEligible, and a published balitaEligible under the threshold tells a suppressed childrenMeasured (and
     * stunted, wasted … below it) is in 0..balitaEligible.
     *
     * <p>Failed when balitaEligible was published unsuppressed (commit 34c46d9): 224 suppressed childrenMeasured cells
     * of the 12 demo months bounded to 0..1-4, all in kelurahan-unassigned rows, whose sasaran is 0 so that
     * balitaEligible is the register's own count of children there. The public now sees it suppressed like a count.
     */
    @Test
    void noPublicExposureBoundsASuppressedCountBelowTheThreshold() {
        HttpGraphQlTester anonymous = anonymous();
        int threshold = anonymous
                .documentName("caseSmallCellThreshold")
                .execute()
                .path("smallCellThreshold")
                .entity(Integer.class)
                .get();
        Map<String, List<Days>> coverage = recountCoverage();
        List<Map<String, Object>> periods = new ArrayList<>();
        for (YearMonth m : completeMonths(coverage.get("EPPGBM"))) {
            periods.add(month(m));
        }
        List<String> bounded = new ArrayList<>();
        Map<String, Integer> byLevel = new TreeMap<>();
        int suppressedMeasured = 0;
        for (Map<String, Object> period : periods) {
            for (Map<String, Object> row :
                    allRows(report(anonymous, KOTA, period)).values()) {
                if (!"SUPPRESSED".equals(missing(row, "childrenMeasured"))) {
                    continue;
                }
                suppressedMeasured++;
                Long eligible = longOf(row.get("balitaEligible"));
                if (eligible != null && eligible < threshold) {
                    byLevel.merge((String) row.get("level"), 1, Integer::sum);
                    bounded.add(key(period) + " " + row.get("regionCode") + ": childrenMeasured suppressed, "
                            + "balitaEligible " + eligible);
                }
            }
        }
        System.out.println("Indicator attack: " + suppressedMeasured + " suppressed childrenMeasured over "
                + periods.size() + " months; bounded below the threshold " + threshold + " by the public "
                + "balitaEligible: " + bounded.size() + " " + byLevel + " "
                + bounded.subList(0, Math.min(12, bounded.size())));
        assertThat(bounded)
                .as("suppressed counts bounded into 0..k-1 by a public exposure")
                .isEmpty();
    }

    private static String key(Map<String, Object> period) {
        int y = (Integer) period.get("year");
        if (period.containsKey("month")) {
            return YearMonth.of(y, (Integer) period.get("month")).toString();
        }
        if (period.containsKey("quarter")) {
            return y + "-Q" + period.get("quarter");
        }
        return Integer.toString(y);
    }

    private static List<String> concat(List<String> leaves, String kelurahan) {
        List<String> all = new ArrayList<>(leaves);
        all.add(kelurahan);
        return all;
    }

    private static List<Integer> unknowns(Map<String, Integer> index, List<String> leaves, Days days) {
        List<Integer> out = new ArrayList<>();
        for (String leaf : leaves) {
            for (YearMonth m = YearMonth.from(days.from());
                    !m.isAfter(YearMonth.from(days.to()));
                    m = m.plusMonths(1)) {
                Integer i = index.get(leaf + "|" + m);
                if (i == null) {
                    throw new AssertionError("no unknown for " + leaf + " " + m);
                }
                out.add(i);
            }
        }
        return out;
    }

    private static String name(Map<String, Integer> index, int unknown) {
        return index.entrySet().stream()
                .filter(e -> e.getValue() == unknown)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** The reduced row echelon form modulo P of the equations' coefficient rows (right-hand sides play no part). */
    static long[][] rref(List<Equation> equations, int columns) {
        long[][] a = new long[equations.size()][columns];
        for (int r = 0; r < equations.size(); r++) {
            for (int u : equations.get(r).unknowns()) {
                a[r][u] = (a[r][u] + 1) % P;
            }
        }
        int rank = 0;
        for (int c = 0; c < columns && rank < a.length; c++) {
            int pivot = -1;
            for (int r = rank; r < a.length; r++) {
                if (a[r][c] != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] tmp = a[pivot];
            a[pivot] = a[rank];
            a[rank] = tmp;
            long inverse = pow(a[rank][c], P - 2);
            for (int k = 0; k < columns; k++) {
                a[rank][k] = a[rank][k] * inverse % P;
            }
            for (int r = 0; r < a.length; r++) {
                if (r != rank && a[r][c] != 0) {
                    long f = a[r][c];
                    for (int k = 0; k < columns; k++) {
                        if (a[rank][k] != 0) {
                            a[r][k] = ((a[r][k] - f * a[rank][k]) % P + P) % P;
                        }
                    }
                }
            }
            rank++;
        }
        long[][] out = new long[rank][];
        System.arraycopy(a, 0, out, 0, rank);
        return out;
    }

    /** Whether unknown c is fixed by the equations: e_c lies in their row space (a pivot row with no other entry). */
    static boolean determined(long[][] rref, int c) {
        for (long[] row : rref) {
            int first = -1;
            for (int k = 0; k < row.length; k++) {
                if (row[k] != 0) {
                    first = k;
                    break;
                }
            }
            if (first == c) {
                for (int k = c + 1; k < row.length; k++) {
                    if (row[k] != 0) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static long pow(long base, long exponent) {
        long result = 1;
        base %= P;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * base % P;
            }
            base = base * base % P;
            exponent >>= 1;
        }
        return result;
    }
}
