package id.ilpatlas.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The GraphQL response cache ({@link ResponseCache}) on the real database: a repeated aggregate or registry query is
 * answered from it with the same answer the execution gives; callers of different scope each get their own answer;
 * a committed write is seen by the next request; documents with other root fields, and mutations, are never kept.
 * "The answer the execution gives" is the same document with one more space, which the cache cannot know.
 */
@Slow
class ResponseCacheTest extends IntegrationTest {

    private static final String WALK = """
            query Walk { facilities(filter: {types: [PUSKESMAS]}, first: 50) {
              edges { node { id name children { id name children { id name services { key } } } } } } }""";

    private static final String CHOROPLETH = """
            query Choropleth($region: ID!) { rwIndicators(regionCode: $region, period: {year: 2025}) {
              rws { regionCode exact suppressed stunted childrenMeasured } } }""";

    @Autowired
    MeterRegistry meters;

    private double hits() {
        FunctionCounter counter = meters.find("cache.gets")
                .tags("cache", "atlas.graphql.responses", "result", "hit")
                .functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, Object> data(HttpGraphQlTester tester, String document, Map<String, Object> variables) {
        HttpGraphQlTester.Request<?> request = tester.document(document);
        variables.forEach(request::variable);
        GraphQlTester.Response response = request.execute();
        response.errors().verify();
        return response.returnResponse().getData();
    }

    /**
     * Asks again until the answer comes from the cache, each answer equal to {@code expected}. An answer is kept only
     * when no transaction wrote while it was made; work another test left running (a refresh after an import) may
     * write for a while, so this waits for the database to be still (a wait for a condition, not a time budget).
     */
    private void askAgainUntilKept(
            HttpGraphQlTester tester,
            String document,
            Map<String, Object> variables,
            Map<String, Object> expected,
            String who)
            throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            double before = hits();
            assertThat(data(tester, document, variables))
                    .as("%s: answer %d", who, attempt)
                    .isEqualTo(expected);
            if (hits() > before) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(who + ": never answered from the cache in 120 requests (the database kept changing)");
    }

    @Test
    void aRepeatedRegistryWalkIsAnsweredFromTheCacheWithTheExecutionsAnswer() throws InterruptedException {
        Map<String, Object> executed = data(graphQl, WALK + " ", Map.of());
        assertThat(executed.toString()).contains("PKM-3375-TIRTO");
        assertThat(data(graphQl, WALK, Map.of())).isEqualTo(executed);
        askAgainUntilKept(graphQl, WALK, Map.of(), executed, "dinkes");
        double before = hits();
        HttpGraphQlTester fresh =
                graphQl.mutate().headers(h -> h.setCacheControl("no-cache")).build();
        assertThat(data(fresh, WALK, Map.of())).isEqualTo(executed);
        assertThat(hits())
                .as("Cache-Control: no-cache asks for an executed answer")
                .isEqualTo(before);
    }

    @Test
    void callersOfDifferentScopeAskingTheSameGetTheirOwnAnswers() throws InterruptedException {
        Map<String, Object> region = Map.of("region", "33.75");
        List<HttpGraphQlTester> callers =
                List.of(as("camat-utara"), as("camat-barat"), as("lurah-medono"), anonymous(), as("planner"), graphQl);
        List<Map<String, Object>> answers =
                callers.stream().map(c -> data(c, CHOROPLETH, region)).toList();
        for (int i = 0; i < callers.size(); i++) {
            assertThat(data(callers.get(i), CHOROPLETH + " ", region))
                    .as("caller %d: executed", i)
                    .isEqualTo(answers.get(i));
            askAgainUntilKept(callers.get(i), CHOROPLETH, region, answers.get(i), "caller " + i);
        }
        // Each camat and the lurah see exact figures in their own area only; the public none; planner and Dinkes all.
        assertThat(answers.subList(0, 4)).doesNotHaveDuplicates();
        assertThat(exactRws(answers.get(0))).isNotEmpty().allMatch(code -> code.startsWith("33.75.03."));
        assertThat(exactRws(answers.get(1))).isNotEmpty().allMatch(code -> code.startsWith("33.75.01."));
        assertThat(exactRws(answers.get(2))).isNotEmpty().allMatch(code -> code.startsWith("33.75.01.1002."));
        assertThat(exactRws(answers.get(3))).isEmpty();
        assertThat(exactRws(answers.get(4))).hasSize(exactRws(answers.get(5)).size());
    }

    @SuppressWarnings("unchecked")
    private static List<String> exactRws(Map<String, Object> answer) {
        Map<String, Object> report = (Map<String, Object>) answer.get("rwIndicators");
        return ((List<Map<String, Object>>) report.get("rws"))
                .stream()
                        .filter(rw -> Boolean.TRUE.equals(rw.get("exact")))
                        .map(rw -> (String) rw.get("regionCode"))
                        .toList();
    }

    @Test
    void aCommittedWriteIsSeenByTheNextRequest() {
        String document = "query One($id: ID!) { facility(id: $id) { id name } }";
        Map<String, Object> tirto = Map.of("id", "PKM-3375-TIRTO");
        String name = jdbc.sql("SELECT name FROM facilities WHERE code = 'PKM-3375-TIRTO'")
                .query(String.class)
                .single();
        data(graphQl, document, tirto);
        data(graphQl, document, tirto);
        try {
            jdbc.sql("UPDATE facilities SET name = name || ' (cache test)' WHERE code = 'PKM-3375-TIRTO'")
                    .update();
            assertThat(data(graphQl, document, tirto).toString()).contains(name + " (cache test)");
        } finally {
            jdbc.sql("UPDATE facilities SET name = :name WHERE code = 'PKM-3375-TIRTO'")
                    .param("name", name)
                    .update();
        }
        assertThat(data(graphQl, document, tirto).toString()).doesNotContain("(cache test)");
    }

    @Test
    void otherRootFieldsAndMutationsAreNeverKept() {
        String withMe = "query Mine { me { role } facilities(first: 1) { totalCount } }";
        data(graphQl, withMe, Map.of());
        double before = hits();
        data(graphQl, withMe, Map.of());
        assertThat(hits()).isEqualTo(before);

        assertThat(ResponseCache.cacheable(WALK, "")).isTrue();
        assertThat(ResponseCache.cacheable(WALK, "Walk")).isTrue();
        assertThat(ResponseCache.cacheable(WALK, "Other")).isFalse();
        assertThat(ResponseCache.cacheable("query A { region(code: \"33.75\") { name } } query B { me { role } }", ""))
                .as("two operations and none named")
                .isFalse();
        assertThat(ResponseCache.cacheable("query A { region(code: \"33.75\") { name } } query B { me { role } }", "A"))
                .isTrue();
        assertThat(ResponseCache.cacheable(
                        "query { ...F } fragment F on Query { region(code: \"33.75\") { name } }", ""))
                .as("a fragment at the root")
                .isTrue();
        assertThat(ResponseCache.cacheable("query { ... on Query { me { role } } }", ""))
                .isFalse();
        assertThat(ResponseCache.cacheable("mutation { __typename }", "")).isFalse();
        assertThat(ResponseCache.cacheable("query { facilities(", ""))
                .as("a syntax error")
                .isFalse();
    }
}
