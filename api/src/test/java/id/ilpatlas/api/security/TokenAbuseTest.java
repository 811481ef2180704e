package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad tokens, sent as raw HTTP: expired, forged (another secret), unsigned ({@code alg: none}), the wrong MAC
 * algorithm, garbage, the wrong scheme. Each is a 401 (never a 5xx, never a stack trace); a well-signed token with a
 * role the server does not know is a FORBIDDEN GraphQL error. Anonymous queries keep working during and after.
 */
class TokenAbuseTest extends IntegrationTest {

    private static final String NORMAL = "{\"query\":\"{ region(code: \\\"33.75\\\") { name } }\"}";
    private static final String ME = "{\"query\":\"{ me { user role scope } }\"}";
    private static final String UPDATE = "{\"query\":\"mutation { updateFacility(input: {id: \\\"PKM-3375-TIRTO\\\", "
            + "version: 1, name: \\\"Dikuasai\\\"}) { facility { version } errors { message } } }\"}";

    @LocalServerPort
    int port;

    @Autowired
    SecurityConfig.DemoSecret demoSecret;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void anonymousQueriesStillWork() throws Exception {
        assertAnonymousWorks();
    }

    // ------------------------------------------------------------------------------------------------ 401

    @Test
    void expiredTokenIs401() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String token = sign(
                claims("dinkes", "DINKES_ADMIN", List.of("33.75"), past, past.plus(Duration.ofHours(1))),
                demoSecret.key().getEncoded(),
                JWSAlgorithm.HS256);
        assertUnauthorized("expired", "Bearer " + token);
    }

    @Test
    void tokenWithoutExpiryIs401() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims =
                builder("dinkes", "DINKES_ADMIN").issueTime(Date.from(now)).build();
        assertUnauthorized("no exp", signed(claims), "'exp'");
    }

    @Test
    void tokenWithATenYearLifetimeIs401() throws Exception {
        Instant now = Instant.now();
        assertUnauthorized(
                "10 years",
                signed(builder("dinkes", "DINKES_ADMIN")
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofDays(3650))))
                        .build()),
                "lifetime");
        // without iat the lifetime is measured from now; with iat in the future as well
        assertUnauthorized(
                "10 years, no iat",
                signed(builder("dinkes", "DINKES_ADMIN")
                        .expirationTime(Date.from(now.plus(Duration.ofDays(3650))))
                        .build()),
                "ahead");
        Instant later = now.plus(Duration.ofDays(3649));
        assertUnauthorized(
                "iat in the future",
                signed(builder("dinkes", "DINKES_ADMIN")
                        .issueTime(Date.from(later))
                        .expirationTime(Date.from(later.plus(Duration.ofHours(1))))
                        .build()),
                "ahead");
        // 12 hours is the default bound: 11 h is fine
        HttpResponse<String> ok = post(
                signed(builder("dinkes", "DINKES_ADMIN")
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(11))))
                        .build()),
                ME);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"role\":\"DINKES_ADMIN\"");
        HttpResponse<String> noIat = post(
                signed(builder("dinkes", "DINKES_ADMIN")
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .build()),
                ME);
        assertThat(noIat.statusCode())
                .as("no iat, 1 h: %s", noIat.headers().map())
                .isEqualTo(200);
    }

    @Test
    void tokenOfAnotherOrNoIssuerIs401() throws Exception {
        Instant now = Instant.now();
        for (String issuer : List.of("https://evil.example/realms/dinkes", "ilp-atlas-demo ", "")) {
            assertUnauthorized(
                    "issuer '" + issuer + "'",
                    signed(builder("dinkes", "DINKES_ADMIN")
                            .issuer(issuer)
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                            .build()),
                    "issuer");
        }
        assertUnauthorized(
                "no issuer",
                signed(builder("dinkes", "DINKES_ADMIN")
                        .issuer(null)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .build()),
                "'iss'");
    }

    @Test
    void tokenWithoutSubjectIs401() throws Exception {
        Instant now = Instant.now();
        for (String subject : new String[] {null, "", "  "}) {
            assertUnauthorized(
                    "sub '" + subject + "'",
                    signed(builder(subject, "DINKES_ADMIN")
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                            .build()),
                    "'sub'");
        }
    }

    @Test
    void tokenSignedWithAnotherSecretIs401() throws Exception {
        byte[] other = "an-attacker-chosen-secret-of-32-bytes-or-more!".getBytes(StandardCharsets.UTF_8);
        String token = sign(validClaims("dinkes", "DINKES_ADMIN", List.of("33.75")), other, JWSAlgorithm.HS256);
        assertUnauthorized("forged", "Bearer " + token);
    }

    @Test
    void unsignedAlgNoneTokenIs401() throws Exception {
        String token = new PlainJWT(validClaims("dinkes", "DINKES_ADMIN", List.of("33.75"))).serialize();
        assertUnauthorized("alg none", "Bearer " + token);
        // the same with a fake empty signature part, and with a header claiming HS256 over no signature
        String[] parts = token.split("\\.", -1);
        assertUnauthorized("alg none, empty signature", "Bearer " + parts[0] + "." + parts[1] + ".");
        String hs256Header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        assertUnauthorized("HS256 header, no signature", "Bearer " + hs256Header + "." + parts[1] + ".");
    }

    @Test
    void tokenSignedWithTheRightSecretButAnotherAlgorithmIs401() throws Exception {
        byte[] secret = demoSecret.key().getEncoded(); // 64 bytes: long enough for HS384 and HS512 too
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            if (secret.length * 8 >= MACSigner.getMinRequiredSecretLength(algorithm)) {
                assertUnauthorized(
                        algorithm.getName(),
                        "Bearer " + sign(validClaims("dinkes", "DINKES_ADMIN", List.of("33.75")), secret, algorithm));
            }
        }
    }

    @Test
    void tamperedPayloadIs401() throws Exception {
        String token = sign(
                validClaims("planner", "PLANNER", List.of("33.75")),
                demoSecret.key().getEncoded(),
                JWSAlgorithm.HS256);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("PLANNER", "DINKES_ADMIN");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertUnauthorized("tampered role", "Bearer " + tampered);
    }

    @Test
    void garbageTokensAre401() throws Exception {
        for (String header : List.of(
                "Bearer x.y.z",
                "Bearer not-a-jwt",
                "Bearer a.b",
                "Bearer ....",
                "Bearer " + "A".repeat(5000),
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.%%%")) {
            assertUnauthorized(header.length() > 60 ? header.substring(0, 60) + "..." : header, header);
        }
    }

    @Test
    void wrongSchemeIs401() throws Exception {
        assertUnauthorized(
                "Basic",
                "Basic " + Base64.getEncoder().encodeToString("dinkes:dinkes".getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------------------------------------ FORBIDDEN

    @Test
    void wellSignedTokenWithAnUnknownRoleIsForbiddenNotAnAdmin() throws Exception {
        String before = puskesmasTirto();
        for (Object role : new Object[] {"SUPERUSER", "dinkes_admin", "", 42, null}) {
            JWTClaimsSet claims = validClaims("intruder", role, List.of("33.75"));
            String bearer = "Bearer " + sign(claims, demoSecret.key().getEncoded(), JWSAlgorithm.HS256);
            HttpResponse<String> me = post(bearer, ME);
            assertThat(me.statusCode()).as("role %s", role).isEqualTo(200);
            assertNoLeak(me.body());
            Map<String, Object> body = parse(me.body());
            assertThat(body.get("data"))
                    .as("role %s: data of %s", role, me.body())
                    .isNull();
            assertThat(classifications(body)).as("role %s: %s", role, me.body()).containsExactly("FORBIDDEN");

            HttpResponse<String> write = post(bearer, UPDATE);
            assertThat(write.statusCode()).as("role %s", role).isEqualTo(200);
            assertNoLeak(write.body());
            assertThat(classifications(parse(write.body())))
                    .as("role %s: %s", role, write.body())
                    .containsExactly("FORBIDDEN");
            assertAnonymousWorks();
        }
        assertThat(puskesmasTirto()).as("PKM-3375-TIRTO unchanged").isEqualTo(before);
    }

    private String puskesmasTirto() {
        return jdbc.sql("SELECT f::text FROM facilities f WHERE code = 'PKM-3375-TIRTO'")
                .query(String.class)
                .single();
    }

    @Test
    void wellSignedStaffTokenWithoutItsFacilityIsForbidden() throws Exception {
        String bearer = "Bearer "
                + sign(
                        validClaims("staff", "PUSKESMAS_STAFF", List.of("33.75")),
                        demoSecret.key().getEncoded(),
                        JWSAlgorithm.HS256);
        HttpResponse<String> me = post(bearer, ME);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(classifications(parse(me.body()))).as(me.body()).containsExactly("FORBIDDEN");
        // the regions claim does not stand in for the catchment of a facility
        HttpResponse<String> write = post(bearer, UPDATE);
        assertThat(classifications(parse(write.body()))).as(write.body()).containsExactly("FORBIDDEN");
    }

    @Test
    void validTokensStillWorkBetweenTheBadOnes() throws Exception {
        HttpResponse<String> good = post(
                "Bearer "
                        + sign(
                                validClaims("dinkes", "DINKES_ADMIN", List.of("33.75")),
                                demoSecret.key().getEncoded(),
                                JWSAlgorithm.HS256),
                ME);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body()).contains("\"role\":\"DINKES_ADMIN\"");
        assertUnauthorized("garbage", "Bearer x.y.z");
        HttpResponse<String> demo = post("Bearer " + tokenOf("dinkes"), ME);
        assertThat(demo.body()).contains("\"user\":\"dinkes\"");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A 401 whose WWW-Authenticate error description names the rule the token broke. */
    private void assertUnauthorized(String what, String authorization, String reason) throws Exception {
        assertUnauthorized(what, authorization);
        HttpResponse<String> response = post(authorization, ME);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertThat(challenge)
                .as("%s: WWW-Authenticate", what)
                .contains("invalid_token")
                .contains(reason);
    }

    private JWTClaimsSet.Builder builder(String subject, String role) {
        return new JWTClaimsSet.Builder()
                .issuer("ilp-atlas-demo")
                .subject(subject)
                .claim("atlas_role", role)
                .claim("atlas_regions", List.of("33.75"));
    }

    private String signed(JWTClaimsSet claims) throws JOSEException {
        return "Bearer " + sign(claims, demoSecret.key().getEncoded(), JWSAlgorithm.HS256);
    }

    private void assertUnauthorized(String what, String authorization) throws Exception {
        for (String body : List.of(NORMAL, ME, UPDATE)) {
            HttpResponse<String> response = post(authorization, body);
            assertThat(response.statusCode())
                    .as("%s: status of %s (body %s)", what, body, response.body())
                    .isEqualTo(401);
            assertNoLeak(response.body());
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            assertThat(challenge).as("%s: WWW-Authenticate", what).startsWith("Bearer");
            assertNoLeak(challenge);
            assertAnonymousWorks();
        }
    }

    private void assertAnonymousWorks() throws Exception {
        HttpResponse<String> response = post(null, NORMAL);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Kota Pekalongan");
    }

    private static void assertNoLeak(String text) {
        assertThat(text)
                .doesNotContain(
                        "at org.",
                        "at id.ilpatlas",
                        "Exception",
                        "SELECT ",
                        "org.postgresql",
                        "java.",
                        "tools.jackson",
                        "com.nimbusds");
    }

    private static JWTClaimsSet validClaims(String subject, Object role, List<String> regions) {
        Instant now = Instant.now();
        return claims(subject, role, regions, now, now.plus(Duration.ofHours(1)));
    }

    private static JWTClaimsSet claims(
            String subject, Object role, List<String> regions, Instant issued, Instant expires) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer("ilp-atlas-demo")
                .subject(subject)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .claim("atlas_regions", regions);
        if (role != null) {
            builder.claim("atlas_role", role);
        }
        return builder.build();
    }

    private static String sign(JWTClaimsSet claims, byte[] secret, JWSAlgorithm algorithm) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String body) {
        return json.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> classifications(Map<String, Object> body) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.getOrDefault("errors", List.of());
        return errors.stream()
                .map(e -> String.valueOf(
                        ((Map<String, Object>) e.getOrDefault("extensions", Map.of())).get("classification")))
                .toList();
    }

    private HttpResponse<String> post(String authorization, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
