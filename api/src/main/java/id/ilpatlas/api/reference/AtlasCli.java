package id.ilpatlas.api.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One-shot commands run by {@code ./atlas} through the application jar, e.g.
 * {@code --atlas.cli=import-rw --atlas.cli.file=/path/rw.geojson}. Prints its report and exits the JVM
 * (0 when everything was imported, 1 when something was rejected, 2 on bad usage).
 */
@Component
@Order(10)
class AtlasCli implements ApplicationRunner {

    private final Environment environment;
    private final ApplicationContext context;
    private final PekalonganReferenceData referenceData;
    private final RwImporter rwImporter;

    AtlasCli(Environment environment, ApplicationContext context, PekalonganReferenceData referenceData,
             RwImporter rwImporter) {
        this.environment = environment;
        this.context = context;
        this.referenceData = referenceData;
        this.rwImporter = rwImporter;
    }

    @Override
    public void run(ApplicationArguments args) {
        String command = environment.getProperty("atlas.cli");
        if (command == null || command.isBlank()) {
            return;
        }
        int code = switch (command) {
            case "import-rw" -> importRw(environment.getProperty("atlas.cli.file"));
            default -> {
                System.err.println("atlas: unknown command '" + command + "' (known: import-rw)");
                yield 2;
            }
        };
        int exit = SpringApplication.exit(context, (ExitCodeGenerator) () -> code);
        System.exit(exit);
    }

    private int importRw(String file) {
        if (file == null || !Files.isReadable(Path.of(file))) {
            System.err.println("atlas: import rw needs a readable GeoJSON file, got " + file);
            return 2;
        }
        referenceData.ensureLoaded();
        RwImportReport report = rwImporter.importFile(Path.of(file));
        System.out.print(report.describe());
        return report.ok() ? 0 : 1;
    }
}
