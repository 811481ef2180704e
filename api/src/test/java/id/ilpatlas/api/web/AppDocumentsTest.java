package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * The GraphQL of the web app ({@code static/app/graphql/<screen>.graphql}) is valid against the running schema, and
 * every {@code gql('<screen>', '<Operation>')} of the app's scripts names an operation of that screen's document: a
 * renamed field fails here, before a browser test has to find it. {@link AppBrowserTest} runs them on the database.
 */
@Slow
class AppDocumentsTest extends IntegrationTest {

    private static final Path APP = Path.of("src/main/resources/static/app").toAbsolutePath();
    private static final Pattern OPERATION =
            Pattern.compile("^(?:query|mutation|subscription)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern CALL = Pattern.compile("gql\\(\\s*'([\\w-]+)'\\s*,\\s*'(\\w+)'");

    @Autowired
    GraphQlSource graphQlSource;

    private static Map<String, String> documents() throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(APP.resolve("graphql"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".graphql")).toList()) {
                String name = file.getFileName().toString();
                result.put(
                        name.substring(0, name.length() - ".graphql".length()),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    @Test
    void everyDocumentOfTheAppValidatesAgainstTheSchema() throws IOException {
        Map<String, String> documents = documents();
        assertThat(documents).containsKeys("common", "masuk", "peta", "pilih", "tinjau", "pusling", "jadwal", "rapat");
        List<String> problems = new ArrayList<>();
        documents.forEach((screen, text) -> {
            Document document = Parser.parse(text);
            List<ValidationError> errors =
                    new Validator().validateDocument(graphQlSource.schema(), document, Locale.ROOT);
            errors.forEach(e -> problems.add(screen + ".graphql: " + e.getMessage()));
        });
        assertThat(problems)
                .as("validation errors of the app's GraphQL documents")
                .isEmpty();
    }

    @Test
    void everyOperationTheScriptsSendIsInItsScreensDocument() throws IOException {
        Map<String, Set<String>> operations = new TreeMap<>();
        documents().forEach((screen, text) -> {
            Set<String> names = new TreeSet<>();
            Matcher m = OPERATION.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
            operations.put(screen, names);
        });
        List<String> calls = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = CALL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    calls.add(m.group(1) + "/" + m.group(2));
                    if (!operations.getOrDefault(m.group(1), Set.of()).contains(m.group(2))) {
                        missing.add(APP.relativize(file) + ": gql('" + m.group(1) + "', '" + m.group(2) + "')");
                    }
                }
            }
        }
        assertThat(calls).as("gql() calls in the app's scripts").isNotEmpty();
        assertThat(missing)
                .as("operations the scripts send that their screen's document lacks")
                .isEmpty();
    }
}
