package id.ilpatlas.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What every accepted token must carry beyond a good signature: an expiry ({@code exp}), a bounded lifetime (at most
 * {@code atlas.security.max-token-lifetime} from {@code iat}, and from now, to {@code exp}; a token without
 * {@code iat} gets {@code exp - 1 s} from Spring's claim converter, so the second bound is what holds it), the
 * expected issuer ({@code iss}) and a subject ({@code sub}, the user the audit log names). A token that
 * breaks one is a 401 whose {@code WWW-Authenticate} error description names the claim and the rule. (Expired and
 * not-yet-valid tokens are refused by Spring's {@code JwtTimestampValidator}.)
 */
final class TokenRules implements OAuth2TokenValidator<Jwt> {

    /** Clock difference tolerated between the issuer and this server. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final String issuer;
    private final Duration maxLifetime;
    private final Clock clock;

    TokenRules(String issuer, Duration maxLifetime, Clock clock) {
        this.issuer = issuer;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<OAuth2Error> errors = new ArrayList<>();
        Instant now = clock.instant();
        Instant expires = jwt.getExpiresAt();
        Instant issued = jwt.getIssuedAt();
        if (expires == null) {
            errors.add(error("the token has no 'exp' (expiry) claim; tokens must expire"));
        } else {
            if (issued != null && Duration.between(issued, expires).compareTo(maxLifetime) > 0) {
                errors.add(
                        error("the token's lifetime from 'iat' to 'exp' is " + hours(Duration.between(issued, expires))
                                + "; at most " + hours(maxLifetime) + " is accepted"));
            } else if (Duration.between(now, expires).compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0) {
                errors.add(error("the token's 'exp' lies " + hours(Duration.between(now, expires)) + " ahead; at most "
                        + hours(maxLifetime) + " is accepted"));
            }
        }
        String iss = jwt.getClaimAsString("iss");
        if (iss == null || iss.isBlank()) {
            errors.add(error("the token has no 'iss' (issuer) claim; expected '" + issuer + "'"));
        } else if (!iss.equals(issuer)) {
            errors.add(error("the token's issuer is not the expected '" + issuer + "'"));
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            errors.add(error("the token has no 'sub' (subject) claim naming the user"));
        }
        return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
    }

    private static String hours(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** The description goes into the WWW-Authenticate header: printable ASCII without double quote or backslash. */
    private static OAuth2Error error(String description) {
        return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
    }
}
