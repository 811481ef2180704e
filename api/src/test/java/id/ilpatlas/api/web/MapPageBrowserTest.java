package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.cases.demo.SyntheticCaseData;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final String WHAT = "the browser test";

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
        Path nodeDir = NodeTools.nodeDir(module);
        String chromium = System.getenv().getOrDefault("ATLAS_CHROMIUM", "/usr/bin/chromium");
        String node = NodeTools.node(WHAT);
        if (!Files.isExecutable(Path.of(chromium))) {
            fail(chromium + " not found" + NodeTools.ci(WHAT) + "; " + NodeTools.INSTALL_HINT);
        }
        NodeTools.requirePackages(WHAT, nodeDir, "playwright-core");

        Path out = module.resolve("target/map-spec.log");
        Files.createDirectories(out.getParent());
        ProcessBuilder builder = new ProcessBuilder(node, script.toString(), "http://localhost:" + port)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("ATLAS_NODE_DIR", nodeDir.toString());
        builder.environment().put("ATLAS_CHROMIUM", chromium);
        builder.environment().put("ATLAS_MAP_SCREENSHOT", module.resolve("target/map-screenshot.png").toString());
        NodeTools.Run run = NodeTools.run(builder, out);
        assertThat(run.finished()).as("map.spec.mjs finished within 120 s; its output:\n" + run.log()).isTrue();
        assertThat(run.exitValue()).as("map.spec.mjs exit code; its output:\n" + run.log()).isZero();
        assertThat(module.resolve("target/map-screenshot.png")).isNotEmptyFile();
    }
}
