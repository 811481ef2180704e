package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests meant to hurt: each gets a clear 4xx or a GraphQL error, never a 5xx, never a stack trace, and the server
 * keeps answering normal queries during and after.
 */
@Slow
class HostileRequestsTest extends IntegrationTest {

    private static final String NORMAL = "{\"query\":\"{ region(code: \\\"33.75\\\") { name } }\"}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void serverStillAnswers() throws Exception {
        HttpResponse<String> response = post("application/json", NORMAL);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Kota Pekalongan");
    }

    @Test
    void depthFiftyIsRefusedBeforeAnyDataIsFetched() throws Exception {
        String query = "{ region(code: \\\"33.75.01.1002.RW001\\\") { " + "parent { ".repeat(50) + "code"
                + " }".repeat(50) + " } }";
        HttpResponse<String> response = post("application/json", "{\"query\":\"" + query + "\"}");
        assertCleanGraphQlError(response, "maximum query depth exceeded");
    }

    @Test
    void thousandAliasesAreRefused() throws Exception {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < 1000; i++) {
            query.append("a").append(i).append(": apiVersion ");
        }
        HttpResponse<String> response = post("application/json", "{\"query\":\"" + query + "}\"}");
        assertCleanGraphQlError(response, "aliases");
    }

    @Test
    void tooManyFieldsAreRefused() throws Exception {
        String fields = "code name level population synthetic ".repeat(250);
        HttpResponse<String> response =
                post("application/json", "{\"query\":\"{ region(code: \\\"33.75\\\") { " + fields + " } }\"}");
        assertCleanGraphQlError(response, "The operation selects 1251 fields; at most 1000 are allowed");
    }

    @Test
    void nulCharactersInArgumentsAreBadRequestsNamingTheArgument() throws Exception {
        // a literal in a query argument, a variable in a filter and a mutation input field
        HttpResponse<String> literal =
                post("application/json", "{\"query\":\"{ region(code: \\\"33.75\\\\u0000\\\") { name } }\"}");
        assertBadRequest(literal, "code");
        HttpResponse<String> filter = post(
                "application/json",
                "{\"query\":\"query($f: FacilityFilter) "
                        + "{ facilities(filter: $f) { totalCount } }\",\"variables\":{\"f\":{\"nameContains\":\"Tir\\u0000to\"}}}");
        assertBadRequest(filter, "filter.nameContains");

        String before = jdbc.sql("SELECT f::text FROM facilities f WHERE code = 'PKM-3375-TIRTO'")
                .query(String.class)
                .single();
        HttpResponse<String> mutation = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + tokenOf("dinkes"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"mutation($i: UpdateFacilityInput!) { "
                                + "updateFacility(input: $i) { facility { name } errors { message } } }\",\"variables\":"
                                + "{\"i\":{\"id\":\"PKM-3375-TIRTO\",\"version\":1,\"name\":\"Tirto\\u0000\"}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertBadRequest(mutation, "input.name");
        assertThat(jdbc.sql("SELECT f::text FROM facilities f WHERE code = 'PKM-3375-TIRTO'")
                        .query(String.class)
                        .single())
                .as("PKM-3375-TIRTO unchanged")
                .isEqualTo(before);
    }

    private static void assertBadRequest(HttpResponse<String> response, String argument) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .as(argument)
                .contains("\"classification\":\"BAD_REQUEST\"")
                .contains("\"argument\":\"" + argument + "\"")
                .contains("Argument '" + argument + "': contains a NUL character")
                .doesNotContain("INTERNAL_ERROR");
        assertNoLeak(response.body());
    }

    // ------------------------------------------------------------------------------------------- uploads

    /**
     * Case file uploads are refused before their body is read: the request declares 300 MB and sends a few bytes,
     * then waits. The answer arrives while the body is still missing, so the server did not wait for (or spool) it.
     */
    @Test
    void uploadsAreRefusedBeforeTheBodyIsRead() throws Exception {
        long declared = 300L * 1024 * 1024;
        assertThat(uploadStatus(null, declared)).as("anonymous").isEqualTo(401);
        assertThat(uploadStatus(tokenOf("lurah-medono"), declared))
                .as("a lurah may not import")
                .isEqualTo(403);
        assertThat(uploadStatus(tokenOf("planner"), declared))
                .as("a planner may not import")
                .isEqualTo(403);
        // an importer's upload over atlas.http.max-upload-bytes (512 MiB) is 413 before it is read
        assertThat(uploadStatus(tokenOf("dinkes"), 600L * 1024 * 1024))
                .as("dinkes, 600 MiB")
                .isEqualTo(413);
    }

    /** Sends the headers of a multipart upload declaring {@code declared} bytes, and only its first bytes. */
    private int uploadStatus(String token, long declared) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            // only a guard against a hanging test: a server that waited for the body would never answer
            socket.setSoTimeout(60_000);
            String head = "POST /imports/eppgbm HTTP/1.1\r\nHost: localhost\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + declared + "\r\n\r\n"
                    + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\nNIK;Nama\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status;
            try {
                status = in.readLine();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server waited for the " + declared + "-byte body instead of answering");
            }
            assertThat(status).as("status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void hundredBatchedOperationsAreRefused() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(NORMAL);
        }
        HttpResponse<String> response = post("application/json", "[" + String.join(",", batch) + "]");
        assertThat(response.statusCode()).isBetween(400, 499);
        assertNoLeak(response.body());

        StringBuilder document = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            document.append("query Q").append(i).append(" { apiVersion } ");
        }
        HttpResponse<String> many =
                post("application/json", "{\"query\":\"" + document + "\",\"operationName\":\"Q1\"}");
        assertCleanGraphQlError(many, "operations");
    }

    @Test
    void tenMegabyteBodyIsRefusedWith413() throws Exception {
        String padding = "x".repeat(10 * 1024 * 1024);
        HttpResponse<String> response =
                post("application/json", "{\"query\":\"{ apiVersion }\",\"variables\":{\"pad\":\"" + padding + "\"}}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertNoLeak(response.body());
    }

    @Test
    void malformedJsonAndWrongContentTypesAreClientErrors() throws Exception {
        for (String body : List.of("{\"query\": ", "not json", "{\"query\": 42}", "[]", "null", "")) {
            HttpResponse<String> response = post("application/json", body);
            if (response.statusCode() == 200) { // GraphQL over HTTP allows 200 + errors for application/json
                assertThat(response.body())
                        .as("body %s", body)
                        .contains("\"errors\"")
                        .doesNotContain("\"data\":{");
            } else {
                assertThat(response.statusCode()).as("body %s", body).isBetween(400, 499);
            }
            assertNoLeak(response.body());
        }
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x")) {
            HttpResponse<String> response = post(type, NORMAL);
            assertThat(response.statusCode()).as("content type %s", type).isBetween(400, 499);
            assertNoLeak(response.body());
        }
    }

    @Test
    void serverKeepsAnsweringWhileUnderHostileLoad() throws Exception {
        String deep = "{\"query\":\"{ region(code: \\\"33.75\\\") { " + "children { ".repeat(40) + "code"
                + " }".repeat(40) + " } }\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> hostile = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                hostile.add(pool.submit(() -> post("application/json", deep)));
            }
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> normal = post("application/json", NORMAL);
                assertThat(normal.statusCode()).isEqualTo(200);
                assertThat(normal.body()).contains("Kota Pekalongan");
            }
            for (Future<HttpResponse<String>> f : hostile) {
                assertThat(f.get().statusCode()).isLessThan(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertCleanGraphQlError(HttpResponse<String> response, String expected) {
        assertThat(response.statusCode()).isLessThan(500);
        assertThat(response.body())
                .contains("\"errors\"")
                .containsIgnoringCase(expected)
                .doesNotContain("\"data\":{\"");
        assertNoLeak(response.body());
    }

    private static void assertNoLeak(String body) {
        assertThat(body)
                .doesNotContain(
                        "at org.",
                        "at id.ilpatlas",
                        "Exception",
                        "SELECT ",
                        "org.postgresql",
                        "java.",
                        "tools.jackson");
    }

    private HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
