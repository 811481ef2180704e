package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.ContainerFiles;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code ./atlas token USER} against the running test app (demo tokens on): the token alone on one line, no blank
 * line after it, and a token the app accepts; an unknown user is an error naming the users.
 */
@Slow
class AtlasTokenCommandTest extends IntegrationTest {

    @LocalServerPort
    int port;

    /** stdout, stderr and exit code of {@code ./atlas token USER}. */
    record Run(String stdout, String stderr, int exitCode) {}

    private Run token(String user) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        ContainerFiles.ROOT.resolve("atlas").toString(), "token", user)
                .directory(ContainerFiles.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("ATLAS_PORT", String.valueOf(port));
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(stdout, stderr, process.waitFor());
    }

    @Test
    void printsTheTokenAloneOnOneLine() throws Exception {
        Run run = token("lurah-medono");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).as("one line, no blank line after it").matches("[A-Za-z0-9_.-]+\n");
        String token = run.stdout().strip();
        assertThat(token.split("\\.")).as("a JWT").hasSize(3);
        anonymous()
                .mutate()
                .headers(h -> h.setBearerAuth(token))
                .build()
                .documentName("accessMe")
                .execute()
                .path("me.user")
                .entity(String.class)
                .isEqualTo("lurah-medono")
                .path("me.role")
                .entity(String.class)
                .isEqualTo("LURAH");
    }

    @Test
    void anUnknownUserIsAnErrorNamingTheUsers() throws Exception {
        Run run = token("nobody");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr())
                .contains("No demo user 'nobody'")
                .contains(String.join(
                        ", ",
                        List.of(
                                "dinkes",
                                "planner",
                                "camat-utara",
                                "camat-barat",
                                "lurah-medono",
                                "puskesmas-tirto",
                                "puskesmas-medono")));
    }
}
