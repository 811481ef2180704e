package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

/** The production profile: no schema introspection, no printed schema; ordinary queries still work. */
@ActiveProfiles("prod")
@Slow
class ProductionProfileTest extends IntegrationTest {

    @Test
    void introspectionIsOffButQueriesWork() {
        anonymous()
                .document("{ __schema { types { name } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .isNotEmpty()
                        .allSatisfy(e -> assertThat(e.getMessage()).containsIgnoringCase("introspection")));
        anonymous()
                .document("{ region(code: \"33.75\") { name } }")
                .execute()
                .path("region.name")
                .entity(String.class)
                .isEqualTo("Kota Pekalongan");
    }
}
