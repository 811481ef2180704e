package id.ilpatlas.api.web;

import id.ilpatlas.api.security.SecurityProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web app at {@code /app} (static/app/: plain ES modules, MapLibre GL vendored, no build step, no external
 * request; {@code /} and the former map page {@code /map} lead there) and its configuration
 * {@code /app/config.json}: whether the demo users may sign in, and the OpenID Connect
 * issuer and client the browser signs in with (authorization code + PKCE; {@code atlas.app.oidc.client-id}, the
 * issuer is {@code atlas.security.issuer-uri}, the one whose tokens the API accepts).
 */
@RestController
class AppController {

    private static final Resource PAGE = new ClassPathResource("static/app/index.html");

    private final SecurityProperties security;
    private final String clientId;
    private final String scope;

    AppController(
            SecurityProperties security,
            @Value("${atlas.app.oidc.client-id:}") String clientId,
            @Value("${atlas.app.oidc.scope:openid}") String scope) {
        this.security = security;
        this.clientId = clientId;
        this.scope = scope;
    }

    /** The root is for people: the web app (developers find GraphiQL at /graphiql). */
    @GetMapping("/")
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/app/"))
                .build();
    }

    /** The former English planner map: its bookmarks open the app's Peta. */
    @GetMapping({"/map", "/map/"})
    ResponseEntity<Void> formerMap() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .location(URI.create("/app/#/peta"))
                .build();
    }

    @GetMapping({"/app", "/app/"})
    ResponseEntity<Resource> app() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .body(PAGE);
    }

    /**
     * {@code {"demo": true|false, "oidc": {"issuer", "clientId", "scope"} | null}}: OIDC only when both the issuer
     * and the client id are configured.
     */
    @GetMapping(value = "/app/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> config() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("demo", security.demoTokens());
        String issuer = security.issuerUri();
        if (issuer != null && !issuer.isBlank() && !clientId.isBlank()) {
            body.put("oidc", Map.of("issuer", issuer, "clientId", clientId, "scope", scope));
        } else {
            body.put("oidc", null);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(body);
    }
}
