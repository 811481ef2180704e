package id.ilpatlas.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.outreach.OutreachJobPolling;
import id.ilpatlas.geo.testing.Slow;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The example operations of the frontend screens ({@code graphql-test/screens/*.graphql}: registry list, facility
 * page, RW choropleth, target picking, route plan) run as a frontend would, with realistic variables, as the demo user
 * the screen is for, against the Pekalongan data: each must answer without errors and with non-empty data. These
 * documents are part of the contract (docs/SCHEMA-CHANGELOG.md): when one stops validating, a frontend breaks.
 */
@Slow
class ScreenOperationsTest extends IntegrationTest {

    /** A period the test data (July 2025 to June 2026) cover completely: a partial year has no counts. */
    private static final Map<String, Object> YEAR_2026 = Map.of("year", 2026, "quarter", 2);

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @Autowired
    RwAccessService rwAccess;

    @BeforeEach
    void loadCasesAndAccess() {
        syntheticCaseData.ensureLoaded();
        rwAccess.refreshIfStale("33.75");
    }

    /** Executes and checks that the response has no errors at all (GraphQL errors or partial data). */
    private static GraphQlTester.Response ok(GraphQlTester.Request<?> request) {
        GraphQlTester.Response response = request.execute();
        response.errors().verify();
        return response;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object map, String field) {
        return (List<Map<String, Object>>) ((Map<String, Object>) map).get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object map, String field) {
        return (Map<String, Object>) ((Map<String, Object>) map).get(field);
    }

    @Test
    @SuppressWarnings("unchecked")
    void registryListPagesThroughFilteredFacilities() {
        Map<String, Object> filter = Map.of("types", List.of("POSYANDU"), "regionCode", "33.75.03");
        Map<String, Object> first = ok(anonymous()
                        .documentName("screens/registryList")
                        .variable("filter", filter)
                        .variable("first", 10))
                .path("facilities")
                .entity(Map.class)
                .get();
        assertThat((Integer) first.get("totalCount")).isGreaterThan(10);
        assertThat(list(first, "edges")).hasSize(10).allSatisfy(edge -> {
            Map<String, Object> node = map(edge, "node");
            assertThat(node.get("type")).isEqualTo("POSYANDU");
            assertThat((String) map(node, "kelurahan").get("code")).startsWith("33.75.03.");
            assertThat(node.get("location")).isNotNull();
        });
        assertThat(map(first, "pageInfo").get("hasNextPage")).isEqualTo(true);

        String after = (String) map(first, "pageInfo").get("endCursor");
        Map<String, Object> second = ok(anonymous()
                        .documentName("screens/registryList")
                        .variable("filter", filter)
                        .variable("first", 10)
                        .variable("after", after))
                .path("facilities")
                .entity(Map.class)
                .get();
        Set<Object> ids = new HashSet<>();
        list(first, "edges").forEach(e -> ids.add(map(e, "node").get("id")));
        assertThat(list(second, "edges"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(ids).doesNotContain(map(e, "node").get("id")));
    }

    @Test
    void facilityPageShowsAPosyanduAndItsPuskesmas() {
        String posyandu = jdbc.sql("""
                        SELECT min(code) FROM facilities
                         WHERE type = 'POSYANDU' AND kelurahan_code = '33.75.01.1009' AND active""").query(String.class).single();
        Map<?, ?> page = ok(anonymous()
                        .documentName("screens/facilityPage")
                        .variable("id", posyandu)
                        .variable("from", "2026-12-01"))
                .path("facility")
                .entity(Map.class)
                .get();
        assertThat(page.get("id")).isEqualTo(posyandu);
        assertThat(page.get("parent")).as("parent").isNotNull();
        assertThat(list(page, "services")).as("services").isNotEmpty();
        assertThat(list(page, "sessions")).as("sessions").isNotEmpty();
        assertThat(list(page, "nextSessions")).as("nextSessions").isNotEmpty();
        assertThat(list(page, "catchment")).as("catchment").isNotEmpty();

        Map<?, ?> puskesmas = ok(anonymous()
                        .documentName("screens/facilityPage")
                        .variable("id", "PKM-3375-TIRTO")
                        .variable("from", "2026-12-01"))
                .path("facility")
                .entity(Map.class)
                .get();
        assertThat(puskesmas.get("type")).isEqualTo("PUSKESMAS");
        assertThat(list(puskesmas, "children")).as("children").isNotEmpty();
        assertThat(list(puskesmas, "services")).as("services").isNotEmpty();
    }

    @Test
    void rwChoroplethClassifiesEveryRwOfAKecamatan() {
        GraphQlTester.Response response = ok(graphQl.documentName("screens/rwChoropleth")
                .variable("regionCode", "33.75.03")
                .variable("period", YEAR_2026)
                .variable("indicator", "STUNTING_PREVALENCE")
                .variable("method", "NATURAL_BREAKS")
                .variable("classes", 5));
        Map<?, ?> choropleth =
                response.path("rwIndicators.choropleth").entity(Map.class).get();
        Map<?, ?> regions = response.path("regions").entity(Map.class).get();
        assertThat(list(choropleth, "rws"))
                .isNotEmpty()
                .allSatisfy(rw -> assertThat((String) rw.get("regionCode")).startsWith("33.75.03."));
        assertThat((List<?>) choropleth.get("colors")).isNotEmpty();
        assertThat(list(regions, "edges"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(map(e, "node").get("geometry")).isNotNull());
    }

    @Test
    @SuppressWarnings("unchecked")
    void targetPickingRanksRwsAndSavesADraftSelection() {
        HttpGraphQlTester camat = as("camat-utara");
        Map<?, ?> ranking = ok(camat.documentName("screens/targetPicking")
                        .operationName("ScreenTargetCandidates")
                        .variable("regionCode", "33.75.03")
                        .variable("period", YEAR_2026))
                .path("targetCandidates")
                .entity(Map.class)
                .get();
        List<Map<String, Object>> candidates = list(ranking, "candidates");
        assertThat(candidates).hasSizeGreaterThanOrEqualTo(3);
        assertThat(list(candidates.get(0), "components")).isNotEmpty();
        List<Object> picked =
                candidates.stream().limit(3).map(c -> c.get("regionCode")).toList();

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "PUSLING");
        input.put("periodFrom", "2028-03-01");
        input.put("periodTo", "2028-03-31");
        input.put("rwCodes", picked);
        input.put("reason", "Screen example: the three highest-ranked RWs");
        Map<?, ?> payload = ok(camat.documentName("screens/targetPicking")
                        .operationName("ScreenCreateTargetSelection")
                        .variable("input", input))
                .path("createTargetSelection")
                .entity(Map.class)
                .get();
        assertThat(list(payload, "errors")).isEmpty();
        Map<String, Object> selection = map(payload, "targetSelection");
        assertThat(selection.get("state")).isEqualTo("DRAFT");
        assertThat((List<Object>) selection.get("rwCodes")).containsExactlyInAnyOrderElementsOf(picked);
    }

    @Test
    void routePlanIsPlannedAndReopened() {
        testClock.pin(LocalDate.of(2026, 11, 30)); // the day before the service day below
        List<String> rws = List.of("33.75.01.1009.RW002", "33.75.01.1009.RW006", "33.75.01.1009.RW007");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "Screen example: Pusling Tirto");
        input.put("rwCodes", rws);
        input.put("depotFacilityId", "PKM-3375-TIRTO");
        input.put("dates", List.of("2026-12-01"));
        input.put("timeLimitSeconds", 1);
        Map<?, ?> payload = ok(graphQl.documentName("screens/routePlan")
                        .operationName("ScreenPlanOutreach")
                        .variable("input", input))
                .path("planOutreach")
                .entity(Map.class)
                .get();
        assertThat(list(payload, "errors")).isEmpty();
        // the screen polls the job until it is done
        String jobId = (String) map(payload, "job").get("id");
        OutreachJobPolling.await(graphQl, jobId);
        Map<?, ?> job = ok(graphQl.documentName("screens/routePlan")
                        .operationName("ScreenOutreachPlanJob")
                        .variable("id", jobId))
                .path("outreachPlanJob")
                .entity(Map.class)
                .get();
        assertThat(job.get("state")).isEqualTo("SUCCEEDED");
        Map<String, Object> plan = map(job, "plan");
        assertThat(list(plan, "routes")).isNotEmpty();
        assertThat(((Number) plan.get("servedCount")).intValue() + ((Number) plan.get("unservedCount")).intValue())
                .isEqualTo(rws.size());
        assertThat((Integer) plan.get("servedCount")).isPositive();

        Map<?, ?> reopened = ok(graphQl.documentName("screens/routePlan")
                        .operationName("ScreenOutreachPlan")
                        .variable("id", plan.get("id")))
                .path("outreachPlan")
                .entity(Map.class)
                .get();
        assertThat(reopened).isEqualTo(plan);
    }
}
