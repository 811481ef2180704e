package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code atlas.cors.allowed-origins} (ATLAS_CORS_ALLOWED_ORIGINS) set, a browser front end on a listed origin
 * gets CORS headers on preflight and actual requests to /graphql, /tiles, /exports, /fhir and /reports; an unlisted
 * origin and other paths get none. (Without the setting: {@link CorsDefaultTest}.)
 */
@TestPropertySource(properties = "atlas.cors.allowed-origins=https://other.example, " + CorsChecks.FRONT_END)
@Slow
class CorsTest extends CorsChecks {

    @Test
    void aListedOriginGetsCorsHeadersOnEveryCorsPath() throws Exception {
        for (String[] endpoint : ENDPOINTS) {
            String method = endpoint[0];
            String path = endpoint[1];
            HttpResponse<String> preflight = preflight(FRONT_END, method, path);
            assertThat(preflight.statusCode()).as("preflight %s", path).isEqualTo(200);
            assertThat(allowOrigin(preflight)).as("preflight %s", path).isEqualTo(FRONT_END);
            assertThat(preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Methods")
                            .orElse(""))
                    .as("preflight %s", path)
                    .contains(method);
            assertThat(preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Headers")
                            .orElse("")
                            .toLowerCase())
                    .as("preflight %s", path)
                    .contains("authorization")
                    .contains("content-type");

            HttpResponse<String> actual = actual(FRONT_END, method, path);
            assertThat(actual.statusCode())
                    .as("%s %s: %s", method, path, actual.body())
                    .isLessThan(500);
            assertThat(allowOrigin(actual)).as("%s %s", method, path).isEqualTo(FRONT_END);
        }
    }

    @Test
    void anUnlistedOriginGetsNoCorsHeaders() throws Exception {
        for (String[] endpoint : ENDPOINTS) {
            for (String origin : new String[] {
                "https://evil.example", "https://peta.dinkes.example.evil.example", "http://peta.dinkes.example"
            }) {
                assertThat(allowOrigin(preflight(origin, endpoint[0], endpoint[1])))
                        .as("preflight %s from %s", endpoint[1], origin)
                        .isNull();
                assertThat(allowOrigin(actual(origin, endpoint[0], endpoint[1])))
                        .as("%s from %s", endpoint[1], origin)
                        .isNull();
            }
        }
    }

    @Test
    void pathsOutsideTheListGetNoCorsHeaders() throws Exception {
        for (String path : new String[] {"/demo/token/dinkes", "/actuator/health", "/imports/1/problems.csv"}) {
            assertThat(allowOrigin(preflight(FRONT_END, "GET", path)))
                    .as("preflight %s", path)
                    .isNull();
            assertThat(allowOrigin(actual(FRONT_END, "GET", path))).as(path).isNull();
        }
    }
}
