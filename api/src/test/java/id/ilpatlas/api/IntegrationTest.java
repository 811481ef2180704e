package id.ilpatlas.api;

import id.ilpatlas.api.security.DemoTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a random port, on real PostGIS ({@link AtlasDatabase}),
 * with the Kota Pekalongan reference data loaded, queried through HTTP as a frontend does. {@link #graphQl} sends
 * the demo {@code dinkes} user's token; {@link #as(String)} any demo user's, {@link #anonymous()} none.
 * {@link #testClock} is the application's clock: a test may pin "today"; it runs free again after each test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "atlas.reference-data.load-on-start=true",
            "atlas.security.demo-tokens=true",
            "atlas.privacy.nik-key=" + IntegrationTest.TEST_NIK_KEY,
            // The synthetic case data, when a test loads it (SyntheticCaseData.ensureLoaded): smaller, fixed date.
            "atlas.cases.demo.scale=0.3",
            "atlas.cases.demo.as-of=2026-06-30",
            // Outreach plans solved to a fixed number of solver solutions, not for timeLimitSeconds: the same
            // plan on a busy machine as on an idle one.
            "atlas.outreach.solution-limit=" + IntegrationTest.OUTREACH_SOLUTIONS,
            // Whole register pages are read in one response by some tests.
            "spring.http.codecs.max-in-memory-size=32MB",
            "spring.codec.max-in-memory-size=32MB"
        })
@AutoConfigureHttpGraphQlTester
@Import(TestClock.Config.class)
// Inherited by every integration test: the fast profile leaves them out by default (pom.xml, fast.excludedGroups), as
// starting the application and loading the reference data alone take about 20 s of the minute it may use.
@Tag("integration")
public abstract class IntegrationTest {

    /** Solver solutions per outreach plan in the tests (instead of the request's time limit). */
    public static final long OUTREACH_SOLUTIONS = 200;

    /**
     * How long a test waits for a GraphQL response: a guard against a hang, not a performance budget (the
     * tester's default of 5 s failed plans on a busy 2-core machine).
     */
    static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

    /** The NIK hashing key of the tests (a real deployment's key comes from its secret store, never from git). */
    public static final String TEST_NIK_KEY = "test-only-nik-key-0123456789abcdef0123456789";

    /** As the demo user {@code dinkes} (DINKES_ADMIN of Kota Pekalongan). */
    protected HttpGraphQlTester graphQl;

    @Autowired
    private HttpGraphQlTester anonymousTester;

    @Autowired
    protected DemoTokens demoTokens;

    /** The application's clock (system time unless a test pins it). */
    @Autowired
    protected TestClock testClock;

    @AfterEach
    void unpinClock() {
        testClock.reset();
    }

    @BeforeEach
    void actAsDinkes() {
        graphQl = as("dinkes");
    }

    /** A tester that sends the token of a demo user ({@code dinkes}, {@code lurah-medono}, {@code kader-PSY-...}). */
    protected HttpGraphQlTester as(String user) {
        String token = tokenOf(user);
        return anonymousTester
                .mutate()
                .responseTimeout(RESPONSE_TIMEOUT)
                .webTestClient(client -> client.responseTimeout(RESPONSE_TIMEOUT))
                .headers(headers -> headers.setBearerAuth(token))
                .build();
    }

    /** A tester without a token. */
    protected HttpGraphQlTester anonymous() {
        return anonymousTester
                .mutate()
                .responseTimeout(RESPONSE_TIMEOUT)
                .webTestClient(client -> client.responseTimeout(RESPONSE_TIMEOUT))
                .build();
    }

    protected String tokenOf(String user) {
        return demoTokens.token(
                demoTokens.user(user).orElseThrow(() -> new IllegalArgumentException("no demo user " + user)));
    }

    /** The error types (classifications) of a response, in order, e.g. {@code ["FORBIDDEN"]}. */
    protected static List<String> errorTypes(GraphQlTester.Response response) {
        List<String> types = new ArrayList<>();
        response.errors()
                .satisfy(errs -> errs.forEach(e -> types.add(e.getErrorType().toString())));
        return types;
    }

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        AtlasDatabase.settings().register(registry);
    }
}
