package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GraphiQL, the map and the web app work without internet access; health reports the database. */
class WebEndpointsTest extends IntegrationTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void graphiqlLoadsEveryAssetFromTheApplicationItself() throws Exception {
        HttpResponse<String> page = get("/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).doesNotContain("https://", "http://").contains("/graphql");
        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(page.body());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).hasSize(4); // react, react-dom, graphiql js, graphiql css
        for (String asset : assets) {
            HttpResponse<String> response = get(asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body().length()).as(asset).isGreaterThan(1000);
        }
    }

    @Test
    void theFormerMapPageOpensTheAppsPeta() throws Exception {
        HttpResponse<String> response = get("/map");
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/#/peta"));
    }

    /** The sign-in screen of the demo names each user's area, not its code. */
    @Test
    void demoUsersNameTheirArea() throws Exception {
        String users = get("/demo/users").body();
        assertThat(users)
                .contains(
                        "\"user\":\"camat-utara\"",
                        "\"area\":\"Pekalongan Utara\"",
                        "\"area\":\"Medono\"",
                        "\"area\":\"Puskesmas Tirto\"",
                        "\"area\":\"Kota Pekalongan\"");
    }

    @Test
    void rootRedirectsToTheApp() throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/"));
    }

    /**
     * The web app's files name no other server: every script, style and document under static/app is served by the
     * app and none of its own holds an http(s) URL (the OIDC issuer comes from /app/config.json at run time). The
     * vendored MapLibre GL names URLs in its code and licences; that it requests none is checked in the browser
     * ({@link AppBrowserTest}: no request leaves the app).
     */
    @Test
    void theAppLoadsEveryFileFromTheApplicationItself() throws Exception {
        Path app = Path.of("src/main/resources/static/app");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(app)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String path = "/app/" + app.relativize(file).toString().replace('\\', '/');
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            if (path.startsWith("/app/vendor/")) {
                continue;
            }
            // The SVG namespace is a name, not a request.
            assertThat(response.body().replace("http://www.w3.org/2000/svg", ""))
                    .as(path)
                    .doesNotContain("https://", "http://");
        }
        assertThat(get("/app/").body()).contains("/app/app.js", "/app/vendor/maplibre-gl.js");
    }

    @Test
    void healthIncludesTheDatabase() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
