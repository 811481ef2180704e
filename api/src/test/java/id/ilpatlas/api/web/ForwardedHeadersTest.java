package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Behind a TLS proxy ({@code server.forward-headers-strategy}): the URLs the app writes with its own base URL, the
 * tile URLs of the style fragments and the FHIR Bundle links, take the scheme and host the proxy forwards
 * ({@code X-Forwarded-Proto}, {@code X-Forwarded-Host}), not the plain-HTTP address the app listens on.
 */
class ForwardedHeadersTest extends IntegrationTest {

    private static final String PUBLIC_HOST = "atlas.dinkes.example.go.id";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(String path, boolean proxied) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (proxied) {
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", PUBLIC_HOST);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Every tile URL of a style fragment's sources. */
    private static List<String> tileUrls(JsonNode style) {
        List<String> urls = new ArrayList<>();
        style.path("sources").forEach(source -> source.path("tiles").forEach(url -> urls.add(url.asString())));
        return urls;
    }

    @Test
    void styleTileUrlsFollowTheForwardedSchemeAndHost() throws Exception {
        for (String layer : List.of("rw-indicators", "facilities", "hex-heat")) {
            String path = "/tiles/" + layer + "/style.json";
            assertThat(tileUrls(get(path, true)))
                    .as(path)
                    .isNotEmpty()
                    .allSatisfy(url -> assertThat(url)
                            .startsWith("https://" + PUBLIC_HOST + "/tiles/" + layer + "/{z}/{x}/{y}.mvt"));
            assertThat(tileUrls(get(path, false)))
                    .as(path + " without a proxy")
                    .allSatisfy(
                            url -> assertThat(url).startsWith("http://localhost:" + port + "/tiles/" + layer + "/"));
        }
    }

    @Test
    void fhirBundleLinksFollowTheForwardedSchemeAndHost() throws Exception {
        JsonNode bundle = get("/fhir/Organization?type=PUSKESMAS", true);
        assertThat(bundle.path("link").get(0).path("url").asString())
                .isEqualTo("https://" + PUBLIC_HOST + "/fhir/Organization?type=PUSKESMAS");
        assertThat(bundle.path("entry"))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.path("fullUrl").asString())
                        .startsWith("https://" + PUBLIC_HOST + "/fhir/Organization/"));
    }
}
