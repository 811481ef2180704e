package id.ilpatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./atlas start} runs the app with a bounded heap ({@code ATLAS_HEAP}, default 1g). The real script runs from
 * a copy of the project with an up-to-date jar, an external database URL (so nothing is started) and a {@code java}
 * that records its arguments instead of starting the app.
 */
class AtlasCommandTest {

    /** The result of a run of the script. */
    record Run(int exitCode, String output) {}

    private static Run atlas(Path root, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(List.of(root.resolve("atlas").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("ATLAS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    /** A copy of the script (and its scripts/) in an otherwise empty project whose jar is newer than every source. */
    private static Path projectWithFakeJava(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("project"));
        Files.copy(ContainerFiles.ROOT.resolve("atlas"), root.resolve("atlas"), StandardCopyOption.COPY_ATTRIBUTES);
        // The script's commands live in scripts/*.sh, which it sources.
        Files.createDirectories(root.resolve("scripts"));
        try (var scripts = Files.newDirectoryStream(ContainerFiles.ROOT.resolve("scripts"), "*.sh")) {
            for (Path script : scripts) {
                Files.copy(
                        script,
                        root.resolve("scripts").resolve(script.getFileName().toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.createDirectories(root.resolve("api/target"));
        Files.copy(
                ContainerFiles.ROOT.resolve("api/run-app.sh"),
                root.resolve("api/run-app.sh"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("api/target/ilp-atlas-api.jar"), "not a jar");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        // Records its arguments (the last run's in java-args, every run's in java-runs); does what api/run-app.sh
        // needs of the real one: `extract --destination DIR` writes DIR/<jar>, -XX:ArchiveClassesAtExit an archive.
        Files.writeString(
                java,
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.resolve("java-args") + "'\n"
                        + "echo \"$*\" >> '" + dir.resolve("java-runs") + "'\n"
                        + "prev=\nfor a in \"$@\"; do\n"
                        + "  case \"$a\" in -XX:ArchiveClassesAtExit=*) printf archive > \"${a#-XX:ArchiveClassesAtExit=}\" ;; esac\n"
                        + "  if [ \"$prev\" = --destination ]; then printf jar > \"$a/ilp-atlas-api.jar\"; fi\n"
                        + "  prev=\"$a\"\ndone\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private static Map<String, String> env(Path dir, String... more) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "PATH",
                dir.resolve("bin") + ":" + System.getenv("PATH"),
                "ATLAS_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/nothing_started",
                "ATLAS_PORT",
                String.valueOf(port)));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void startRunsTheExtractedAppWithItsClassDataSharingArchiveAndABoundedHeap(@TempDir Path dir) throws Exception {
        Path root = projectWithFakeJava(dir);
        Path app = root.resolve(".atlas/app");

        Run byDefault = atlas(root, env(dir), "start");
        assertThat(byDefault.exitCode()).as(byDefault.output()).isZero();
        assertThat(byDefault.output()).contains("at most 1g of heap").contains("preparing " + app);
        // After a build: the jar extracted, then the training run that records the archive (api/run-app.sh).
        assertThat(Files.readAllLines(dir.resolve("java-runs")))
                .anyMatch(run -> run.startsWith("-Djarmode=tools -jar " + root.resolve("api/target/ilp-atlas-api.jar")
                        + " extract --destination " + app))
                .anyMatch(run -> run.startsWith("-XX:ArchiveClassesAtExit=" + app.resolve("ilp-atlas-api.jsa")
                        + " -Dspring.context.exit=onRefresh"));
        assertThat(Files.readAllLines(dir.resolve("java-args")))
                .containsExactly(
                        "-Xmx1g",
                        "-XX:SharedArchiveFile=" + app.resolve("ilp-atlas-api.jsa"),
                        "-jar",
                        app.resolve("ilp-atlas-api.jar").toString(),
                        "--spring.profiles.active=demo");

        // The jar unchanged: no second preparation.
        Run smaller = atlas(root, env(dir, "ATLAS_HEAP", "768m"), "start");
        assertThat(smaller.exitCode()).as(smaller.output()).isZero();
        assertThat(smaller.output()).doesNotContain("preparing");
        assertThat(Files.readAllLines(dir.resolve("java-args"))).first().isEqualTo("-Xmx768m");
    }

    @Test
    void aHeapThatIsNoSizeIsRefusedAndHelpNamesTheSetting(@TempDir Path dir) throws Exception {
        Path root = projectWithFakeJava(dir);
        Run bad = atlas(root, env(dir, "ATLAS_HEAP", "lots"), "start");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output()).contains("ATLAS_HEAP='lots' is not a Java heap size such as 1g or 768m");
        assertThat(Files.exists(dir.resolve("java-args"))).as("java never ran").isFalse();

        Run help = atlas(root, env(dir), "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("ATLAS_HEAP      maximum Java heap of the app");
    }

    @Test
    void importRwPassesItsFlagsToTheApplicationWhichChecksThem(@TempDir Path dir) throws Exception {
        Path root = projectWithFakeJava(dir);
        Path layer = Files.writeString(dir.resolve("rw.geojson"), "{}");

        Run run = atlas(
                root,
                env(dir),
                "import",
                "rw",
                layer.toString(),
                "--mode",
                "adopt",
                "--outside-tolerance",
                "10%",
                "--partial");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("java-args")))
                .contains(
                        "--atlas.cli=import-rw",
                        "--atlas.cli.options=--mode adopt --outside-tolerance 10% --partial",
                        "--atlas.cli.file=" + layer.toRealPath());

        Run plain = atlas(root, env(dir), "import", "rw", layer.toString());
        assertThat(plain.exitCode()).as(plain.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("java-args")))
                .contains("--atlas.cli=import-rw")
                .noneMatch(arg -> arg.startsWith("--atlas.cli.options"));

        Run noFile = atlas(root, env(dir), "import", "rw", "--mode", "adopt");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.output())
                .contains("usage: ./atlas import rw FILE.geojson [--mode clip|adopt] "
                        + "[--outside-tolerance 10%] [--min-area-m2 100] [--partial] [--assign-by overlap|attribute]");
    }
}
