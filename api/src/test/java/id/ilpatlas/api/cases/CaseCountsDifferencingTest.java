package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.privacy.IntervalAttacker;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Small-cell suppression of the public case counts, attacked through GraphQL: every cell of a year (kota, kecamatan,
 * kelurahan, RW and unassigned leaves × year, quarters, months) is fetched as the attacker, then an interval
 * attacker propagates all additive relations (a parent is the sum of its children on both axes) to a fixed point.
 * No suppressed count may be pinned to one value; every published count equals the count recomputed from the rows.
 * Insiders (lurah, camat, kader) attack too, knowing their own scope exactly.
 */
@Slow
class CaseCountsDifferencingTest extends IntegrationTest {

    private static final int YEAR = 2026;
    private static final List<String> INDICATORS = List.of("STUNTED", "TB_NOTIFICATIONS", "LOW_BIRTH_WEIGHT_BIRTHS");

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    private record Cell(String area, String period) {}

    /** Every cell of every indicator as a caller sees it: a count, or null when suppressed. */
    private Map<String, Map<Cell, Long>> fetchAll(HttpGraphQlTester tester, Map<String, List<String>> children) {
        Map<String, Map<Cell, Long>> cells = new LinkedHashMap<>();
        List<String> parents = new ArrayList<>(List.of("33.75"));
        for (int i = 0; i < parents.size(); i++) {
            String parent = parents.get(i);
            for (Map<String, Object> period : periods()) {
                List<Map<String, Object>> rows = tester
                        .documentName("caseCounts")
                        .variable("regionCode", parent)
                        .variable("period", period)
                        .variable("indicators", INDICATORS)
                        .execute()
                        .path("caseCounts")
                        .entityList(Map.class)
                        .get()
                        .stream()
                        .map(m -> (Map<String, Object>) m)
                        .toList();
                String key = periodKey(period);
                for (Map<String, Object> row : rows) {
                    String area = (String) row.get("regionCode");
                    Object count = row.get("count");
                    // Null when suppressed, or for everyone when the register's imports do not cover the period (the
                    // test data run from July 2025 to June 2026): such a cell is unknown to the attacker too.
                    Object missing = row.get("missing");
                    assertThat(count == null)
                            .as("null count of %s %s", area, key)
                            .isEqualTo(missing != null);
                    assertThat(Boolean.TRUE.equals(row.get("suppressed")))
                            .as("suppressed flag of %s %s", area, key)
                            .isEqualTo("SUPPRESSED".equals(missing));
                    if (missing != null && !"SUPPRESSED".equals(missing)) {
                        UNCOVERED.add(new Cell(area, key));
                    }
                    cells.computeIfAbsent((String) row.get("indicator"), k -> new LinkedHashMap<>())
                            .put(new Cell(area, key), count == null ? null : ((Number) count).longValue());
                    if (!area.equals(parent)) {
                        children.computeIfAbsent(parent, k -> new ArrayList<>());
                        if (!children.get(parent).contains(area)) {
                            children.get(parent).add(area);
                        }
                        if (!area.contains("RW") && !area.endsWith("UNASSIGNED") && !parents.contains(area)) {
                            parents.add(area);
                        }
                    }
                }
            }
        }
        return cells;
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
    /** Cells of periods the registers do not cover completely: null for every caller, not suppressed. */
    private static final Set<Cell> UNCOVERED = new java.util.HashSet<>();

    static {
        List<String> quarters = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            String quarter = YEAR + "-Q" + q;
            quarters.add(quarter);
            List<String> months = new ArrayList<>();
            for (int m = 1; m <= 3; m++) {
                months.add(String.format("%d-%02d", YEAR, (q - 1) * 3 + m));
            }
            PERIOD_CHILDREN.put(quarter, months);
        }
        PERIOD_CHILDREN.put(Integer.toString(YEAR), quarters);
    }

    /**
     * Interval propagation over parent = sum(children) on both axes ({@link IntervalAttacker}); known cells
     * (published, or exactly known by an insider) are fixed. Returns the suppressed cells pinned to one value.
     */
    private static List<Cell> recovered(Map<Cell, Long> view, Map<String, List<String>> areaChildren) {
        Map<IntervalAttacker.Cell, Long> known = new HashMap<>();
        view.forEach((c, v) -> known.put(new IntervalAttacker.Cell("count", c.area(), c.period()), v));
        return IntervalAttacker.recovered(known, areaChildren, PERIOD_CHILDREN, List.of(), Set.of()).stream()
                .map(c -> new Cell(c.area(), c.period()))
                .toList();
    }

    /** The anonymous view of every cell, fetched once for the tests of this class. */
    private static Map<String, Map<Cell, Long>> publicView;

