package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.cases.demo.SyntheticCaseData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The planner map ({@code /map}) in a real browser: {@code src/test/browser/map.spec.mjs} drives Debian's headless
 * Chromium through playwright-core against this app (random port, PostGIS, synthetic cases) and keeps a screenshot
 * in {@code target/map-screenshot.png}. Never skipped: without node, chromium or playwright-core it fails with the
 * install command ({@code ./atlas test} installs them).
 */
class MapPageBrowserTest extends IntegrationTest {

    private static final String INSTALL_HINT = "run ./atlas test (installs them), or by hand: apt-get install -y chromium nodejs npm"
            + " && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --prefix .atlas/node playwright-core@1.61.1"
            + " graphql-http@1.23.1 graphql@16.15.0"; // one install: npm prunes the packages it is not given

    @LocalServerPort
    int port;

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @Test
    void plannerMapRendersClassedRwsLegendAndDetailsInChromium() throws Exception {
        syntheticCaseData.ensureLoaded();
        Path module = Path.of("").toAbsolutePath();
        Path script = module.resolve("src/test/browser/map.spec.mjs");
        assertThat(script).exists();
        Path nodeDir = Path.of(System.getenv().getOrDefault("ATLAS_NODE_DIR",
                module.getParent().resolve(".atlas/node").toString()));
        String chromium = System.getenv().getOrDefault("ATLAS_CHROMIUM", "/usr/bin/chromium");
        String node = onPath("node");
        String ci = System.getenv("CI") != null ? " (CI: the browser test must run)" : "";
        if (node == null) {
            fail("node not found on PATH" + ci + "; " + INSTALL_HINT);
        }
        if (!Files.isExecutable(Path.of(chromium))) {
            fail(chromium + " not found" + ci + "; " + INSTALL_HINT);
        }
        if (!Files.isDirectory(nodeDir.resolve("node_modules/playwright-core"))) {
            fail("playwright-core not found in " + nodeDir + "/node_modules" + ci + "; " + INSTALL_HINT);
        }

        Path out = module.resolve("target/map-spec.log");
        Files.createDirectories(out.getParent());
        ProcessBuilder builder = new ProcessBuilder(node, script.toString(), "http://localhost:" + port)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("ATLAS_NODE_DIR", nodeDir.toString());
        builder.environment().put("ATLAS_CHROMIUM", chromium);
        builder.environment().put("ATLAS_MAP_SCREENSHOT", module.resolve("target/map-screenshot.png").toString());
        Process process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(finished).as("map.spec.mjs finished within 120 s; its output:\n" + log).isTrue();
        assertThat(process.exitValue()).as("map.spec.mjs exit code; its output:\n" + log).isZero();
        assertThat(module.resolve("target/map-screenshot.png")).isNotEmptyFile();
    }

    private static String onPath(String command) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
