package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Without {@code atlas.cors.allowed-origins} no origin gets CORS headers, on any CORS path. */
@Slow
class CorsDefaultTest extends CorsChecks {

    @Test
    void noOriginIsAllowedByDefault() throws Exception {
        for (String[] endpoint : ENDPOINTS) {
            HttpResponse<String> preflight = preflight(FRONT_END, endpoint[0], endpoint[1]);
            assertThat(allowOrigin(preflight)).as("preflight %s", endpoint[1]).isNull();
            HttpResponse<String> actual = actual(FRONT_END, endpoint[0], endpoint[1]);
            assertThat(allowOrigin(actual))
                    .as("%s %s", endpoint[0], endpoint[1])
                    .isNull();
            assertThat(actual.statusCode())
                    .as("%s %s still answers", endpoint[0], endpoint[1])
                    .isLessThan(500);
        }
    }
}
