package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that run node scripts against the app need ({@code AppBrowserTest}, {@code AppOidcBrowserTest}, {@code GraphQlHttpAuditTest}):
 * node, the npm packages in {@code .atlas/node} (or {@code ATLAS_NODE_DIR}), and a bounded run. A missing tool fails
 * the test with the install command, never skips it; {@code ./atlas test} installs them.
 */
final class NodeTools {

    static final String PLAYWRIGHT_CORE_VERSION = "1.61.1";
    static final String GRAPHQL_HTTP_VERSION = "1.23.1";
    static final String GRAPHQL_JS_VERSION = "16.15.0";
    static final String AXE_CORE_VERSION = "4.14.1";
    /** All node packages of the tests in one npm install: {@code npm install --no-save} prunes the ones not named. */
    static final String INSTALL_HINT =
            "run ./atlas test (installs them), or by hand: apt-get install -y chromium nodejs"
                    + " npm && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --prefix .atlas/node playwright-core@"
                    + PLAYWRIGHT_CORE_VERSION + " graphql-http@" + GRAPHQL_HTTP_VERSION + " graphql@"
                    + GRAPHQL_JS_VERSION + " axe-core@" + AXE_CORE_VERSION;
    /** How long a script may run. */
    static final long TIMEOUT_SECONDS = 120;

    /** How a script ended, with its log. */
    record Run(boolean finished, int exitValue, String log) {}

    private NodeTools() {}

    /** The folder holding {@code node_modules}: {@code ATLAS_NODE_DIR}, else {@code .atlas/node} of the checkout. */
    static Path nodeDir(Path module) {
        return Path.of(System.getenv()
                .getOrDefault(
                        "ATLAS_NODE_DIR",
                        module.getParent().resolve(".atlas/node").toString()));
    }

    /** The node executable; fails (saying which test must run) when it is missing. */
    static String node(String what) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("node not found on PATH" + ci(what) + "; " + INSTALL_HINT);
    }

    /** Fails when one of the packages is not installed in {@code nodeDir}. */
    static void requirePackages(String what, Path nodeDir, String... packages) {
        for (String name : packages) {
            if (!Files.isDirectory(nodeDir.resolve("node_modules").resolve(name))) {
                fail(name + " not found in " + nodeDir + "/node_modules" + ci(what) + "; " + INSTALL_HINT);
            }
        }
    }

    /** " (CI: the … must run)" on CI, where a missing tool is a broken build. */
    static String ci(String what) {
        return System.getenv("CI") != null ? " (CI: " + what + " must run)" : "";
    }

    /**
     * Starts the prepared process (its output redirected by the caller), waits up to {@value #TIMEOUT_SECONDS} s,
     * kills it and its children if it has not finished, and returns the outcome with {@code log}'s text, also printed.
     */
    static Run run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        return run(builder, log, TIMEOUT_SECONDS);
    }

    /** {@link #run(ProcessBuilder, Path)} with another bound (a walk of several screens at two viewports). */
    static Run run(ProcessBuilder builder, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(text);
        return new Run(finished, finished ? process.exitValue() : -1, text);
    }
}
