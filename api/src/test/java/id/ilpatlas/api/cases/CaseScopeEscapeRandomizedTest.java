package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Seeded random attempts to read case data outside one's scope, on the synthetic Pekalongan registers: the lurah of
 * Medono, the camat of Pekalongan Utara, the puskesmas staff of Tirto and a kader ask for children by id, every
 * register filtered by regions outside their scope, unfiltered pages (whatever comes back must lie inside), the
 * import jobs of others, and case counts of other areas (which must equal what an anonymous caller gets: no exact
 * small count leaks). Differencing of the counts is attacked in {@link CaseCountsDifferencingTest}.
 */
@Slow
class CaseScopeEscapeRandomizedTest extends IntegrationTest {

    static final long SEED = 20_261_130L;
    static final int ATTEMPTS = 400;
    static final List<String> ATTACKERS =
            List.of("lurah-medono", "camat-utara", "puskesmas-tirto", "kader-PSY-3375011002RW001-1");
    static final List<String> KINDS = List.of(
            "childById",
            "childrenByRegion",
            "tbCasesByRegion",
            "householdsByRegion",
            "pregnanciesByRegion",
            "unfilteredPage",
            "importJobOfOthers",
            "caseCounts");
    static final Map<String, String> REGISTER_DOCUMENTS = Map.of(
            "childrenByRegion",
            "caseChildren",
            "tbCasesByRegion",
            "caseTbCases",
            "householdsByRegion",
            "casePovertyHouseholds",
            "pregnanciesByRegion",
            "casePregnancies");

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    private static boolean inScope(String region, List<String> scope) {
        return region != null && scope.stream().anyMatch(s -> region.equals(s) || region.startsWith(s + "."));
    }

    @Test
    void noRoleReadsCaseDataOutsideItsScope() {
        Random random = new Random(SEED);
        Map<String, List<String>> scopes = new LinkedHashMap<>();
        Map<String, HttpGraphQlTester> testers = new LinkedHashMap<>();
        for (String attacker : ATTACKERS) {
            testers.put(attacker, as(attacker));
            scopes.put(
                    attacker,
                    testers.get(attacker)
                            .documentName("accessMe")
                            .execute()
                            .path("me.scope")
                            .entityList(String.class)
                            .get());
        }
        List<String> regions = jdbc.sql("SELECT code FROM regions WHERE kabkota_code = '33.75' ORDER BY code")
                .query(String.class)
                .list();
        List<Map<String, Object>> children = jdbc.sql("SELECT id, region_code FROM children ORDER BY id")
                .query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "region", rs.getString(2)))
                .list();
        List<Map<String, Object>> jobs = jdbc.sql("SELECT id, actor FROM import_jobs ORDER BY id")
                .query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "actor", rs.getString(2)))
                .list();
        assertThat(children).as("synthetic children are loaded").hasSizeGreaterThan(1000);

        Map<String, int[]> tally = new TreeMap<>();
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            String attacker = ATTACKERS.get(random.nextInt(ATTACKERS.size()));
            String kind = KINDS.get(random.nextInt(KINDS.size()));
            List<String> scope = scopes.get(attacker);
            HttpGraphQlTester tester = testers.get(attacker);
            List<String> outside = regions.stream()
                    .filter(r -> !inScope(r, scope) && scope.stream().noneMatch(s -> s.startsWith(r + ".")))
                    .toList();
            String region = outside.get(random.nextInt(outside.size()));
            String leak = switch (kind) {
                case "childById" -> {
                    List<Map<String, Object>> foreign = children.stream()
                            .filter(c -> !inScope((String) c.get("region"), scope))
                            .toList();
                    Map<String, Object> child = foreign.get(random.nextInt(foreign.size()));
                    tester.documentName("caseChild")
                            .variable("id", child.get("id").toString())
                            .execute()
                            .path("child")
                            .valueIsNull();
                    yield null;
                }
                case "childrenByRegion", "tbCasesByRegion", "householdsByRegion", "pregnanciesByRegion" -> {
                    String document = REGISTER_DOCUMENTS.get(kind);
                    String field = switch (kind) {
                        case "childrenByRegion" -> "children";
                        case "tbCasesByRegion" -> "tbCases";
                        case "householdsByRegion" -> "povertyHouseholds";
                        default -> "pregnancies";
                    };
                    List<?> edges = tester.documentName(document)
                            .variable("filter", Map.of("regionCode", region))
                            .variable("first", 10)
                            .execute()
                            .path(field + ".edges")
                            .entityList(Object.class)
                            .get();
                    yield edges.isEmpty() ? null : edges.size() + " " + field + " of " + region;
                }
                case "unfilteredPage" -> {
                    List<String> rws = tester
                            .documentName("caseChildren")
                            .variable("first", 25)
                            .execute()
                            .path("children.edges[*].node.address")
                            .entityList(Map.class)
                            .get()
                            .stream()
                            .map(a -> a.get("rwCode") != null
                                    ? (String) a.get("rwCode")
                                    : (String) a.get("kelurahanCode"))
                            .filter(r -> !inScope(r, scope))
                            .toList();
                    yield rws.isEmpty() ? null : "children in " + rws;
                }
                case "importJobOfOthers" -> {
                    List<Map<String, Object>> others = jobs.stream()
                            .filter(j -> !attacker.equals(j.get("actor")))
                            .toList();
                    Object job = others.get(random.nextInt(others.size())).get("id");
                    tester.documentName("caseImportJob")
                            .variable("id", job.toString())
                            .execute()
                            .path("importJob")
                            .valueIsNull();
                    yield null;
                }
                default -> {
                    Map<String, Object> period = random.nextBoolean()
                            ? Map.of("year", 2026)
                            : Map.of("year", 2026, "month", 1 + random.nextInt(6));
                    List<String> indicators = List.of("STUNTED", "TB_NOTIFICATIONS", "MATERNAL_DEATHS");
                    String counted = regions.contains(region) && !region.contains("RW")
                            ? region
                            : region.substring(0, region.lastIndexOf('.'));
                    List<Map> mine = tester.documentName("caseCounts")
                            .variable("regionCode", counted)
                            .variable("period", period)
                            .variable("indicators", indicators)
                            .execute()
                            .path("caseCounts")
                            .entityList(Map.class)
                            .get();
                    List<Map> public_ = anonymous()
                            .documentName("caseCounts")
                            .variable("regionCode", counted)
                            .variable("period", period)
                            .variable("indicators", indicators)
                            .execute()
                            .path("caseCounts")
                            .entityList(Map.class)
                            .get();
                    List<Map> differing = new ArrayList<>();
                    for (int j = 0; j < mine.size(); j++) {
                        if (!inScope((String) mine.get(j).get("regionCode"), scope)
                                && !mine.get(j).equals(public_.get(j))) {
                            differing.add(mine.get(j));
                        }
                    }
                    yield differing.isEmpty() ? null : "exact counts outside scope " + differing;
                }
            };
            int[] t = tally.computeIfAbsent(attacker + " / " + kind, k -> new int[2]);
            t[0]++;
            if (leak != null) {
                t[1]++;
                leaks.add("attempt " + i + " (seed " + SEED + "): " + attacker + " " + kind + ": " + leak);
            }
        }
        StringBuilder report = new StringBuilder();
        tally.forEach((k, v) -> report.append(String.format("%-45s attempts %3d, leaks %d%n", k, v[0], v[1])));
        System.out.print(report);
        assertThat(tally.values().stream().mapToInt(v -> v[0]).sum()).isEqualTo(ATTEMPTS);
        assertThat(leaks).as("leaks (seed %d):%n%s", SEED, report).isEmpty();
    }
}
