package id.ilpatlas.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.privacy.IntervalAttacker.Cell;
import id.ilpatlas.geo.testing.Slow;
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
@Slow
class AllPublicChannelsAttackTest extends IntegrationTest {

    /** 2026 holds most cases; 2025 (December only in the demo) the TB cases that already have an outcome. */
    private static final List<Integer> YEARS = List.of(2025, 2026);

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

    /** Counts that are stocks, not sums over months. */
    private static final java.util.Set<String> STOCKS = java.util.Set.of("EXTREME_POOR_HOUSEHOLDS");

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

    /** What one caller sees: every cell of every channel (null = suppressed), and the area tree. */
    private static final class View {
        final Map<Cell, Long> caseCounts = new HashMap<>();
        final Map<Cell, Long> rwIndicators = new HashMap<>();
        final Map<String, List<String>> areaChildren = new LinkedHashMap<>();
    }

    private View read(HttpGraphQlTester caller) {
        View view = new View();
        for (int year : YEARS) {
            read(caller, year, view);
        }
        return view;
    }

    private void read(HttpGraphQlTester caller, int year, View view) {
        // About 560 requests; the first of a year builds the lattices, which may take seconds on a busy machine.
        HttpGraphQlTester tester =
                caller.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        List<String> parents = new ArrayList<>(List.of("33.75"));
        List<String> indicators = new ArrayList<>(EVENT_COUNTS.keySet());
        indicators.add("EXTREME_POOR_HOUSEHOLDS");
        for (int i = 0; i < parents.size(); i++) {
            String parent = parents.get(i);
            for (Map<String, Object> period : periods(year)) {
                List<Map<String, Object>> rows = tester
                        .documentName("caseCounts")
                        .variable("regionCode", parent)
                        .variable("period", period)
                        .variable("indicators", indicators)
                        .execute()
                        .path("caseCounts")
                        .entityList(Map.class)
                        .get()
                        .stream()
                        .map(m -> (Map<String, Object>) m)
                        .toList();
                for (Map<String, Object> row : rows) {
                    String area = (String) row.get("regionCode");
                    Object count = row.get("count");
                    view.caseCounts.put(
                            new Cell((String) row.get("indicator"), area, periodKey(period)),
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
        for (Map<String, Object> period : periods(year)) {
            var response = tester.documentName("allChannelsRwCounts")
                    .variable("regionCode", "33.75")
                    .variable("period", period)
                    .execute();
            for (String list : List.of("kecamatan", "kelurahan", "rws")) {
                for (Object o : response.path("rwIndicators." + list)
                        .entityList(Map.class)
                        .get()) {
                    addRow(view, (Map<String, Object>) o, periodKey(period));
                }
            }
            addRow(view, response.path("rwIndicators.total").entity(Map.class).get(), periodKey(period));
        }
    }

    private static void addRow(View view, Map<String, Object> row, String period) {
        String area = (String) row.get("regionCode");
        EVENT_COUNTS.forEach((indicator, field) -> {
            Object v = row.get(field);
            view.rwIndicators.put(new Cell(indicator, area, period), v == null ? null : ((Number) v).longValue());
        });
        Object poor = row.get("extremePoorHouseholds");
        view.rwIndicators.put(
                new Cell("EXTREME_POOR_HOUSEHOLDS", area, period), poor == null ? null : ((Number) poor).longValue());
    }

    private static List<Map<String, Object>> periods(int year) {
        List<Map<String, Object>> periods = new ArrayList<>();
        periods.add(Map.of("year", year));
        for (int q = 1; q <= 4; q++) {
            periods.add(Map.of("year", year, "quarter", q));
        }
        for (int m = 1; m <= 12; m++) {
            periods.add(Map.of("year", year, "month", m));
        }
        return periods;
    }

    private static String periodKey(Map<String, Object> period) {
        int year = (Integer) period.get("year");
        if (period.containsKey("quarter")) {
            return year + "-Q" + period.get("quarter");
        }
        if (period.containsKey("month")) {
            return String.format("%d-%02d", year, (Integer) period.get("month"));
        }
        return Integer.toString(year);
    }

    private static final Map<String, List<String>> PERIOD_CHILDREN = new HashMap<>();

    static {
        for (int year : List.of(2025, 2026)) {
            List<String> quarters = new ArrayList<>();
            for (int q = 1; q <= 4; q++) {
                quarters.add(year + "-Q" + q);
                List<String> months = new ArrayList<>();
                for (int m = 1; m <= 3; m++) {
                    months.add(String.format("%d-%02d", year, (q - 1) * 3 + m));
                }
                PERIOD_CHILDREN.put(year + "-Q" + q, months);
            }
            PERIOD_CHILDREN.put(Integer.toString(year), quarters);
        }
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
            if (!java.util.Objects.equals(value, other)) {
                // A cell one channel hides and the other shows is as bad as two values: one lattice, one view.
                conflicts.add(cell + ": caseCounts " + other + ", rwIndicators " + value);
            }
            if (other == null) {
                known.put(cell, value);
            }
        });
        return known;
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
        assertThat(conflicts)
                .as("the two channels publish the same cells with the same values")
                .isEmpty();
        Map<String, Long> suppressed = new java.util.TreeMap<>();
        known.forEach((cell, value) -> suppressed.merge(cell.indicator(), value == null ? 1L : 0L, Long::sum));
        System.out.println("AllPublicChannelsAttackTest: suppressed cells per count " + suppressed);
        for (String indicator : List.of(
                "STUNTED",
                "MEASUREMENTS",
                "TB_NOTIFICATIONS",
                "TB_TREATMENT_SUCCESSES",
                "LOW_BIRTH_WEIGHT_BIRTHS",
                "EXTREME_POOR_HOUSEHOLDS")) {
            assertThat(suppressed.get(indicator))
                    .as("%s has suppressed cells to protect", indicator)
                    .isPositive();
        }
        assertThat(known.values())
                .as("published counts are 0 or at least 5")
                .allMatch(v -> v == null || v == 0 || v >= 5);
        assertThat(IntervalAttacker.recovered(known, view.areaChildren, PERIOD_CHILDREN, ORDERINGS, STOCKS))
                .as("cells pinned by the attacker holding every channel")
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
        assertThat(IntervalAttacker.recovered(known, areas, PERIOD_CHILDREN, ORDERINGS, STOCKS))
                .containsExactlyInAnyOrder(
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
            // Both null: a period the register's imports do not cover (no data for anyone, in both channels).
            if (value == null && other == null && view.caseCounts.containsKey(cell)) {
                return;
            }
            if (value == null || !value.equals(other)) {
                differences.add(cell + ": rwIndicators " + value + ", caseCounts " + other);
            }
        });
        assertThat(differences).as("one definition per name").isEmpty();
        assertThat(view.rwIndicators)
                .as("every count of every area and period compared")
                .hasSizeGreaterThan(1000);
    }
}
