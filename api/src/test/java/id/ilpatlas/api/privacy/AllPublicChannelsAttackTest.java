package id.ilpatlas.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.cases.demo.SyntheticCaseData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Issue 14, items 2, 3 and 14: an anonymous attacker holding every public channel at once. It reads {@code caseCounts}
 * for every count, area (kota → kecamatan → kelurahan → RW and unassigned) and period of a year (year, quarters,
 * months), and {@code rwIndicators} of the kota for the same periods (tiles, exports and the KIA-gizi review show
 * rwIndicators' cells), merges what the two channels publish, and propagates intervals to a fixed point over every
 * relation it knows: each area is the sum of its children and each period the sum of its children, every count is at
 * least 0, and related counts are ordered (TB successes ≤ with an outcome ≤ notified; severely stunted ≤ stunted ≤
 * measured; wasted, underweight ≤ measured; BBLR ≤ births). It must pin no suppressed cell. The two channels must
 * publish the same value wherever both publish one, and give a caller with case access the same exact counts: one
 * definition per name.
 */
class AllPublicChannelsAttackTest extends IntegrationTest {

    private static final int YEAR = 2026;

    /** caseCounts indicator → rwIndicators field, for the counts that are events (additive over months). */
    private static final Map<String, String> EVENT_COUNTS = new LinkedHashMap<>();

    static {
        EVENT_COUNTS.put("MEASUREMENTS", "childrenMeasured");
        EVENT_COUNTS.put("STUNTED", "stunted");
        EVENT_COUNTS.put("SEVERELY_STUNTED", "severelyStunted");
        EVENT_COUNTS.put("WASTED", "wasted");
        EVENT_COUNTS.put("UNDERWEIGHT", "underweight");
        EVENT_COUNTS.put("TB_NOTIFICATIONS", "tbNotifications");
        EVENT_COUNTS.put("TB_WITH_OUTCOME", "tbCasesWithOutcome");
        EVENT_COUNTS.put("TB_TREATMENT_SUCCESSES", "tbTreatmentSuccesses");
        EVENT_COUNTS.put("HIGH_RISK_PREGNANCIES", "highRiskPregnancies");
        EVENT_COUNTS.put("BIRTHS", "births");
        EVENT_COUNTS.put("LOW_BIRTH_WEIGHT_BIRTHS", "lowBirthWeightBirths");
        EVENT_COUNTS.put("MATERNAL_DEATHS", "maternalDeaths");
        EVENT_COUNTS.put("INFANT_DEATHS", "infantDeaths");
    }

    /** Orderings the attacker uses, cell by cell: {smaller, larger}. */
    private static final List<String[]> ORDERINGS = List.of(
            new String[] {"TB_TREATMENT_SUCCESSES", "TB_WITH_OUTCOME"},
            new String[] {"TB_WITH_OUTCOME", "TB_NOTIFICATIONS"},
            new String[] {"SEVERELY_STUNTED", "STUNTED"},
            new String[] {"STUNTED", "MEASUREMENTS"},
            new String[] {"WASTED", "MEASUREMENTS"},
            new String[] {"UNDERWEIGHT", "MEASUREMENTS"},
            new String[] {"LOW_BIRTH_WEIGHT_BIRTHS", "BIRTHS"});

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    record Cell(String indicator, String area, String period) {
    }

    /** What one caller sees: every cell of every channel (null = suppressed), and the area tree. */
    private static final class View {
        final Map<Cell, Long> caseCounts = new HashMap<>();
        final Map<Cell, Long> rwIndicators = new HashMap<>();
        final Map<String, List<String>> areaChildren = new LinkedHashMap<>();
    }

    private View read(HttpGraphQlTester caller) {
        // About 560 requests; the first of a year builds the lattices, which may take seconds on a busy machine.
        HttpGraphQlTester tester = caller.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        View view = new View();
        List<String> parents = new ArrayList<>(List.of("33.75"));
        List<String> indicators = new ArrayList<>(EVENT_COUNTS.keySet());
        indicators.add("EXTREME_POOR_HOUSEHOLDS");
        for (int i = 0; i < parents.size(); i++) {
            String parent = parents.get(i);
            for (Map<String, Object> period : periods()) {
                List<Map<String, Object>> rows = tester.documentName("caseCounts").variable("regionCode", parent)
                        .variable("period", period).variable("indicators", indicators).execute()
                        .path("caseCounts").entityList(Map.class).get().stream()
                        .map(m -> (Map<String, Object>) m).toList();
                for (Map<String, Object> row : rows) {
                    String area = (String) row.get("regionCode");
                    Object count = row.get("count");
                    view.caseCounts.put(new Cell((String) row.get("indicator"), area, periodKey(period)),
                            count == null ? null : ((Number) count).longValue());
                    if (!area.equals(parent)) {
                        List<String> kids = view.areaChildren.computeIfAbsent(parent, k -> new ArrayList<>());
                        if (!kids.contains(area)) {
                            kids.add(area);
                        }
                        if (!area.contains("RW") && !area.endsWith("UNASSIGNED") && !parents.contains(area)) {
                            parents.add(area);
                        }
                    }
                }
            }
        }
        for (Map<String, Object> period : periods()) {
            var response = tester.documentName("allChannelsRwCounts").variable("regionCode", "33.75")
                    .variable("period", period).execute();
            for (String list : List.of("kecamatan", "kelurahan", "rws")) {
                for (Object o : response.path("rwIndicators." + list).entityList(Map.class).get()) {
                    addRow(view, (Map<String, Object>) o, periodKey(period));
                }
            }
            addRow(view, response.path("rwIndicators.total").entity(Map.class).get(), periodKey(period));
        }
        return view;
    }

    private static void addRow(View view, Map<String, Object> row, String period) {
        String area = (String) row.get("regionCode");
        EVENT_COUNTS.forEach((indicator, field) -> {
            Object v = row.get(field);
            view.rwIndicators.put(new Cell(indicator, area, period), v == null ? null : ((Number) v).longValue());
        });
        Object poor = row.get("extremePoorHouseholds");
        view.rwIndicators.put(new Cell("EXTREME_POOR_HOUSEHOLDS", area, period),
                poor == null ? null : ((Number) poor).longValue());
    }

    private static List<Map<String, Object>> periods() {
        List<Map<String, Object>> periods = new ArrayList<>();
        periods.add(Map.of("year", YEAR));
        for (int q = 1; q <= 4; q++) {
            periods.add(Map.of("year", YEAR, "quarter", q));
        }
        for (int m = 1; m <= 12; m++) {
            periods.add(Map.of("year", YEAR, "month", m));
        }
        return periods;
    }

    private static String periodKey(Map<String, Object> period) {
        if (period.containsKey("quarter")) {
            return YEAR + "-Q" + period.get("quarter");
        }
        if (period.containsKey("month")) {
            return String.format("%d-%02d", YEAR, (Integer) period.get("month"));
        }
        return Integer.toString(YEAR);
    }

    private static final Map<String, List<String>> PERIOD_CHILDREN = new HashMap<>();

    static {
        List<String> quarters = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            quarters.add(YEAR + "-Q" + q);
            List<String> months = new ArrayList<>();
            for (int m = 1; m <= 3; m++) {
                months.add(String.format("%d-%02d", YEAR, (q - 1) * 3 + m));
            }
            PERIOD_CHILDREN.put(YEAR + "-Q" + q, months);
        }
        PERIOD_CHILDREN.put(Integer.toString(YEAR), quarters);
    }

    /** The attacker's knowledge: every cell published by any channel; null where no channel publishes it. */
    private static Map<Cell, Long> merge(View view, List<String> conflicts) {
        Map<Cell, Long> known = new HashMap<>(view.caseCounts);
        view.rwIndicators.forEach((cell, value) -> {
            if (!known.containsKey(cell)) {
                conflicts.add(cell + " is in rwIndicators but not in caseCounts");
                return;
            }
            Long other = known.get(cell);
            if (value != null && other != null && !value.equals(other)) {
                conflicts.add(cell + ": caseCounts " + other + ", rwIndicators " + value);
            }
            if (other == null) {
                known.put(cell, value);
            }
        });
        return known;
    }

    /**
     * Interval propagation to a fixed point over the sums along both axes (event counts only: a stock is not a sum
     * over months), non-negativity and the orderings. Returns the cells no channel publishes that are pinned.
     */
    static List<Cell> recovered(Map<Cell, Long> known, Map<String, List<String>> areaChildren) {
        // Unknown cells start at [0, "infinity"] (sound even when the largest cells are suppressed).
        long max = Long.MAX_VALUE / 1024;
        Map<Cell, long[]> bounds = new HashMap<>();
        known.forEach((c, v) -> bounds.put(c, v == null ? new long[] {0, max} : new long[] {v, v}));
        List<List<Cell>> equations = new ArrayList<>();
        Map<String, List<String>> periodsOf = new HashMap<>();
        for (Cell c : known.keySet()) {
            periodsOf.computeIfAbsent(c.indicator(), k -> new ArrayList<>());
            if (!periodsOf.get(c.indicator()).contains(c.period())) {
                periodsOf.get(c.indicator()).add(c.period());
            }
        }
        for (String indicator : periodsOf.keySet()) {
            for (String period : periodsOf.get(indicator)) {
                areaChildren.forEach((parent, kids) -> {
                    List<Cell> eq = new ArrayList<>();
                    eq.add(new Cell(indicator, parent, period));
                    kids.forEach(k -> eq.add(new Cell(indicator, k, period)));
                    equations.add(eq);
                });
            }
            if (indicator.equals("EXTREME_POOR_HOUSEHOLDS")) {
                continue;
            }
            for (String area : allAreas(areaChildren)) {
                PERIOD_CHILDREN.forEach((parent, kids) -> {
                    List<Cell> eq = new ArrayList<>();
                    eq.add(new Cell(indicator, area, parent));
                    kids.forEach(k -> eq.add(new Cell(indicator, area, k)));
                    equations.add(eq);
                });
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Cell> eq : equations) {
                if (eq.stream().allMatch(bounds::containsKey)) {
                    changed |= propagate(eq, bounds);
                }
            }
            for (String[] order : ORDERINGS) {
                for (Map.Entry<Cell, long[]> e : bounds.entrySet()) {
                    if (!e.getKey().indicator().equals(order[0])) {
                        continue;
                    }
                    Cell c = e.getKey();
                    long[] small = e.getValue();
                    long[] large = bounds.get(new Cell(order[1], c.area(), c.period()));
                    if (large == null) {
                        continue;
                    }
                    if (small[1] > large[1]) {
                        small[1] = large[1];
                        changed = true;
                    }
                    if (large[0] < small[0]) {
                        large[0] = small[0];
                        changed = true;
                    }
                }
            }
        }
        List<Cell> pinned = new ArrayList<>();
        known.forEach((c, v) -> {
            if (v == null && bounds.get(c)[0] == bounds.get(c)[1]) {
                pinned.add(c);
            }
        });
        return pinned;
    }

    private static List<String> allAreas(Map<String, List<String>> areaChildren) {
        List<String> areas = new ArrayList<>(areaChildren.keySet());
        areaChildren.values().forEach(kids -> kids.stream().filter(k -> !areas.contains(k)).forEach(areas::add));
        return areas;
    }

    private static boolean propagate(List<Cell> eq, Map<Cell, long[]> bounds) {
        boolean changed = false;
        long[] p = bounds.get(eq.get(0));
        long childLo = 0;
        long childHi = 0;
        for (Cell c : eq.subList(1, eq.size())) {
            childLo += bounds.get(c)[0];
            childHi += bounds.get(c)[1];
        }
        if (Math.max(p[0], childLo) > p[0] || Math.min(p[1], childHi) < p[1]) {
            p[0] = Math.max(p[0], childLo);
            p[1] = Math.min(p[1], childHi);
            changed = true;
        }
        for (Cell c : eq.subList(1, eq.size())) {
            long[] b = bounds.get(c);
            long lo = Math.max(b[0], p[0] - (childHi - b[1]));
            long hi = Math.min(b[1], p[1] - (childLo - b[0]));
            if (lo > b[0] || hi < b[1]) {
                childLo += lo - b[0];
                childHi += hi - b[1];
                b[0] = lo;
                b[1] = hi;
                changed = true;
            }
        }
        return changed;
    }

    private static View publicView;

    private View publicView() {
        if (publicView == null) {
            publicView = read(anonymous());
        }
        return publicView;
    }

    @Test
    void anAttackerHoldingEveryPublicChannelRecoversNoSuppressedCount() {
        View view = publicView();
        List<String> conflicts = new ArrayList<>();
        Map<Cell, Long> known = merge(view, conflicts);
        assertThat(conflicts).as("the two channels publish one value per cell").isEmpty();
        for (String indicator : EVENT_COUNTS.keySet()) {
            assertThat(known.entrySet()).as("%s has suppressed cells to protect", indicator)
                    .filteredOn(e -> e.getKey().indicator().equals(indicator) && e.getValue() == null)
                    .isNotEmpty();
        }
        assertThat(known.values()).as("published counts are 0 or at least 5")
                .allMatch(v -> v == null || v == 0 || v >= 5);
        assertThat(recovered(known, view.areaChildren)).as("cells pinned by the attacker holding every channel")
                .isEmpty();
    }

    @Test
    void theAttackerPinsWhatSumsAndOrderingsGiveAway() {
        // The attacker is not toothless: the two leaks, in miniature. Period subtraction: year 6, Q1 5,
        // Q3 = Q4 = 0 pins Q2 = 1. Orderings: 3 successes ≤ with outcome ≤ 3 notified pins with outcome = 3.
        Map<Cell, Long> known = new HashMap<>();
        Map<String, List<String>> areas = Map.of("33.75", List.of("33.75.01"));
        for (String area : List.of("33.75", "33.75.01")) {
            known.put(new Cell("TB_TREATMENT_SUCCESSES", area, "2026"), 6L);
            known.put(new Cell("TB_TREATMENT_SUCCESSES", area, "2026-Q1"), 5L);
            known.put(new Cell("TB_TREATMENT_SUCCESSES", area, "2026-Q2"), null);
            known.put(new Cell("TB_TREATMENT_SUCCESSES", area, "2026-Q3"), 0L);
            known.put(new Cell("TB_TREATMENT_SUCCESSES", area, "2026-Q4"), 0L);
            known.put(new Cell("TB_NOTIFICATIONS", area, "2026-03"), 3L);
            known.put(new Cell("TB_WITH_OUTCOME", area, "2026-03"), null);
            known.put(new Cell("TB_TREATMENT_SUCCESSES", area, "2026-03"), 3L);
        }
        assertThat(recovered(known, areas)).containsExactlyInAnyOrder(
                new Cell("TB_TREATMENT_SUCCESSES", "33.75", "2026-Q2"),
                new Cell("TB_TREATMENT_SUCCESSES", "33.75.01", "2026-Q2"),
                new Cell("TB_WITH_OUTCOME", "33.75", "2026-03"),
                new Cell("TB_WITH_OUTCOME", "33.75.01", "2026-03"));
    }

    @Test
    void everyChannelGivesTheSameExactCountsToTheDinkes() {
        View view = read(graphQl);
        List<String> differences = new ArrayList<>();
        view.rwIndicators.forEach((cell, value) -> {
            Long other = view.caseCounts.get(cell);
            if (value == null || !value.equals(other)) {
                differences.add(cell + ": rwIndicators " + value + ", caseCounts " + other);
            }
        });
        assertThat(differences).as("one definition per name").isEmpty();
        assertThat(view.rwIndicators).as("every count of every area and period compared").hasSizeGreaterThan(1000);
    }
}
