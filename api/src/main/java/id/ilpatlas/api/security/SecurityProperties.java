package id.ilpatlas.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atlas.security.*}.
 *
 * @param demoTokens  the app signs tokens for the built-in demo users (demo profile only, never in production)
 * @param demoSecret  HMAC secret of the demo tokens (at least 32 bytes); random per start when empty
 * @param issuerUri   production: the OIDC issuer (Keycloak realm URL, ...) whose tokens are accepted
 * @param roleClaim   claim holding the role name (DINKES_ADMIN, ...)
 * @param scopeClaim  claim holding the list of region codes of the scope
 * @param facilityClaim claim holding the facility code of PUSKESMAS_STAFF and KADER users
 * @param tokenIssuer the {@code iss} every accepted token must carry; empty: {@code issuerUri} in production,
 *                    {@value #DEMO_ISSUER} for the demo tokens
 * @param maxTokenLifetime longest accepted lifetime of a token ({@code iat} to {@code exp}, and now to {@code exp});
 *                    default 12 hours
 */
@ConfigurationProperties("atlas.security")
public record SecurityProperties(
        boolean demoTokens,
        String demoSecret,
        String issuerUri,
        String roleClaim,
        String scopeClaim,
        String facilityClaim,
        String tokenIssuer,
        Duration maxTokenLifetime) {

    /** The issuer of the demo tokens when {@code atlas.security.token-issuer} is not set. */
    public static final String DEMO_ISSUER = "ilp-atlas-demo";

    public SecurityProperties {
        roleClaim = roleClaim == null ? "atlas_role" : roleClaim;
        scopeClaim = scopeClaim == null ? "atlas_regions" : scopeClaim;
        facilityClaim = facilityClaim == null ? "atlas_facility" : facilityClaim;
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofHours(12) : maxTokenLifetime;
    }

    /** The {@code iss} accepted tokens must carry (and the demo tokens are signed with). */
    public String expectedIssuer() {
        if (tokenIssuer != null && !tokenIssuer.isBlank()) {
            return tokenIssuer;
        }
        return demoTokens || issuerUri == null || issuerUri.isBlank() ? DEMO_ISSUER : issuerUri;
    }
}
