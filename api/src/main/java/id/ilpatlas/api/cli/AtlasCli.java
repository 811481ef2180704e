package id.ilpatlas.api.cli;

import id.ilpatlas.api.cases.importing.CaseImporter;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.demo.PekalonganReferenceData;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.region.RwImportOptions;
import id.ilpatlas.api.region.RwImportReport;
import id.ilpatlas.api.region.RwImporter;
import id.ilpatlas.api.road.RoadNetworkImporter;
import id.ilpatlas.api.road.RoadNetworkReport;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.synthetic.SyntheticCases;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-shot commands run by {@code ./atlas} through the application jar, e.g.
 * {@code --atlas.cli=import-rw --atlas.cli.file=/path/rw.geojson --atlas.cli.options="--mode adopt"}. Prints its
 * report and exits the JVM
 * (0 when everything was imported, 1 when something was rejected, 2 on bad usage).
 */
@Component
@Order(10)
public class AtlasCli implements ApplicationRunner {

    private final Environment environment;
    private final ApplicationContext context;
    private final PekalonganReferenceData referenceData;
    private final RwImporter rwImporter;
    private final CaseImporter caseImporter;
    private final JdbcClient jdbc;
    private final SyntheticCaseData syntheticCaseData;
    private final RoadNetworkImporter roadNetworkImporter;

    AtlasCli(
            Environment environment,
            ApplicationContext context,
            PekalonganReferenceData referenceData,
            RwImporter rwImporter,
            CaseImporter caseImporter,
            JdbcClient jdbc,
            SyntheticCaseData syntheticCaseData,
            RoadNetworkImporter roadNetworkImporter) {
        this.roadNetworkImporter = roadNetworkImporter;
        this.syntheticCaseData = syntheticCaseData;
        this.environment = environment;
        this.context = context;
        this.referenceData = referenceData;
        this.rwImporter = rwImporter;
        this.caseImporter = caseImporter;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        String command = environment.getProperty("atlas.cli");
        if (command == null || command.isBlank()) {
            return;
        }
        int code = switch (command) {
            case "import-rw" ->
                importRw(environment.getProperty("atlas.cli.file"), environment.getProperty("atlas.cli.options", ""));
            case "import-roads" ->
                importRoads(args.getOptionValues("atlas.cli.file"), environment.getProperty("atlas.cli.kabkota"));
            case "import-cases" ->
                importCases(environment.getProperty("atlas.cli.file"), environment.getProperty("atlas.cli.format"));
            case "generate-eppgbm" ->
                generateEppgbm(
                        environment.getProperty("atlas.cli.file"),
                        environment.getProperty("atlas.cli.rows", Long.class, 1_000_000L));
            default -> {
                System.err.println("atlas: unknown command '" + command
                        + "' (known: import-rw, import-roads, import-cases, " + "generate-eppgbm)");
                yield 2;
            }
        };
        int exit = SpringApplication.exit(context, (ExitCodeGenerator) () -> code);
        System.exit(exit);
    }

    /**
     * Imports a case file as the server's operator: a DINKES_ADMIN of every kab/kota loaded, recorded in the audit
     * log as {@code cli:<os user>}. Exit 0 when every row was imported, 1 when rows were rejected or the file stopped.
     */
    private int importCases(String file, String formatName) {
        ImportFormat format = ImportFormat.fromName(formatName);
        if (format == null) {
            System.err.println("atlas: --format must be eppgbm, sitb, p3ke or permaisuri, got " + formatName);
            return 2;
        }
        if (file == null || !Files.isReadable(Path.of(file))) {
            System.err.println("atlas: import cases needs a readable CSV file, got " + file);
            return 2;
        }
        referenceData.ensureLoaded();
        ImportJob job = caseImporter.importFile(format, Path.of(file), operator(jdbc), false);
        System.out.println(job.describe());
        if (job.rowsRejected() + job.rowsUnassigned() > 0) {
            System.out.println("  problems: GET /imports/" + job.id() + "/problems.csv, or GraphQL importJob(id: \""
                    + job.id() + "\") { problems { rowNumber column severity reason } }");
        }
        return job.state() == ImportJob.State.SUCCEEDED && job.rowsRejected() == 0 ? 0 : 1;
    }

