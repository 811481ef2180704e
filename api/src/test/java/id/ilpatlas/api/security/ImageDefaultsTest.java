package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.AtlasDatabase;
import id.ilpatlas.api.ContainerFiles;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as the container image starts it: with the profiles of the Dockerfile (its entrypoint's
 * {@code --spring.profiles.active}, else {@code ENV SPRING_PROFILES_ACTIVE}; {@link ImageProfiles}) and nothing
 * else a test would add (no demo tokens, no reference data; only the NIK key every deployment must set). Nobody gets a token from the app
 * itself: {@code /demo/token/...} and {@code /demo/users} answer 404.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "atlas.privacy.nik-key=" + IntegrationTest.TEST_NIK_KEY)
@ActiveProfiles(resolver = ImageDefaultsTest.ImageProfiles.class)
@Slow
class ImageDefaultsTest {

    /** The profiles the Dockerfile starts the app with ({@link ContainerFiles#imageProfiles()}). */
    static class ImageProfiles implements ActiveProfilesResolver {
        @Override
        public String[] resolve(Class<?> testClass) {
            return ContainerFiles.imageProfiles().toArray(String[]::new);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        AtlasDatabase.settings().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    private int status(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theImageStartsWithoutDemoTokens() throws Exception {
        assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("prod");
        assertThat(context.getBeanNamesForType(DemoTokens.class)).isEmpty();
        for (String user : new String[] {"dinkes", "planner", "lurah-medono"}) {
            assertThat(status("/demo/token/" + user)).as("/demo/token/" + user).isEqualTo(404);
        }
        assertThat(status("/demo/users")).isEqualTo(404);
        assertThat(status("/actuator/health/readiness"))
                .as("the app itself is up")
                .isEqualTo(200);
    }
}
