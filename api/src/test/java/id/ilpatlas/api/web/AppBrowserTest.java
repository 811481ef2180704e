package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web app ({@code /app}) in a real browser, one run per persona ({@code src/test/browser/app/personas/*.mjs}:
 * planner, camat, lurah, dinkes, puskesmas, kader): each walks its screens end to end against this app (random port,
 * PostGIS, synthetic cases) at 390×844 and 1366×768 in Debian's headless Chromium, on a pinned day ({@link #NOW}, for
 * the app's clock and the browser's), with screenshots in
 * {@code target/app-screenshots/}, no JavaScript error, no request leaving the app, no GraphQL error and no serious or
 * critical axe-core violation on any screen ({@code harness.mjs}). After all personas: every operation of
 * {@code static/app/graphql/*.graphql} was sent by one of them. Never skipped: without node, chromium, playwright-core
 * or axe-core it fails with the install command ({@code ./atlas test} installs them).
 */
@Slow
class AppBrowserTest extends IntegrationTest {

    private static final String WHAT = "the web app browser tests";
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path PERSONAS = MODULE.resolve("src/test/browser/app/personas");
    private static final Path DOCUMENTS = MODULE.resolve("src/main/resources/static/app/graphql");
    private static final Pattern OPERATION =
            Pattern.compile("^(?:query|mutation|subscription)\\s+(\\w+)", Pattern.MULTILINE);

    /**
     * The day the walks run on, for the app and the browser alike (Monday 7 December 2026, 09:00 in Jakarta): plans,
     * publications and visits fall on the same calendar whatever day the test runs, so the verdict is the same.
     */
    static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    /** Operation name → times sent, over the personas run so far. */
    private static final Map<String, Integer> SENT = new ConcurrentHashMap<>();

    private static final Set<String> RUN = ConcurrentHashMap.newKeySet();

    @LocalServerPort
    int port;

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @Autowired
    RwAccessService rwAccess;

    static Stream<String> personas() throws IOException {
        try (Stream<Path> files = Files.list(PERSONAS)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".mjs"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /** The last plan before a walk: the plans the walk published are put away after it. */
    private long plansBefore;

    @BeforeEach
    void loadCasesAndAccessOnTheWalksDay() {
        plansBefore = jdbc.sql("SELECT coalesce(max(id), 0) FROM outreach_plans")
                .query(Long.class)
                .single();
        testClock.pin(NOW);
        syntheticCaseData.ensureLoaded();
        rwAccess.refreshIfStale("33.75");
    }

    /**
     * The walks publish plans in the shared test database; other tests plan the same bases and months and must not
     * find them: plans the walk published are cancelled (as OutreachPlanLifecycleTest resets them). Its selections
     * stay: a selection's history must end in its state, so only the workflow itself may move one (the camat and
     * lurah walks withdraw theirs).
     */
    @AfterEach
    void putAwayWhatTheWalkMade() {
        jdbc.sql("""
                UPDATE outreach_plans SET status = 'CANCELLED', cancel_reason = 'reset by AppBrowserTest',
                       version = version + 1 WHERE id > :before AND status IN ('PUBLISHED', 'COMPLETED')""").param("before", plansBefore).update();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personas")
    void personaWalksItsScreensInChromium(String persona) throws Exception {
        Path script = MODULE.resolve("src/test/browser/app/app.spec.mjs");
        Path nodeDir = NodeTools.nodeDir(MODULE);
        String chromium = System.getenv().getOrDefault("ATLAS_CHROMIUM", "/usr/bin/chromium");
        String node = NodeTools.node(WHAT);
        if (!Files.isExecutable(Path.of(chromium))) {
            fail(chromium + " not found" + NodeTools.ci(WHAT) + "; " + NodeTools.INSTALL_HINT);
        }
        NodeTools.requirePackages(WHAT, nodeDir, "playwright-core", "axe-core");

        Path out = MODULE.resolve("target/app-spec-" + persona + ".log");
        Path operations = MODULE.resolve("target/app-operations-" + persona + ".json");
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(operations);
        ProcessBuilder builder = new ProcessBuilder(node, script.toString(), "http://localhost:" + port, persona)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("ATLAS_NODE_DIR", nodeDir.toString());
        builder.environment().put("ATLAS_CHROMIUM", chromium);
        builder.environment()
                .put(
                        "ATLAS_APP_SCREENSHOTS",
                        MODULE.resolve("target/app-screenshots").toString());
        builder.environment().put("ATLAS_APP_OPERATIONS", operations.toString());
        builder.environment().put("ATLAS_APP_NOW", NOW.toString());
        NodeTools.Run run = NodeTools.run(builder, out, 300);
        assertThat(run.finished())
                .as(persona + " finished within 300 s; its output:\n" + run.log())
                .isTrue();
        assertThat(run.exitValue())
                .as(persona + " exit code; its output:\n" + run.log())
                .isZero();
        Matcher names =
                Pattern.compile("\"(\\w+)\":\\s*(\\d+)").matcher(Files.readString(operations, StandardCharsets.UTF_8));
        while (names.find()) {
            SENT.merge(names.group(1), Integer.parseInt(names.group(2)), Integer::sum);
        }
        RUN.add(persona);
    }

    /** Every operation of the app's documents is exercised by a persona (checked when all personas ran). */
    @AfterAll
    static void everyOperationOfTheAppWasSent() throws IOException {
        if (!RUN.containsAll(personas().toList())) {
            return;
        }
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = Files.list(DOCUMENTS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".graphql")).toList()) {
                Matcher m = OPERATION.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    declared.add(m.group(1));
                }
            }
        }
        assertThat(SENT.keySet())
                .as("operations of static/app/graphql sent by the persona walks " + List.copyOf(RUN))
                .containsAll(declared);
    }
}