    private static final Map<String, List<String>> AREA_CHILDREN = new LinkedHashMap<>();

    private Map<String, Map<Cell, Long>> publicView() {
        if (publicView == null) {
            publicView = fetchAll(anonymous(), AREA_CHILDREN);
        }
        return publicView;
    }

    @Test
    void anonymousCannotRecoverASuppressedCount() {
        for (String indicator : INDICATORS) {
            Map<Cell, Long> view = publicView().get(indicator);
            long suppressed = view.values().stream().filter(v -> v == null).count();
            assertThat(suppressed).as("%s: some cells are small", indicator).isPositive();
            assertThat(view.values())
                    .as("published counts are 0 or at least 5")
                    .allMatch(v -> v == null || v == 0 || v >= 5);
            assertThat(recovered(view, AREA_CHILDREN))
                    .as("anonymous recovers %s cells", indicator)
                    .isEmpty();
        }
    }

    @Test
    void aPlannerSeesTheDinkesCounts() {
        for (String region : List.of("33.75", "33.75.03", "33.75.03.1006")) {
            for (Map<String, Object> period :
                    List.of(Map.<String, Object>of("year", YEAR), Map.<String, Object>of("year", YEAR, "month", 3))) {
                List<Map> planner = as("planner")
                        .documentName("caseCounts")
                        .variable("regionCode", region)
                        .variable("period", period)
                        .variable("indicators", INDICATORS)
                        .execute()
                        .path("caseCounts")
                        .entityList(Map.class)
                        .get();
                List<Map> dinkes = as("dinkes")
                        .documentName("caseCounts")
                        .variable("regionCode", region)
                        .variable("period", period)
                        .variable("indicators", INDICATORS)
                        .execute()
                        .path("caseCounts")
                        .entityList(Map.class)
                        .get();
                // Issue 17, item 8: the Dinkes planner reads exact aggregates of its kota (no person).
                assertThat(planner).as("%s %s", region, period).isEqualTo(dinkes);
                assertThat(planner)
                        .as("%s %s", region, period)
                        .noneMatch(c -> Boolean.TRUE.equals(c.get("suppressed")));
            }
        }
    }

    @Test
    void publishedCountsEqualTheRows() {
        Map<Cell, Long> view = publicView().get("TB_NOTIFICATIONS");
        view.forEach((cell, published) -> {
            if (published == null
                    || cell.area().endsWith("UNASSIGNED")
                    || cell.period().contains("Q")) {
                return;
            }
            String from = cell.period().length() == 4 ? cell.period() + "-01-01" : cell.period() + "-01";
            String interval = cell.period().length() == 4 ? "1 year" : "1 month";
            long rows = jdbc.sql("""
                            SELECT count(*) FROM tb_cases t JOIN regions r ON r.code = t.region_code
                             WHERE (t.region_code = :a OR t.region_code LIKE :a || '.%')
                               AND t.diagnosed_on >= CAST(:from AS date)
                               AND t.diagnosed_on < CAST(:from AS date) + CAST(:i AS interval)""")
                    .param("a", cell.area())
                    .param("from", from)
                    .param("i", interval)
                    .query(Long.class)
                    .single();
            assertThat(published).as("%s", cell).isEqualTo(rows);
        });
    }

    @Test
    void insidersKnowingTheirScopeCannotRecoverCountsOutsideIt() {
        for (String user : List.of("lurah-medono", "puskesmas-tirto", "kader-PSY-3375011002RW001-1")) {
            List<String> scope = as(user).documentName("accessMe")
                    .execute()
                    .path("me.scope")
                    .entityList(String.class)
                    .get();
            Map<String, List<String>> children = new LinkedHashMap<>();
            Map<String, Map<Cell, Long>> views = fetchAll(as(user), children);
            for (String indicator : INDICATORS) {
                Map<Cell, Long> view = views.get(indicator);
                assertThat(view.entrySet())
                        .as("%s sees its own scope %s exactly", user, scope)
                        .filteredOn(e -> inScope(e.getKey().area(), scope) && !UNCOVERED.contains(e.getKey()))
                        .isNotEmpty()
                        .allMatch(e -> e.getValue() != null);
                List<Cell> pinned = recovered(view, children);
                assertThat(pinned)
                        .as("%s recovers %s cells outside its scope", user, indicator)
                        .isEmpty();
            }
        }
    }

    private static boolean inScope(String area, List<String> scope) {
        String region = area.endsWith(".UNASSIGNED") ? area.substring(0, area.length() - ".UNASSIGNED".length()) : area;
        return scope.stream().anyMatch(s -> region.equals(s) || region.startsWith(s + "."));
    }
}
