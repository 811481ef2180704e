package id.ilpatlas.api.security;

import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.springframework.boot.test.web.server.LocalServerPort;

/** CORS requests as a browser sends them: preflight and actual, from one origin, on each CORS path prefix. */
abstract class CorsChecks extends IntegrationTest {

    static final String FRONT_END = "https://peta.dinkes.example";

    /** One request per path prefix of {@link SecurityConfig#CORS_PATHS}: method and path. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"POST", "/graphql"},
            new String[] {"GET", "/tiles/facilities/12/3297/2138.mvt"},
            new String[] {"GET", "/exports/facilities.geojson"},
            new String[] {"GET", "/fhir/Organization"},
            new String[] {"GET", "/reports/kia-gizi/33.75.01/2026-05.csv"});

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> preflight(String origin, String method, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", "authorization,content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> actual(String origin, String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Origin", origin);
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ apiVersion }\"}"));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String allowOrigin(HttpResponse<?> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
    }
}
