package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.diagnostics.SqlStatementCounter;
import id.ilpatlas.geo.testing.Slow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * A page of facilities with every nested registry field costs a constant number of SQL statements, whatever the
 * page size: every nested field is batched (no N+1).
 */
@Slow
class RegistryNoNPlusOneTest extends IntegrationTest {

    /** Generous bound: one statement per nested field plus the page and its count. */
    private static final int MAX_STATEMENTS = 25;

    @Autowired
    private SqlStatementCounter statements;

    private record Measured(long statements, int edges) {}

    /**
     * The tester with room for the whole registry in one response, asking for executed answers ({@code Cache-Control:
     * no-cache}: the statements counted are those of the execution, never a kept answer of the response cache).
     */
    private HttpGraphQlTester largeResponses() {
        return graphQl.mutate()
                .webTestClient(
                        client -> client.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20)))
                .headers(headers -> headers.setCacheControl("no-cache"))
                .build();
    }

    private Measured measure(int first, String after) {
        GraphQlTester.Request<?> request =
                largeResponses().documentName("registryNested").variable("first", first);
        if (after != null) {
            request = request.variable("after", after);
        }
        long before = statements.count();
        GraphQlTester.Response response = request.execute();
        long used = statements.count() - before;
        response.errors().verify();
        int edges =
                response.path("facilities.edges").entityList(Object.class).get().size();
        return new Measured(used, edges);
    }

    /**
     * From the start of the registry. The first 10 facilities (Dinkes, clinics, a puskesmas) have no address RW, and
     * {@code Address.rw} skips its statement for a batch without RW codes (as {@code catchment} does for a batch
     * without catchments); those skipped batches are the only allowed difference, and they can only make the small
     * page cheaper.
     */
    @Test
    void nestedPageOfTenAndOfHundredCostTheSameNumberOfStatements() {
        measure(10, null); // warm-up: nothing lazily initialised on the first request is counted below
        Measured ten = measure(10, null);
        Measured hundred = measure(100, null);
        int skippedOnTen = skippedBatches(10) - skippedBatches(100);
        System.out.printf(
                "registry nested query: first 10 -> %d SQL statements, first 100 -> %d SQL statements "
                        + "(batches with nothing to load on the page of 10: %d)%n",
                ten.statements(), hundred.statements(), skippedOnTen);
        assertThat(ten.edges()).isEqualTo(10);
        assertThat(hundred.edges()).isEqualTo(100);
        assertThat(hundred.statements())
                .as(
                        "statements for first: 100 (%d) vs first: 10 (%d) + %d batches with nothing to load on the page of 10",
                        hundred.statements(), ten.statements(), skippedOnTen)
                .isEqualTo(ten.statements() + skippedOnTen);
        assertThat(hundred.statements()).isLessThan(MAX_STATEMENTS);
    }

    /** Batches the first {@code n} active facilities leave empty (no RW address at all, no catchment at all). */
    private int skippedBatches(int n) {
        return jdbc.sql("""
                        WITH page AS (SELECT id, address_rw_code FROM facilities WHERE active ORDER BY code LIMIT :n)
                        SELECT (CASE WHEN count(address_rw_code) = 0 THEN 1 ELSE 0 END)
                             + (CASE WHEN NOT EXISTS (SELECT 1 FROM facility_catchments c JOIN page p ON p.id = c.facility_id)
                                     THEN 1 ELSE 0 END)
                          FROM page""").param("n", n).query(Integer.class).single();
    }

    /**
     * The same from a cursor where every page holds pustu and posyandu (every nested field non-empty), up to the whole
     * registry in one page.
     */
    @Test
    void statementCountDoesNotGrowWithThePageWhenEveryNestedFieldHasData() {
        List<String> codes = jdbc.sql("SELECT code FROM facilities WHERE active ORDER BY code")
                .query(String.class)
                .list();
        int firstPosyandu = codes.indexOf(
                codes.stream().filter(c -> c.startsWith("PSY-")).findFirst().orElseThrow());
        // the page after this cursor starts with two pustu, then posyandu
        var cursorPage = graphQl.documentName("registryPage")
                .variable("first", firstPosyandu - 2)
                .execute();
        String after = cursorPage
                .path("facilities.pageInfo.endCursor")
                .entity(String.class)
                .get();
        String cursorCode = cursorPage
                .path("facilities.edges[" + (firstPosyandu - 3) + "].node.id")
                .entity(String.class)
                .get();
        assertThat(cursorCode).isEqualTo(codes.get(firstPosyandu - 3));
        measure(10, after);
        Measured ten = measure(10, after);
        Measured hundred = measure(100, after);
        Measured all = measure(1000, after);
        System.out.printf(
                "registry nested query after %s: first 10 -> %d, first 100 -> %d, all %d -> %d SQL statements%n",
                cursorCode, ten.statements(), hundred.statements(), all.edges(), all.statements());
        assertThat(all.edges()).isGreaterThan(400);
        assertThat(List.of(hundred.statements(), all.statements()))
                .as("statements for 100 and all, vs %d for 10", ten.statements())
                .containsOnly(ten.statements());
        assertThat(all.statements()).isLessThan(MAX_STATEMENTS);
    }
}
