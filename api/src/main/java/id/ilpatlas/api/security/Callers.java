package id.ilpatlas.api.security;

import java.security.Principal;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the authenticated principal into a {@link Caller}. The scope of PUSKESMAS_STAFF and KADER is the catchment
 * of their facility, read from the registry at request time (an identity provider does not know the wilayah kerja);
 * everyone else's scope comes from the token.
 */
@Component
public class Callers {

    private final JdbcClient jdbc;
    private final SecurityProperties properties;

    public Callers(JdbcClient jdbc, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public Caller of(Principal principal) {
        if (!(principal instanceof JwtAuthenticationToken token)) {
            return Caller.ANONYMOUS;
        }
        Jwt jwt = token.getToken();
        Role role;
        try {
            role = Role.valueOf(String.valueOf(jwt.getClaimAsString(properties.roleClaim())));
        } catch (IllegalArgumentException e) {
            throw new AccessDeniedException(
                    "the token carries no known role in claim '" + properties.roleClaim() + "'");
        }
        if (role == Role.ANONYMOUS) {
            return Caller.ANONYMOUS;
        }
        String facility = jwt.getClaimAsString(properties.facilityClaim());
        List<String> scope;
        if (role == Role.PUSKESMAS_STAFF || role == Role.KADER) {
            if (facility == null) {
                throw new AccessDeniedException(
                        "a " + role + " token needs the facility claim '" + properties.facilityClaim() + "'");
            }
            scope = jdbc.sql("""
                            SELECT c.region_code FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                             WHERE f.code = :code AND f.active AND f.type = :type ORDER BY c.region_code""")
                    .param("code", facility)
                    .param("type", role == Role.KADER ? "POSYANDU" : "PUSKESMAS")
                    .query(String.class)
                    .list();
        } else {
            List<String> claimed = jwt.getClaimAsStringList(properties.scopeClaim());
            scope = claimed == null ? List.of() : claimed;
        }
        return new Caller(jwt.getSubject(), role, scope, facility);
    }
}
