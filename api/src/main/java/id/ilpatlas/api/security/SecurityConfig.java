package id.ilpatlas.api.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * OAuth2 resource server: a request without a token is anonymous (public aggregates and the registry); a request
 * with a token must carry a valid one (else 401). Which operation a caller may run is decided per field by
 * {@link AccessPolicy}. Tokens come from the OIDC issuer {@code atlas.security.issuer-uri} in production, or are
 * signed by the app itself for the demo users ({@code atlas.security.demo-tokens=true}, demo profile).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

    /** Roles that may upload case files ({@link Permission#IMPORT_CASES}; {@code CaseImporter} checks it again). */
    static final Set<String> IMPORT_ROLES =
            Permission.IMPORT_CASES.roles().stream().map(Role::name).collect(Collectors.toUnmodifiableSet());

    /** The paths a browser front end on another origin may call (CORS). */
    static final List<String> CORS_PATHS = List.of("/graphql", "/tiles/**", "/exports/**", "/fhir/**", "/reports/**");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A case file upload is refused here, before its multipart body is read or spooled to disk: 401
                // without a token, 403 with a token of a role that may not import.
                .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.POST, "/imports/**")
                        .access((authentication, request) -> new AuthorizationDecision(authentication.get()
                                        instanceof JwtAuthenticationToken token
                                && IMPORT_ROLES.contains(token.getToken().getClaimAsString(properties.roleClaim()))))
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * CORS for browser front ends on the origins of {@code atlas.cors.allowed-origins} ({@code ATLAS_CORS_ALLOWED_ORIGINS},
     * comma-separated; default none): {@link #CORS_PATHS}, GET and POST with bearer tokens (no cookies), preflight
     * answered by the filter chain. Other origins get no CORS headers, so browsers block them.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${atlas.cors.allowed-origins:}") String allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = Arrays.stream(allowedOrigins.split(","))
                .map(String::trim)
                .filter(o -> !o.isEmpty())
                .toList();
        if (origins.isEmpty()) {
            return source;
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "OPTIONS"));
        cors.setAllowedHeaders(
                List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, "X-Request-Id"));
        cors.setExposedHeaders(List.of(
                "X-Request-Id", HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        CORS_PATHS.forEach(path -> source.registerCorsConfiguration(path, cors));
        return source;
    }

    /**
     * Bearer tokens only: an Authorization header with another scheme (Basic, ...) is a 401, not silently anonymous,
     * so a misconfigured client learns at once.
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        return request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new InvalidBearerTokenException("only Bearer tokens are accepted in the Authorization header");
            }
            return bearer.resolve(request);
        };
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, DemoSecret demoSecret) {
        NimbusJwtDecoder decoder;
        if (properties.demoTokens()) {
            decoder = NimbusJwtDecoder.withSecretKey(demoSecret.key())
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        } else if (properties.issuerUri() != null && !properties.issuerUri().isBlank()) {
            decoder =
                    NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
        } else {
            decoder = null;
        }
        if (decoder != null) {
            // expiry and not-before (Spring's default), then exp required, bounded lifetime, issuer, subject
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefault(),
                    new TokenRules(properties.expectedIssuer(), properties.maxTokenLifetime(), Clock.systemUTC())));
            return decoder;
        }
        return token -> {
            throw new BadJwtException("this server accepts no tokens: configure atlas.security.issuer-uri");
        };
    }

    /** The demo tokens' HMAC key: configured, or random for this run of the app. */
    record DemoSecret(SecretKey key) {}

    @Bean
    DemoSecret demoSecret(SecurityProperties properties) {
        byte[] bytes;
        if (properties.demoSecret() != null && !properties.demoSecret().isBlank()) {
            bytes = properties.demoSecret().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("atlas.security.demo-secret must have at least 32 bytes");
            }
        } else {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            bytes = HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.UTF_8);
        }
        return new DemoSecret(new SecretKeySpec(bytes, "HmacSHA256"));
    }
}
