package id.ilpatlas.api.road;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.AtlasDatabase;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.outreach.OutreachJobPolling;
import id.ilpatlas.api.security.DemoTokens;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on a PostGIS database without the pgrouting extension ({@link AtlasDatabase#withoutPgRouting},
 * as a plain {@code postgis/postgis} container would be): every migration runs, the reference data loads (without its
 * road network), the app serves; road routing answers why it cannot ({@link PgRouting#MISSING}) instead of an
 * INTERNAL_ERROR from a missing {@code pgr_*} function; RW access falls back to the geodesic detour; the health
 * component {@code routing} says why routing is unavailable while the app stays UP.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "atlas.reference-data.load-on-start=true",
            "atlas.security.demo-tokens=true",
            "atlas.privacy.nik-key=" + IntegrationTest.TEST_NIK_KEY
        })
@AutoConfigureHttpGraphQlTester
@Slow
class PgRoutingMissingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        AtlasDatabase.withoutPgRouting().register(registry);
    }

    @Autowired
    HttpGraphQlTester anonymous;

    @Autowired
    DemoTokens demoTokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RoadNetworkImporter roadNetworkImporter;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** As the demo Dinkes admin; patient with a plan's first solve on a busy machine (native solver loading). */
    private HttpGraphQlTester dinkes() {
        String token = demoTokens.token(demoTokens.user("dinkes").orElseThrow());
        return anonymous
                .mutate()
                .headers(headers -> headers.setBearerAuth(token))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
    }

    private JsonNode getJson(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    @Test
    void theAppStartsOnADatabaseWithoutPgRoutingWithEveryMigrationAndTheReferenceData() {
        assertThat(jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'pgrouting'")
                        .query(Integer.class)
                        .single())
                .as("the database of this test has no pgrouting")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE NOT success")
                        .query(Integer.class)
                        .single())
                .as("failed migrations")
                .isZero();
        anonymous
                .document("{ region(code: \"33.75\") { name } }")
                .execute()
                .path("region.name")
                .entity(String.class)
                .isEqualTo("Kota Pekalongan");
        assertThat(jdbc.sql("SELECT count(*) FROM facilities WHERE type = 'PUSKESMAS'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(14);
        assertThat(jdbc.sql("SELECT count(*) FROM road_edges")
                        .query(Integer.class)
                        .single())
                .as("no road network without pgRouting")
                .isZero();
    }

    @Test
    void healthIsUpAndSaysWhyRoadRoutingIsUnavailable() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
            JsonNode health = getJson(path, 200);
            assertThat(health.path("status").asString()).as(path).isEqualTo("UP");
            assertThat(health.has("description"))
                    .as(path + ": the application's status has no description")
                    .isFalse();
            JsonNode routing = health.path("components").path("routing");
            assertThat(routing.path("status").asString()).as(path + " routing").isEqualTo("UP");
            assertThat(routing.path("description").asString())
                    .as(path + " routing description")
                    .startsWith(PgRouting.MISSING)
                    .contains("CREATE EXTENSION pgrouting");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void outreachInRoadModeIsATypedErrorNamingTheExtensionAndGeodesicModeStillPlans() {
        List<String> rws = jdbc.sql("SELECT code FROM regions WHERE level = 'RW' AND code LIKE '33.75.01.1002.%' "
                        + "ORDER BY code LIMIT 3")
                .query(String.class)
                .list();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "Pusling without pgRouting");
        input.put("rwCodes", rws);
        input.put("depotFacilityId", "PKM-3375-TIRTO");
        input.put(
                "dates",
                List.of(LocalDate.now(ZoneId.of("Asia/Jakarta")).plusDays(30).toString()));
        input.put("timeLimitSeconds", 1);

        Map<String, Object> road = dinkes().documentName("planOutreach")
                .operationName("PlanOutreach")
                .variable("input", input)
                .execute()
                .path("planOutreach")
                .entity(Map.class)
                .get();
        assertThat(road.get("job")).isNull();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) road.get("errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("__typename")).isEqualTo("InvalidValueError");
            assertThat(e.get("field")).isEqualTo(List.of("input", "distanceMode"));
            assertThat((String) e.get("message")).startsWith(PgRouting.MISSING).contains("distanceMode: GEODESIC");
        });

        input.put("distanceMode", "GEODESIC");
        assertThat(OutreachJobPolling.plan(dinkes(), input)).containsEntry("distanceMode", "GEODESIC");
    }

    @Test
    void roadImportIsRefusedWithTheReasonAndWritesNothing() {
        String geojson = """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Jl. Test"},
                 "geometry": {"type": "LineString", "coordinates": [[109.66, -6.89], [109.67, -6.89]]}}]}""";
        RoadNetworkReport report = roadNetworkImporter.importGeoJson(
                new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)), "roads.geojson", "33.75");
        assertThat(report.ok()).isFalse();
        assertThat(report.error()).startsWith(PgRouting.MISSING).contains("CREATE EXTENSION pgrouting");
        assertThat(report.summary()).contains(PgRouting.MISSING);
        assertThat(jdbc.sql("SELECT count(*) FROM road_network_loads")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rwAccessIsRefreshedByTheGeodesicDetour() {
        Map<String, Object> refresh = dinkes().documentName("rwAccessRefresh")
                .variable("kabkotaCode", "33.75")
                .execute()
                .path("refreshRwAccess")
                .entity(Map.class)
                .get();
        assertThat((List<Object>) refresh.get("errors")).isEmpty();
        assertThat((Integer) refresh.get("rwCount")).isPositive();
        assertThat(refresh.get("roadRwCount")).isEqualTo(0);
        assertThat(refresh.get("detourRwCount")).isEqualTo(refresh.get("rwCount"));
        anonymous
                .documentName("rwAccessPage")
                .variable("regionCode", "33.75.01.1002")
                .variable("first", 100)
                .execute()
                .path("rwAccess.edges[*].node.responsible.method")
                .entityList(String.class)
                .satisfies(methods -> assertThat(methods).isNotEmpty().containsOnly("GEODESIC_DETOUR"));
    }
}