    /**
     * Writes a synthetic e-PPGBM file of exactly {@code rows} data rows for the city in the database (benchmarks):
     * the demo generator, cycling the RWs with new children until the count is reached.
     */
    private int generateEppgbm(String file, long rows) {
        if (file == null) {
            System.err.println("atlas: generate-eppgbm needs --atlas.cli.file=OUT.csv");
            return 2;
        }
        referenceData.ensureLoaded();
        try (Writer out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            var summary = SyntheticCases.generate(
                            syntheticCaseData.city(), 20171, LocalDate.now().minusDays(1), 1.0)
                    .writeEppgbmRows(out, rows);
            System.out.println("wrote " + file + ": " + summary);
            return 0;
        } catch (IOException e) {
            System.err.println("atlas: cannot write " + file + ": " + e.getMessage());
            return 2;
        }
    }

    /** The operator running a command on the server: DINKES_ADMIN of every kab/kota in the database. */
    static Caller operator(JdbcClient jdbc) {
        List<String> kabkota = jdbc.sql("SELECT code FROM regions WHERE level = 'KABKOTA' ORDER BY code")
                .query(String.class)
                .list();
        return new Caller(RwImporter.cliActor(), Role.DINKES_ADMIN, kabkota, null);
    }

    /**
     * Replaces the road network of a kab/kota with the files given (one {@code --atlas.cli.file} each, merged in that
     * order; the kab/kota whose boundary holds most of the lines, unless {@code --atlas.cli.kabkota} names it). Exit 0
     * when every feature was imported, 1 when some were rejected or nothing was imported.
     */
    private int importRoads(List<String> files, String kabkota) {
        if (files == null || files.isEmpty()) {
            System.err.println("atlas: import roads needs at least one file (--atlas.cli.file=FILE)");
            return 2;
        }
        for (String file : files) {
            if (!Files.isReadable(Path.of(file))) {
                System.err.println("atlas: import roads needs readable GeoJSON or .osm.pbf files, got " + file);
                return 2;
            }
        }
        referenceData.ensureLoaded();
        RoadNetworkReport report = roadNetworkImporter.importFiles(
                files.stream().map(Path::of).toList(), kabkota == null || kabkota.isBlank() ? null : kabkota.trim());
        System.out.print(report.describe());
        return report.ok() ? 0 : 1;
    }

    private int importRw(String file, String flags) {
        if (file != null && Files.isReadable(Path.of(file))) {
            referenceData.ensureLoaded();
        }
        return importRw(rwImporter::importFile, file, flags, System.out, System.err);
    }

    /**
     * {@code ./atlas import rw FILE [--mode clip|adopt] [--outside-tolerance 10%] [--min-area-m2 100] [--partial]
     * [--assign-by overlap|attribute]}: prints the report; exit 0 when every feature was imported (or dropped as a
     * sliver), 1 when some were rejected or nothing could be imported, 2 on bad usage.
     */
    public static int importRw(
            BiFunction<Path, RwImportOptions, RwImportReport> importer,
            String file,
            String flags,
            PrintStream out,
            PrintStream err) {
        if (file == null || !Files.isReadable(Path.of(file))) {
            err.println("atlas: import rw needs a readable GeoJSON file, got " + file);
            return 2;
        }
        RwImportOptions options;
        try {
            options = RwImportOptions.parse(
                    flags == null || flags.isBlank()
                            ? List.of()
                            : List.of(flags.strip().split("\\s+")));
        } catch (IllegalArgumentException e) {
            err.println("atlas: import rw: " + e.getMessage());
            return 2;
        }
        RwImportReport report = importer.apply(Path.of(file), options);
        out.print(report.describe());
        return report.ok() ? 0 : 1;
    }
}
