package id.ilpatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's GraphQL examples are the documents the integration tests run: every block marked
 * {@code <!-- example: NAME -->} must equal {@code graphql-test/NAME.graphql} to the character.
 */
class ReadmeExamplesTest {

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: (\\w+) -->\\n```graphql\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyReadmeExampleIsATestedDocument() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher matcher = EXAMPLE.matcher(readme);
        while (matcher.find()) {
            examples.put(matcher.group(1), matcher.group(2));
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        examples.forEach((name, text) -> {
            Path document = Path.of("src", "test", "resources", "graphql-test", name + ".graphql");
            assertThat(document).as("README example %s", name).exists();
            try {
                assertThat(text)
                        .as("README example %s differs from %s", name, document)
                        .isEqualTo(Files.readString(document, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
