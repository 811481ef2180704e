package id.ilpatlas.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo users and their tokens ({@code atlas.security.demo-tokens=true}, the demo profile only):
 * {@code GET /demo/token/{user}} returns a signed JWT valid for 8 hours; {@code ./atlas token USER} prints it.
 */
@RestController
@ConditionalOnBooleanProperty("atlas.security.demo-tokens")
public class DemoTokens {

    static final Duration LIFETIME = Duration.ofHours(8);

    /** A demo user: role, scope from the token, or the facility whose catchment is the scope. */
    public record DemoUser(String name, Role role, List<String> regions, String facility) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("dinkes", Role.DINKES_ADMIN, List.of("33.75"), null),
            new DemoUser("planner", Role.PLANNER, List.of("33.75"), null),
            new DemoUser("camat-utara", Role.CAMAT, List.of("33.75.03"), null),
            new DemoUser("camat-barat", Role.CAMAT, List.of("33.75.01"), null),
            new DemoUser("lurah-medono", Role.LURAH, List.of("33.75.01.1002"), null),
            new DemoUser("puskesmas-tirto", Role.PUSKESMAS_STAFF, List.of(), "PKM-3375-TIRTO"),
            new DemoUser("puskesmas-medono", Role.PUSKESMAS_STAFF, List.of(), "PKM-3375-MEDONO"));
    static final String KADER_PREFIX = "kader-";

    private final NimbusJwtEncoder encoder;
    private final SecurityProperties properties;
    private final DemoUserQueries queries;

    DemoTokens(SecurityConfig.DemoSecret secret, SecurityProperties properties, DemoUserQueries queries) {
        this.encoder = NimbusJwtEncoder.withSecretKey(secret.key()).build();
        this.properties = properties;
        this.queries = queries;
    }

    /** The demo user of that name: a fixed one, or {@code kader-<posyandu code>} for any active posyandu. */
    public Optional<DemoUser> user(String name) {
        Optional<DemoUser> fixed =
                USERS.stream().filter(u -> u.name().equals(name)).findFirst();
        if (fixed.isPresent() || !name.startsWith(KADER_PREFIX)) {
            return fixed;
        }
        String posyandu = name.substring(KADER_PREFIX.length());
        boolean exists = queries.activePosyandu(posyandu);
        return exists ? Optional.of(new DemoUser(name, Role.KADER, List.of(), posyandu)) : Optional.empty();
    }

    /** A signed token for a demo user. */
    public String token(DemoUser user) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.expectedIssuer())
                .subject(user.name())
                .issuedAt(now)
                .expiresAt(now.plus(
                        LIFETIME.compareTo(properties.maxTokenLifetime()) < 0
                                ? LIFETIME
                                : properties.maxTokenLifetime()))
                .claim(properties.roleClaim(), user.role().name())
                .claim(properties.scopeClaim(), user.regions());
        if (user.facility() != null) {
            claims.claim(properties.facilityClaim(), user.facility());
        }
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    @GetMapping(value = "/demo/token/{user}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> demoToken(@PathVariable String user) {
        return user(user)
                .map(u -> ResponseEntity.ok(token(u) + "\n"))
                .orElseGet(() -> ResponseEntity.status(404)
                        .contentType(MediaType.TEXT_PLAIN)
                        .body("No demo user '" + user + "'. Users: "
                                + String.join(
                                        ", ", USERS.stream().map(DemoUser::name).toList())
                                + ", kader-<posyandu code>\n"));
    }

    @GetMapping(value = "/demo/users", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> demoUsers() {
        return USERS.stream()
                .map(u -> Map.<String, Object>of(
                        "user",
                        u.name(),
                        "role",
                        u.role().name(),
                        "regions",
                        u.regions(),
                        "facility",
                        String.valueOf(u.facility()),
                        "area",
                        areaName(u)))
                .toList();
    }

    /** What the sign-in screen shows of a demo user's scope: the names of its regions, or of its facility. */
    private String areaName(DemoUser user) {
        List<String> names =
                user.facility() != null ? queries.facilityNames(user.facility()) : queries.regionNames(user.regions());
        return names.isEmpty() ? String.join(", ", user.regions()) : String.join(", ", names);
    }
}
