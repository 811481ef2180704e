package id.ilpatlas.api.security;

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
 */
@ConfigurationProperties("atlas.security")
public record SecurityProperties(boolean demoTokens, String demoSecret, String issuerUri, String roleClaim,
                                 String scopeClaim, String facilityClaim) {

    public SecurityProperties {
        roleClaim = roleClaim == null ? "atlas_role" : roleClaim;
        scopeClaim = scopeClaim == null ? "atlas_regions" : scopeClaim;
        facilityClaim = facilityClaim == null ? "atlas_facility" : facilityClaim;
    }
}
