package id.ilpatlas.api.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * OAuth2 resource server: a request without a token is anonymous (public aggregates and the registry); a request
 * with a token must carry a valid one (else 401). Which operation a caller may run is decided per field by
 * {@link AccessPolicy}. Tokens come from the OIDC issuer {@code atlas.security.issuer-uri} in production, or are
 * signed by the app itself for the demo users ({@code atlas.security.demo-tokens=true}, demo profile).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
        return http.build();
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
        if (properties.demoTokens()) {
            return NimbusJwtDecoder.withSecretKey(demoSecret.key()).macAlgorithm(MacAlgorithm.HS256).build();
        }
        if (properties.issuerUri() != null && !properties.issuerUri().isBlank()) {
            return NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
        }
        return token -> {
            throw new BadJwtException("this server accepts no tokens: configure atlas.security.issuer-uri");
        };
    }

    /** The demo tokens' HMAC key: configured, or random for this run of the app. */
    record DemoSecret(SecretKey key) {
    }

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
