package id.ilpatlas.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Operations over HTTP on the running application: the health probes (readiness follows the database check,
 * liveness does not), who may read the metrics, the Prometheus series (GraphQL operation names, HTTP, Hikari) and the
 * request id in the JSON log lines of a GraphQL request.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(OpsIntegrationTest.SwitchableDb.class)
@TestPropertySource(
        properties = {
            "atlas.ops.metrics-token=" + OpsIntegrationTest.TOKEN,
            "atlas.ops.slow-field-threshold=0ms",
            "logging.structured.format.console=ecs"
        })
@Slow
class OpsIntegrationTest extends IntegrationTest {

    static final String TOKEN = "test-scrape-token-0123456789";

    @LocalServerPort
    int port;

    @Autowired
    SwitchableDb db;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * The real database check of the readiness group, as the bean {@code dbHealthIndicator} (Spring Boot then adds no
     * other): switched to a query that fails in the database, it reports DOWN as an outage would.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class SwitchableDb {
        volatile boolean broken;

        @Bean
        HealthIndicator dbHealthIndicator(DataSource dataSource) {
            HealthIndicator working = new DataSourceHealthIndicator(dataSource, "SELECT 1");
            HealthIndicator failing = new DataSourceHealthIndicator(dataSource, "SELECT 1 FROM no_such_table_ops");
            return () -> (broken ? failing : working).health();
        }
    }

    @AfterEach
    void repairDb() {
        db.broken = false;
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> graphQl(String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessIncludesTheDatabaseAndGoesDownWithItWhileLivenessStaysUp() throws Exception {
        HttpResponse<String> ready = get("/actuator/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"status\":\"UP\"")
                .contains("\"db\"")
                .contains("\"readinessState\"");
        HttpResponse<String> live = get("/actuator/health/liveness");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"livenessState\"").doesNotContain("\"db\"");

        db.broken = true;

        HttpResponse<String> notReady = get("/actuator/health/readiness");
        assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"status\":\"DOWN\"");
        HttpResponse<String> stillLive = get("/actuator/health/liveness");
        assertThat(stillLive.statusCode())
                .as("a database outage must not get the process restarted")
                .isEqualTo(200);
        assertThat(stillLive.body()).contains("\"status\":\"UP\"");
        assertThat(notReady.body()).as("no details for anonymous callers").doesNotContain("no_such_table");
    }

    @Test
    void metricsNeedTheScrapeTokenAndOtherEndpointsAreClosed() throws Exception {
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "Authorization", "Bearer wrong").statusCode())
                .isEqualTo(401);
        assertThat(get("/actuator/prometheus", "Authorization", "Bearer " + tokenOf("dinkes"))
                        .statusCode())
                .as("a user token is not the scrape token")
                .isEqualTo(401);
        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(401);
        for (String closed : List.of(
                "/actuator/env",
                "/actuator/heapdump",
                "/actuator/configprops",
                "/actuator/loggers",
                "/actuator/threaddump",
                "/actuator/shutdown")) {
            HttpResponse<String> response = get(closed, "Authorization", "Bearer " + TOKEN);
            assertThat(response.statusCode()).as(closed).isIn(401, 404);
        }
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusShowsGraphQlOperationsHttpRequestsAndThePool() throws Exception {
        assertThat(graphQl("{\"query\":\"query OpsProbe { apiVersion }\",\"operationName\":\"OpsProbe\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(graphQl("{\"query\":\"{ apiVersion }\"}").statusCode()).isEqualTo(200);
        assertThat(graphQl("{\"query\":\"query x { apiVersion }\",\"operationName\":\"x'); DROP\"}")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> scrape = get("/actuator/prometheus", "Authorization", "Bearer " + TOKEN);

        assertThat(scrape.statusCode()).isEqualTo(200);
        List<String> lines = Arrays.asList(scrape.body().split("\n"));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("graphql_request_seconds_count{")
                        && l.contains("graphql_operation_name=\"OpsProbe\""));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("graphql_request_seconds_count{")
                        && l.contains("graphql_operation_name=\"anonymous\""));
        assertThat(lines)
                .as("a name that is not a GraphQL name is never a tag value")
                .anyMatch(l -> l.startsWith("graphql_request_seconds_count{")
                        && l.contains("graphql_operation_name=\"invalid\""))
                .noneMatch(l -> l.contains("DROP"));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains("uri=\"/graphql\""));
        assertThat(lines).anyMatch(l -> l.startsWith("hikaricp_connections_active{"));
        assertThat(lines).anyMatch(l -> l.startsWith("hikaricp_connections_max{"));
        assertThat(lines).anyMatch(l -> l.startsWith("atlas_import_running"));
    }

    @Test
    void aGraphQlRequestLogsJsonLinesWithItsRequestIdAndReturnsIt(CapturedOutput output) throws Exception {
        String id = "ops-" + UUID.randomUUID();

        HttpResponse<String> response = graphQl("{\"query\":\"query OpsProbe { apiVersion }\"}", "X-Request-Id", id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).contains(id);
        List<String> lines = output.getOut()
                .lines()
                .filter(l -> l.contains("slow GraphQL field Query.apiVersion"))
                .toList();
        assertThat(lines).as("the data fetcher's log line of this request").anySatisfy(line -> {
            assertThat(line).startsWith("{").endsWith("}");
            assertThat(line).contains("\"requestId\":\"" + id + "\"");
        });
        assertThat(output.getOut().lines().filter(l -> l.contains("slow GraphQL field")))
                .as("every such line has a request id")
                .allSatisfy(l -> assertThat(l).contains("\"requestId\":"));
    }

    @Test
    void anUnsaneRequestIdIsReplacedByAFreshOne() throws Exception {
        String bad = "x".repeat(65);
        HttpResponse<String> response = graphQl("{\"query\":\"{ apiVersion }\"}", "X-Request-Id", bad);
        String returned = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(returned).isNotEqualTo(bad);
        assertThat(UUID.fromString(returned)).isNotNull();
        assertThat(get("/actuator/health", "X-Request-Id", "a b")
                        .headers()
                        .firstValue("X-Request-Id")
                        .orElseThrow())
                .isNotEqualTo("a b");
    }
}
