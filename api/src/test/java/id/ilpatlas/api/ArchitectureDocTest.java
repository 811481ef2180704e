package id.ilpatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docs a newcomer reads first name files that exist: every repository-relative path in backticks in
 * {@code docs/ARCHITECTURE.md}, and every path in the README's feature → code map ("Features and where they live").
 * When a file moves, this test names the doc, the line and the path, so that the docs move with the code. Also: every
 * Java package of {@code api} and {@code geo} main code says what it is in a {@code package-info.java}, and no
 * {@code package-info.java} is left behind in a package whose classes moved away.
 *
 * <p>What counts as a path: a backtick span without spaces that contains a {@code /} or ends in a file extension, and
 * is not a URL path ({@code /tiles/...}), an option or a GraphQL field. In {@code docs/ARCHITECTURE.md} every path is
 * written from the repository root (globs {@code *} and {@code **} allowed). The README's map abbreviates the way a
 * reader follows: {@code api/.../region/} is any folder chain in between, and a name without a leading module
 * ({@code Apportionment.java}, {@code static/app/...}) is read beside a path named earlier in the same table cell
 * or in that module's sources.
 */
class ArchitectureDocTest {

    private static final String ARCHITECTURE = "docs/ARCHITECTURE.md";
    private static final String README = "README.md";
    private static final String FEATURE_MAP = "## Features and where they live";
    private static final List<String> SOURCE_ROOTS = List.of("api/src/main/java", "geo/src/main/java");

    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern EXTENSION = Pattern.compile(
            ".*\\.(java|sql|md|yml|yaml|js|mjs|graphql|graphqls|json|csv|tsv|sh|xml|html|css|properties|txt|geojson"
                    + "|pbf|tif)$");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".atlas");

    private static Path root;
    /** Every file ("a/b.txt") and folder ("a/b/") of the repository, relative to its root, '/'-separated. */
    private static List<String> entries;

    @BeforeAll
    static void readTheTree() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("repository root (with mvnw and docs/) above " + Path.of("").toAbsolutePath())
                .isNotNull();
        root = dir;
        List<String> all = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                if (!d.equals(root) && SKIPPED_DIRS.contains(d.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!d.equals(root)) {
                    all.add(relative(d) + "/");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                all.add(relative(f));
                return FileVisitResult.CONTINUE;
            }
        });
        entries = all;
    }

    @Test
    void everyPathArchitectureMdNamesExists() {
        List<String> lines = lines(ARCHITECTURE);
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (String path : paths(lines.get(i))) {
                named++;
                if (!exists(path)) {
                    missing.add(ARCHITECTURE + ":" + (i + 1) + " `" + path + "`");
                }
            }
        }
        assertThat(named)
                .as("paths named in " + ARCHITECTURE + " (is the doc still written with backticks?)")
                .isGreaterThanOrEqualTo(60);
        assertThat(missing)
                .as("paths named in " + ARCHITECTURE + " that do not exist (moved or renamed? " + "update the doc)")
                .isEmpty();
    }

    @Test
    void everyPathOfTheReadmeFeatureMapExists() {
        List<String> lines = lines(README);
        int start = lines.indexOf(FEATURE_MAP);
        assertThat(start).as(README + " has the section '" + FEATURE_MAP + "'").isNotNegative();
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                continue;
            }
            for (String cell : line.split("\\|")) {
                List<String> anchors = new ArrayList<>();
                for (String path : paths(cell)) {
                    named++;
                    if (isFromRoot(path)) {
                        anchors.add(path);
                        if (!exists(path)) {
                            missing.add(README + ":" + (i + 1) + " `" + path + "`");
                        }
                    } else if (!existsBeside(path, anchors)) {
                        missing.add(README + ":" + (i + 1) + " `" + path + "`"
                                + (anchors.isEmpty() ? "" : " (read beside " + anchors + ")"));
                    }
                }
            }
        }
        assertThat(named).as("paths named in the feature map of " + README).isGreaterThanOrEqualTo(100);
        assertThat(missing)
                .as("paths of the README's feature → code map that do not exist (moved or renamed? "
                        + "update the map)")
                .isEmpty();
    }

    @Test
    void everyJavaPackageHasAPackageInfo() throws IOException {
        Set<String> without = new TreeSet<>();
        Set<String> leftBehind = new TreeSet<>();
        for (String sourceRoot : SOURCE_ROOTS) {
            try (Stream<Path> dirs = Files.walk(root.resolve(sourceRoot))) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    boolean hasInfo = Files.exists(dir.resolve("package-info.java"));
                    boolean hasClasses;
                    try (Stream<Path> files = Files.list(dir)) {
                        hasClasses = files.map(f -> f.getFileName().toString())
                                .anyMatch(n -> n.endsWith(".java") && !n.equals("package-info.java"));
                    }
                    if (hasClasses && !hasInfo) {
                        without.add(relative(dir));
                    }
                    if (hasInfo && !hasClasses) {
                        leftBehind.add(relative(dir));
                    }
                }
            }
        }
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(without)
                    .as("packages without a package-info.java (say what the package does, its "
                            + "entry classes, and the CRS/units/axis order where it handles geometry)")
                    .isEmpty();
            softly.assertThat(leftBehind)
                    .as("package-info.java left behind in folders without classes (the package "
                            + "moved: move or delete its package-info.java)")
                    .isEmpty();
        });
    }

    /** The path-like backtick spans of a line, in order. */
    static List<String> paths(String text) {
        List<String> paths = new ArrayList<>();
        Matcher m = SPAN.matcher(text);
        while (m.find()) {
            String span = m.group(1).strip();
            boolean pathLike = !span.contains(" ")
                    && !span.startsWith("/")
                    && !span.startsWith("-")
                    && !(span.startsWith(".") && !span.contains("/"))
                    && !span.contains("://")
                    && !span.contains("=")
                    && !span.contains("{")
                    && !span.contains("(")
                    && !span.contains(":")
                    && (span.contains("/") || EXTENSION.matcher(span).matches());
            if (pathLike) {
                paths.add(span);
            }
        }
        return paths;
    }

    /** A path written from the repository root: its first segment is a top-level file or folder. */
    private static boolean isFromRoot(String path) {
        String first = path.contains("/") ? path.substring(0, path.indexOf('/') + 1) : path;
        return entries.contains(first) || (!path.contains("/") && entries.contains(path + "/"));
    }

    private static boolean exists(String path) {
        Pattern pattern = pattern(path);
        return entries.stream().anyMatch(e -> pattern.matcher(e).matches());
    }

    /**
     * A README path without its module: beside the folder (or any folder above it) of a path named earlier in the
     * cell, in that module's main sources or resources, or, for a bare file name, anywhere in that module (anywhere
     * in the repository when the cell named no path before it, as a test column names a test's own files).
     */
    private static boolean existsBeside(String path, List<String> anchors) {
        Set<String> prefixes = new LinkedHashSet<>();
        prefixes.add("");
        if (anchors.isEmpty() && !path.contains("/")) {
            prefixes.add("**/");
        }
        for (String anchor : anchors) {
            String dir = anchor.endsWith("/")
                    ? anchor
                    : anchor.contains("/") ? anchor.substring(0, anchor.lastIndexOf('/') + 1) : "";
            while (!dir.isEmpty()) {
                prefixes.add(dir);
                dir = dir.substring(0, dir.lastIndexOf('/', dir.length() - 2) + 1);
            }
            String module = anchor.contains("/") ? anchor.substring(0, anchor.indexOf('/')) : "";
            if (!module.isEmpty()) {
                prefixes.add(module + "/src/main/resources/");
                prefixes.add(module + "/src/main/java/id/ilpatlas/" + module + "/");
                if (!path.contains("/")) {
                    prefixes.add(module + "/.../");
                }
            }
        }
        return prefixes.stream().anyMatch(prefix -> exists(prefix + path));
    }

    /**
     * The path as a pattern over {@link #entries}: {@code /.../} is any chain of folders, {@code **} anything,
     * {@code *} anything inside one name; a trailing {@code /} names a folder.
     */
    private static Pattern pattern(String path) {
        StringBuilder regex = new StringBuilder();
        String[] parts = path.split("/\\.\\.\\./", -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                regex.append("/(?:[^/]+/)*");
            }
            String part = parts[p];
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '*' && i + 1 < part.length() && part.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                    if (i + 1 < part.length() && part.charAt(i + 1) == '/') {
                        i++;
                    }
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " must exist", e);
        }
    }

    private static String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
