package id.ilpatlas.api.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A small OpenID Connect provider for tests (JDK HttpServer on a random port of 127.0.0.1, so its origin differs
 * from the app's {@code localhost}): discovery, JWKS (one RS256 key), an authorization endpoint that shows an HTML
 * page with one sign-in button per test user (the browser really goes there and back), a token endpoint that checks
 * code, client id, redirect URI and PKCE ({@code BASE64URL(SHA-256(code_verifier)) == code_challenge}, S256 only) and
 * answers an access token with the user's Atlas claims plus an ID token with the nonce, and an end-session endpoint.
 * Every failure is an OAuth error ({@code invalid_grant}, ...) with a description naming the check, as a real
 * provider answers. What it refused and the sign-outs it saw are kept for the test to assert.
 */
final class OidcTestIssuer implements AutoCloseable {

    /** A user of the issuer: the subject and the claims its access token carries beyond iss/sub/iat/exp. */
    record User(String subject, Map<String, Object> claims) {}

    /** A code handed out by the authorization endpoint, redeemable once. */
    private record Grant(
            String clientId, String redirectUri, String challenge, String nonce, User user, Instant expires) {}

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);

    private final HttpServer server;
    private final RSAKey key;
    private final String clientId;
    private final Map<String, User> users;
    private final Duration tokenLifetime;
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** OAuth errors the token endpoint answered ({@code invalid_grant: ...}). */
    final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    /** Users signed out through the end-session endpoint (subject of the id_token_hint). */
    final List<String> signedOut = Collections.synchronizedList(new ArrayList<>());
    /** Access tokens issued. */
    final List<String> issued = Collections.synchronizedList(new ArrayList<>());

    private OidcTestIssuer(String clientId, List<User> users, Duration tokenLifetime) throws IOException {
        this.clientId = clientId;
        this.tokenLifetime = tokenLifetime;
        this.users = new LinkedHashMap<>();
        users.forEach(u -> this.users.put(u.subject(), u));
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID("test-" + HexFormat.of().formatHex(bytes(4)))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // several threads: the browser holds keep-alive connections while the app's JWT decoder fetches the keys
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "oidc-test-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /**
     * Starts an issuer for one public client with these users; tokens live tokenLifetime. Returns once its discovery
     * document has been served (so an application context started next finds it answering).
     */
    static OidcTestIssuer start(String clientId, List<User> users, Duration tokenLifetime) {
        OidcTestIssuer issuer;
        try {
            issuer = new OidcTestIssuer(clientId, users, tokenLifetime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            HttpResponse<String> discovery = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(issuer.issuer() + "/.well-known/openid-configuration"))
                                    .timeout(Duration.ofMinutes(1))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (discovery.statusCode() != 200) {
                throw new IllegalStateException("test issuer: discovery answered " + discovery.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("test issuer at " + issuer.issuer() + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return issuer;
    }

    /** The issuer identifier, e.g. {@code http://127.0.0.1:40123} (also its origin). */
    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers a redirect URI (and post-logout redirect URI) of the client. */
    void registerRedirectUri(String uri) {
        redirectUris.add(uri);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // --------------------------------------------------------------------------------------------------- endpoints

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            System.err.println("[oidc-test-issuer " + Instant.now() + "] " + exchange.getRequestMethod() + " " + path);
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, Accept");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            switch (path) {
                case "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "/jwks" -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject());
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/logout" -> logout(exchange);
                default -> text(exchange, 404, "text/plain", "not found: " + path);
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            text(exchange, 500, "text/plain", "test issuer failed: " + e);
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer());
        m.put("authorization_endpoint", issuer() + "/authorize");
        m.put("token_endpoint", issuer() + "/token");
        m.put("jwks_uri", issuer() + "/jwks");
        m.put("end_session_endpoint", issuer() + "/logout");
        m.put("response_types_supported", List.of("code"));
        m.put("grant_types_supported", List.of("authorization_code"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("none"));
        m.put("scopes_supported", List.of("openid"));
        return m;
    }

    /**
     * GET: the sign-in page (one form per user, the request's parameters in hidden fields); POST (a button): a code,
     * and the browser goes back to redirect_uri with code and state. A bad client or redirect URI is shown here,
     * never redirected (RFC 6749 4.1.2.1).
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = "POST".equals(exchange.getRequestMethod())
                ? form(exchange)
                : parse(exchange.getRequestURI().getRawQuery());
        String redirectUri = q.getOrDefault("redirect_uri", "");
        if (!clientId.equals(q.get("client_id"))) {
            text(exchange, 400, "text/plain", "unknown client_id " + q.get("client_id"));
            return;
        }
        if (!redirectUris.contains(redirectUri)) {
            text(exchange, 400, "text/plain", "redirect_uri " + redirectUri + " is not registered for " + clientId);
            return;
        }
        if (!"code".equals(q.get("response_type"))
                || !"S256".equals(q.get("code_challenge_method"))
                || q.getOrDefault("code_challenge", "").isEmpty()
                || !List.of(q.getOrDefault("scope", "").split(" ")).contains("openid")) {
            redirect(
                    exchange,
                    redirectUri + "?"
                            + query(Map.of(
                                    "error",
                                    "invalid_request",
                                    "error_description",
                                    "response_type code, scope openid and a S256 code_challenge are required",
                                    "state",
                                    q.getOrDefault("state", ""))));
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            StringBuilder page = new StringBuilder(
                    "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">"
                            + "<title>Penerbit uji</title><link rel=\"icon\" href=\"data:,\"></head><body><h1>Penerbit OpenID uji</h1>");
            for (User user : users.values()) {
                page.append("<form method=\"post\" action=\"/authorize\">");
                for (String name : List.of(
                        "response_type",
                        "client_id",
                        "redirect_uri",
                        "scope",
                        "state",
                        "nonce",
                        "code_challenge",
                        "code_challenge_method")) {
                    page.append("<input type=\"hidden\" name=\"")
                            .append(name)
                            .append("\" value=\"")
                            .append(escape(q.getOrDefault(name, "")))
                            .append("\">");
                }
                page.append("<input type=\"hidden\" name=\"user\" value=\"")
                        .append(escape(user.subject()))
                        .append("\"><button type=\"submit\" data-user=\"")
                        .append(escape(user.subject()))
                        .append("\">Masuk sebagai ")
                        .append(escape(user.subject()))
                        .append("</button></form>");
            }
            text(
                    exchange,
                    200,
                    "text/html; charset=utf-8",
                    page.append("</body></html>").toString());
            return;
        }
        User user = users.get(q.get("user"));
        if (user == null) {
            text(exchange, 400, "text/plain", "unknown user " + q.get("user"));
            return;
        }
        String code = base64url(bytes(24));
        grants.put(
                code,
                new Grant(
                        clientId,
                        redirectUri,
                        q.get("code_challenge"),
                        q.get("nonce"),
                        user,
                        Instant.now().plus(CODE_LIFETIME)));
        redirect(exchange, redirectUri + "?" + query(Map.of("code", code, "state", q.getOrDefault("state", ""))));
    }

    /** The code for tokens: every check of RFC 6749 4.1.3 and RFC 7636 4.6 a public client is held to. */
    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            text(exchange, 405, "text/plain", "POST only");
            return;
        }
        Map<String, String> f = form(exchange);
        Grant grant = f.get("code") == null ? null : grants.remove(f.get("code"));
        String error = null;
        if (!"authorization_code".equals(f.get("grant_type"))) {
            error = "unsupported_grant_type: " + f.get("grant_type");
        } else if (grant == null) {
            error = "invalid_grant: unknown or already used code";
        } else if (grant.expires().isBefore(Instant.now())) {
            error = "invalid_grant: the code has expired";
        } else if (!grant.clientId().equals(f.get("client_id"))) {
            error = "invalid_client: client_id differs from the authorization request";
        } else if (!grant.redirectUri().equals(f.get("redirect_uri"))) {
            error = "invalid_grant: redirect_uri differs from the authorization request";
        } else if (f.get("code_verifier") == null || !grant.challenge().equals(challengeOf(f.get("code_verifier")))) {
            error = "invalid_grant: PKCE verification failed (code_verifier does not match code_challenge)";
        }
        if (error != null) {
            refused.add(error);
            int colon = error.indexOf(':');
            json(
                    exchange,
                    400,
                    Map.of("error", error.substring(0, colon), "error_description", error.substring(colon + 2)));
            return;
        }
        Instant now = Instant.now();
        String accessToken = sign(claims(grant.user(), now)
                .audience(clientId)
                .claim("scope", "openid")
                .claim("client_id", clientId)
                .build());
        String idToken = sign(claims(grant.user(), now)
                .audience(clientId)
                .claim("nonce", grant.nonce())
                .claim("auth_time", Date.from(now))
                .build());
        issued.add(accessToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", tokenLifetime.toSeconds());
        body.put("id_token", idToken);
        body.put("scope", "openid");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, body);
    }

    /** RP-initiated logout: back to a registered post_logout_redirect_uri, the user (from id_token_hint) recorded. */
    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        String back = q.get("post_logout_redirect_uri");
        if (back == null || !redirectUris.contains(back)) {
            text(exchange, 400, "text/plain", "post_logout_redirect_uri " + back + " is not registered");
            return;
        }
        String subject = "?";
        if (q.get("id_token_hint") != null) {
            try {
                subject = SignedJWT.parse(q.get("id_token_hint"))
                        .getJWTClaimsSet()
                        .getSubject();
            } catch (java.text.ParseException e) {
                text(exchange, 400, "text/plain", "id_token_hint is not a JWT");
                return;
            }
        }
        signedOut.add(subject);
        redirect(exchange, back + (q.containsKey("state") ? "?" + query(Map.of("state", q.get("state"))) : ""));
    }

    // ------------------------------------------------------------------------------------------------------ tokens

    private JWTClaimsSet.Builder claims(User user, Instant now) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(user.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(tokenLifetime)))
                .jwtID(base64url(bytes(12)));
        user.claims().forEach(b::claim);
        return b;
    }

    /** RS256 with the issuer's key; header typ JWT (as Keycloak signs its access tokens too). */
    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String challengeOf(String verifier) {
        try {
            return base64url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private byte[] bytes(int count) {
        byte[] b = new byte[count];
        random.nextBytes(b);
        return b;
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            m.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        URI.create(location);
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        text(exchange, status, "application/json", JSONObjectUtils.toJSONString(body));
    }

    private static void text(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
