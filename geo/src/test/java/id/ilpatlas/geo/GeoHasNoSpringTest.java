package id.ilpatlas.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code geo} module stays framework-free. Complements the maven-enforcer rule (which bans Spring
 * artifacts) by checking the sources themselves. Maven runs tests with the module directory as the working
 * directory.
 */
class GeoHasNoSpringTest {

    private static final Pattern SPRING_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?org\\.springframework\\b", Pattern.MULTILINE);

    @Test
    void mainSourcesDoNotImportSpring() throws IOException {
        Path mainSources = Path.of("src", "main", "java");
        assertThat(mainSources).as("run from the geo module directory").isDirectory();

        List<Path> javaFiles;
        try (Stream<Path> files = Files.walk(mainSources)) {
            javaFiles =
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles) {
            if (SPRING_IMPORT
                    .matcher(Files.readString(file, StandardCharsets.UTF_8))
                    .find()) {
                offenders.add(file.toString());
            }
        }

        assertThat(javaFiles)
                .as("Java sources under %s", mainSources.toAbsolutePath())
                .isNotEmpty();
        assertThat(offenders)
                .as("geo must stay framework-free, but these files import org.springframework: %s", offenders)
                .isEmpty();
    }
}
