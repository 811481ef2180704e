package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import id.ilpatlas.api.AtlasDatabase;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.indicators.KiaGiziReviews;
import id.ilpatlas.api.outreach.schedule.JadwalDocuments;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production sign-in of the web app, end to end: the app without demo users ({@code atlas.security.demo-tokens=false})
 * accepting only the tokens of an OpenID provider that runs inside this test ({@link OidcTestIssuer}, started before
 * the application context so that the API's JWT decoder finds its discovery document and keys), with the web app as
 * its public client {@code atlas-app}. {@code oidc.spec.mjs} walks it in headless Chromium at 390×844 and 1366×768:
 * authorization code + PKCE through the issuer's sign-in page and back, a GraphQL query with the issued token, a
 * tampered state and a wrong code_verifier refused with Indonesian messages, an expired and a refused token back to
 * Masuk, the sign-out through the issuer, all under the pages' Content-Security-Policy. Also the headers themselves and
 * {@code /app/config.json}. Never skipped (as {@link AppBrowserTest}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "atlas.reference-data.load-on-start=true",
            "atlas.security.demo-tokens=false",
            "atlas.app.oidc.client-id=" + AppOidcBrowserTest.CLIENT_ID,
            "atlas.privacy.nik-key=" + IntegrationTest.TEST_NIK_KEY,
            // the same synthetic cases as the other integration tests (SyntheticCaseData.ensureLoaded)
            "atlas.cases.demo.scale=0.3",
            "atlas.cases.demo.as-of=2026-06-30"
        })
@Slow
class AppOidcBrowserTest {

    static final String CLIENT_ID = "atlas-app";
    private static final String USER = "siti.rahma";
    private static final Path MODULE = Path.of("").toAbsolutePath();

    /** The issuer's user: a Dinkes admin of Kota Pekalongan, as Keycloak would map its attributes to claims. */
    private static final OidcTestIssuer ISSUER = OidcTestIssuer.start(
            CLIENT_ID,
            List.of(new OidcTestIssuer.User(
                    USER,
                    Map.of(
                            "atlas_role",
                            "DINKES_ADMIN",
                            "atlas_regions",
                            List.of("33.75"),
                            "name",
                            "Siti Rahma",
                            "preferred_username",
                            USER))),
            Duration.ofMinutes(10));

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        AtlasDatabase.settings().register(registry);
        registry.add("atlas.security.issuer-uri", ISSUER::issuer);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @Autowired
    RwAccessService rwAccess;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void registerTheApp() {
        ISSUER.registerRedirectUri("http://localhost:" + port + "/app/");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void configNamesTheIssuerAndNoDemo() throws Exception {
        HttpResponse<String> config = get("/app/config.json");
        assertThat(config.body())
                .startsWith("{\"demo\":false,\"oidc\":{")
                .contains(
                        "\"issuer\":\"" + ISSUER.issuer() + "\"", "\"clientId\":\"atlas-app\"", "\"scope\":\"openid\"");
        assertThat(get("/demo/users").statusCode()).as("no demo users").isEqualTo(404);
    }

    @Test
    void pagesCarryTheirSecurityHeaders() throws Exception {
        for (String path : List.of("/app/", "/app", "/app/app.js", "/app/config.json", "/app/vendor/maplibre-gl.js")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp)
                    .as(path)
                    .startsWith("default-src 'self'; script-src 'self'; style-src 'self' 'sha256-")
                    .contains(
                            "; img-src 'self' data: blob:;",
                            "; worker-src 'self' blob:;",
                            "; connect-src 'self' " + ISSUER.issuer() + ";",
                            "; object-src 'none';",
                            "; frame-ancestors 'none'")
                    .contains(
                            "'sha256-" + ReportStyles.sha256(KiaGiziReviews.HTML_STYLE) + "'",
                            "'sha256-" + ReportStyles.sha256(JadwalDocuments.HTML_STYLE) + "'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
        HttpResponse<String> graphiql = get("/graphiql");
        assertThat(graphiql.headers().firstValue("Content-Security-Policy"))
                .as("GraphiQL: framing only")
                .hasValue("frame-ancestors 'none'");
        assertThat(graphiql.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void signsInWithPkceAtTheIssuerInChromium() throws Exception {
        syntheticCaseData.ensureLoaded();
        rwAccess.refreshIfStale("33.75");
        String what = "the OpenID sign-in browser test";
        Path nodeDir = NodeTools.nodeDir(MODULE);
        String chromium = System.getenv().getOrDefault("ATLAS_CHROMIUM", "/usr/bin/chromium");
        String node = NodeTools.node(what);
        if (!Files.isExecutable(Path.of(chromium))) {
            fail(chromium + " not found" + NodeTools.ci(what) + "; " + NodeTools.INSTALL_HINT);
        }
        NodeTools.requirePackages(what, nodeDir, "playwright-core", "axe-core");
        Path out = MODULE.resolve("target/app-spec-oidc.log");
        Files.createDirectories(out.getParent());
        int refusedBefore = ISSUER.refused.size();
        int signedOutBefore = ISSUER.signedOut.size();
        ProcessBuilder builder = new ProcessBuilder(
                        node,
                        MODULE.resolve("src/test/browser/app/oidc.spec.mjs").toString(),
                        "http://localhost:" + port,
                        ISSUER.issuer(),
                        USER,
                        "Dinas Kesehatan")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("ATLAS_NODE_DIR", nodeDir.toString());
        builder.environment().put("ATLAS_CHROMIUM", chromium);
        builder.environment()
                .put(
                        "ATLAS_APP_SCREENSHOTS",
                        MODULE.resolve("target/app-screenshots").toString());
        NodeTools.Run run = NodeTools.run(builder, out, 300);
        assertThat(run.finished())
                .as("oidc.spec.mjs finished within 300 s; its output:\n" + run.log())
                .isTrue();
        assertThat(run.exitValue())
                .as("oidc.spec.mjs exit code; its output:\n" + run.log())
                .isZero();
        // What the issuer saw, per viewport: the wrong verifier refused by its PKCE check, one sign-out.
        assertThat(ISSUER.refused.subList(refusedBefore, ISSUER.refused.size()))
                .containsExactly(
                        "invalid_grant: PKCE verification failed (code_verifier does not match code_challenge)",
                        "invalid_grant: PKCE verification failed (code_verifier does not match code_challenge)");
        assertThat(ISSUER.signedOut.subList(signedOutBefore, ISSUER.signedOut.size()))
                .containsExactly(USER, USER);
    }
}
