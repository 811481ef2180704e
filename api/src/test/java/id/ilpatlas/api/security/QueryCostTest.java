package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost limit (page sizes multiply the cost of their selection, geometry weighs 10) and the response size cap,
 * through HTTP: the attack of issue 14 (50 aliases of a 1000-RW page with boundaries, 299 MB in 16 s) is refused
 * before execution with its cost in the message, anonymous callers get a lower limit than callers with a token, the
 * map page's query still runs anonymously, and a query under the cost limit whose answer is still too big ends with
 * RESPONSE_TOO_LARGE instead of filling the heap.
 */
@Slow
class QueryCostTest extends IntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private static String aliases(int count, String field) {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < count; i++) {
            query.append("a").append(i).append(": ").append(field).append(' ');
        }
        return query.append('}').toString();
    }

    private static final String RW_PAGE_WITH_BOUNDARIES =
            "regions(level: RW, first: 1000) { edges { node { code geometry } } }";

    @Test
    void fiftyPagesOfRwBoundariesAreRefusedBeforeExecutionWithTheirCost() throws Exception {
        String attack = aliases(50, RW_PAGE_WITH_BOUNDARIES);
        // 50 × (regions 1 + edges 1 + 1000 × (node 1 + code 1 + geometry 10))
        Map<String, Object> anonymous = post(null, attack);
        assertRefused(
                anonymous, "The query costs 600,100; the limit is 20,000 for anonymous callers (500,000 with a token)");
        assertThat(extensions(anonymous)).containsEntry("cost", 600_100).containsEntry("limit", 20_000);

        Map<String, Object> dinkes = post(tokenOf("dinkes"), attack);
        assertRefused(dinkes, "The query costs 600,100; the limit is 500,000 for authenticated callers");
    }

    @Test
    void authenticatedCallersMayAskForMoreThanAnonymousOnes() throws Exception {
        // 1 + 1 + 1000 × (node 1 + code 1 + geometry 10 + parent 1 + its geometry 10) = 23,002
        String query = "{ regions(level: RW, first: 1000) { edges { node { code geometry(simplifyMeters: 50) "
                + "parent { geometry(simplifyMeters: 50) } } } } }";
        assertRefused(post(null, query), "The query costs 23,002; the limit is 20,000 for anonymous callers");

        Map<String, Object> dinkes = post(tokenOf("dinkes"), query);
        assertThat(dinkes.get("errors")).as("errors").isNull();
        assertThat(edges(dinkes, "regions"))
                .hasSize(jdbc.sql("SELECT count(*) FROM regions WHERE level = 'RW'")
                        .query(Integer.class)
                        .single());
    }

    @Test
    void theMapPagesBoundaryQueryAndTheChoroplethScreenRunAnonymously() throws Exception {
        // a map client's first question: one page of the RW boundaries of the kota (cost 14,006)
        Map<String, Object> map = post(null, """
                query Rws($within: ID!, $after: String) {
                  regions(level: RW, within: $within, first: 1000, after: $after) {
                    edges { node { code name synthetic geometry(simplifyMeters: 3) } }
                    pageInfo { hasNextPage endCursor } } }""", Map.of("within", "33.75"));
        assertThat(map.get("errors")).as("errors of the map page query").isNull();
        assertThat(edges(map, "regions")).isNotEmpty();

        // the kota → kecamatan → kelurahan → RW tree with boundaries (unbounded lists count 10 items each)
        Map<String, Object> tree = post(
                null,
                "{ region(code: \"33.75\") { children { code children { code "
                        + "children { code geometry(simplifyMeters: 5) } } } } }");
        assertThat(tree.get("errors")).as("errors of the region tree").isNull();
    }

    @Test
    void aResponseOverTheSizeCapEndsWithAClearErrorInsteadOfTheData() throws Exception {
        // 6 × (2 + 1000 × 33) = 198,012: under the authenticated cost limit (500,000), but every RW brings its full
        // boundary and those of its kelurahan and kecamatan: tens of megabytes, over the 16 MB cap
        String query = aliases(
                6,
                "regions(level: RW, first: 1000) { edges { node { geometry "
                        + "parent { geometry parent { geometry } } } } }");
        Map<String, Object> response = post(tokenOf("dinkes"), query);
        assertThat(response.get("data")).as("data").isNull();
        assertThat(classification(response)).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(message(response)).startsWith("The response would be larger than 16,777,216 bytes");

        // one such page alone is fine
        Map<String, Object> one = post(
                tokenOf("dinkes"),
                aliases(
                        1,
                        "regions(level: RW, first: 1000) { edges { "
                                + "node { geometry parent { geometry parent { geometry } } } } }"));
        assertThat(one.get("errors")).as("errors").isNull();
    }

    private void assertRefused(Map<String, Object> response, String message) {
        assertThat(response.get("data")).as("no data: refused before execution").isNull();
        assertThat(classification(response)).isEqualTo("QUERY_TOO_EXPENSIVE");
        assertThat(message(response)).startsWith(message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> response) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get("errors");
        assertThat(errors).as("errors of %s", response).hasSize(1);
        return errors.get(0);
    }

    private static String message(Map<String, Object> response) {
        return (String) error(response).get("message");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensions(Map<String, Object> response) {
        return (Map<String, Object>) error(response).get("extensions");
    }

    private static String classification(Map<String, Object> response) {
        return String.valueOf(extensions(response).get("classification"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> edges(Map<String, Object> response, String field) {
        Map<String, Object> data = (Map<String, Object>) response.get("data");
        return (List<Object>) ((Map<String, Object>) data.get(field)).get("edges");
    }

    private Map<String, Object> post(String token, String query) throws IOException, InterruptedException {
        return post(token, query, Map.of());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Map.class);
    }
}
