package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP conformance: {@code src/test/node/graphql-http-audit.mjs} runs every server audit of the
 * {@code graphql-http} package (the spec's reference audit suite) against this app's {@code /graphql} (random port,
 * anonymous requests) and writes a JSON report to {@code target/graphql-http-audit.json}. Every MUST audit has to
 * pass. The SHOULD audits that fail must be exactly the allow-list in {@code docs/graphql-over-http.md} (its table
 * under "SHOULD audits that fail"), so a new SHOULD failure fails the build and a fixed one asks for the list to be
 * updated. MAY audits are reported only. Never skipped: without node or graphql-http it fails with the install
 * command ({@code ./atlas test} installs them).
 */
@Slow
class GraphQlHttpAuditTest extends IntegrationTest {

    private static final String WHAT = "the audit";
    /** A row of the allow-list table: {@code | `ID` | name | reason |}. */
    private static final Pattern ALLOWED_ROW = Pattern.compile("^\\|\\s*`([0-9A-Z]{4})`\\s*\\|");

    private static final String ALLOW_LIST_HEADING = "## SHOULD audits that fail";

    @LocalServerPort
    int port;

    @Test
    void everyMustAuditPassesAndOnlyDocumentedShouldAuditsFail() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path script = module.resolve("src/test/node/graphql-http-audit.mjs");
        Path doc = module.getParent().resolve("docs/graphql-over-http.md");
        assertThat(script).exists();
        assertThat(doc).exists();
        Path nodeDir = NodeTools.nodeDir(module);
        String node = NodeTools.node(WHAT);
        NodeTools.requirePackages(WHAT, nodeDir, "graphql-http", "graphql");

        Path report = module.resolve("target/graphql-http-audit.json");
        Path log = module.resolve("target/graphql-http-audit.log");
        Files.createDirectories(report.getParent());
        Files.deleteIfExists(report);
        ProcessBuilder builder = new ProcessBuilder(node, script.toString(), "http://localhost:" + port + "/graphql")
                .redirectOutput(report.toFile())
                .redirectError(log.toFile());
        builder.environment().put("ATLAS_NODE_DIR", nodeDir.toString());
        NodeTools.Run run = NodeTools.run(builder, log);
        assertThat(run.finished())
                .as("graphql-http-audit.mjs finished within 120 s; its output:\n" + run.log())
                .isTrue();
        assertThat(run.exitValue())
                .as("graphql-http-audit.mjs exit code; its output:\n" + run.log())
                .isZero();

        JsonNode result = JsonMapper.builder().build().readTree(report.toFile());
        assertThat(result.path("graphqlHttpVersion").asString())
                .as("graphql-http version in " + nodeDir)
                .isEqualTo(NodeTools.GRAPHQL_HTTP_VERSION);
        List<String> mustFailures = new ArrayList<>();
        Map<String, String> shouldFailures = new TreeMap<>();
        int mustCount = 0;
        int shouldCount = 0;
        for (JsonNode audit : result.path("audits")) {
            String id = audit.path("id").asString();
            String name = audit.path("name").asString();
            String status = audit.path("status").asString();
            String line = id + " " + name + " [" + status + "] "
                    + audit.path("reason").asString("")
                    + (audit.has("httpStatus")
                            ? " (HTTP " + audit.path("httpStatus").asInt() + ")"
                            : "");
            if (name.startsWith("MUST ")) {
                mustCount++;
                if (!status.equals("ok")) {
                    mustFailures.add(line);
                }
            } else if (name.startsWith("SHOULD ")) {
                shouldCount++;
                if (!status.equals("ok")) {
                    shouldFailures.put(id, line);
                }
            }
        }
        // graphql-http 1.23.1 has 13 MUST, 23 SHOULD and 25 MAY audits: fewer means the audit did not run.
        assertThat(mustCount).as("MUST audits in the report").isGreaterThanOrEqualTo(13);
        assertThat(shouldCount).as("SHOULD audits in the report").isGreaterThanOrEqualTo(23);
        assertThat(mustFailures)
                .as("MUST audits of the GraphQL over HTTP spec that fail")
                .isEmpty();

        Map<String, String> allowed = allowList(doc);
        List<String> newFailures = shouldFailures.entrySet().stream()
                .filter(e -> !allowed.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        List<String> fixed = allowed.keySet().stream()
                .filter(id -> !shouldFailures.containsKey(id))
                .toList();
        assertThat(newFailures)
                .as("SHOULD audits that fail but are not in the allow-list of " + doc
                        + " (fix the server, or add them to the table with a reason)")
                .isEmpty();
        assertThat(fixed)
                .as("SHOULD audits in the allow-list of " + doc + " that now pass: remove them from the table")
                .isEmpty();
    }

    /** The ids of the table under {@value #ALLOW_LIST_HEADING} in the doc (up to the next heading). */
    static Map<String, String> allowList(Path doc) throws IOException {
        Map<String, String> ids = new TreeMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                inSection = line.startsWith(ALLOW_LIST_HEADING);
                continue;
            }
            Matcher m = ALLOWED_ROW.matcher(line);
            if (inSection && m.find()) {
                ids.put(m.group(1), line);
            }
        }
        return ids;
    }
}
