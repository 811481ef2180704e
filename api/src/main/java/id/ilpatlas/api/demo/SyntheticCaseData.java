package id.ilpatlas.api.demo;

import id.ilpatlas.api.cases.importing.CaseImporter;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.synthetic.CityInput;
import id.ilpatlas.geo.synthetic.GeneratedFiles;
import id.ilpatlas.geo.synthetic.PosyanduInput;
import id.ilpatlas.geo.synthetic.PuskesmasInput;
import id.ilpatlas.geo.synthetic.RwInput;
import id.ilpatlas.geo.synthetic.SyntheticCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The synthetic case data of the demo: files in the national formats generated for the city's RWs, posyandu and
 * puskesmas (seeded, calibrated to docs/DESIGN.md §5), then loaded through the real importer, marked synthetic. Done
 * once per database (a row in {@code reference_data_loads}).
 */
@Service
public class SyntheticCaseData {

    public static final String DATASET = "synthetic-cases";

    private static final Logger log = LoggerFactory.getLogger(SyntheticCaseData.class);

    private final JdbcClient jdbc;
    private final CaseImporter importer;
    private final long seed;
    private final double scale;
    private final String asOf;

    SyntheticCaseData(
            JdbcClient jdbc,
            CaseImporter importer,
            @Value("${atlas.cases.demo.seed:20171}") long seed,
            @Value("${atlas.cases.demo.scale:1.0}") double scale,
            @Value("${atlas.cases.demo.as-of:}") String asOf) {
        this.jdbc = jdbc;
        this.importer = importer;
        this.seed = seed;
        this.scale = scale;
        this.asOf = asOf;
    }

    /** The day the 12 monthly measurement rounds end: configured, else yesterday. */
    LocalDate asOf() {
        return asOf == null || asOf.isBlank() ? LocalDate.now().minusDays(1) : LocalDate.parse(asOf);
    }

    public boolean isLoaded() {
        return jdbc.sql("SELECT count(*) FROM reference_data_loads WHERE dataset = :d")
                        .param("d", DATASET)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Generates and imports the demo case files unless done before; returns the import jobs (empty when skipped). */
    public synchronized List<ImportJob> ensureLoaded() {
        if (isLoaded()) {
            return List.of();
        }
        long started = System.nanoTime();
        CityInput city = city();
        LocalDate today = asOf();
        Path dir;
        try {
            dir = Files.createTempDirectory("atlas-synthetic-cases-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ImportJob> jobs = new ArrayList<>();
        try {
            GeneratedFiles files =
                    SyntheticCases.generate(city, seed, today, scale).writeAll(dir);
            Caller system = new Caller("system:synthetic-demo", Role.DINKES_ADMIN, kabkotaCodes(), null);
            for (Map.Entry<ImportFormat, Path> file : List.of(
                    Map.entry(ImportFormat.EPPGBM, files.eppgbm()),
                    Map.entry(ImportFormat.SITB, files.sitb()),
                    Map.entry(ImportFormat.P3KE, files.p3ke()),
                    Map.entry(ImportFormat.PERMAISURI, files.permaisuri()))) {
                ImportJob job = importer.importFile(file.getKey(), file.getValue(), system, true);
                log.info("synthetic {}: {}", file.getKey(), job.describe());
                jobs.add(job);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
        String summary = jobs.stream()
                        .map(j -> j.format() + " " + (j.rowsInserted() + j.rowsUpdated() + j.rowsUnchanged()) + " rows")
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("")
                + "; seed " + seed
                + ", scale " + scale + ", as of " + today + ", " + (System.nanoTime() - started) / 1_000_000 + " ms";
        jdbc.sql("INSERT INTO reference_data_loads (dataset, version, summary) VALUES (:d, :v, :s) "
                        + "ON CONFLICT (dataset) DO NOTHING")
                .param("d", DATASET)
                .param("v", seed + "/" + scale + "/" + today)
                .param("s", summary)
                .update();
        log.info("Synthetic case data loaded (labelled synthetic): {}", summary);
        return jobs;
    }

    private List<String> kabkotaCodes() {
        return jdbc.sql("SELECT code FROM regions WHERE level = 'KABKOTA' ORDER BY code")
                .query(String.class)
                .list();
    }

    /** The city as the generator needs it, read from the region table and the registry. */
    public CityInput city() {
        WKTReader wkt = new WKTReader();
        List<RwInput> rws = jdbc.sql("""
                        SELECT code, parent_code, left(code, 8) AS kecamatan, coalesce(population, 0) AS population,
                               ST_AsText(geom) AS wkt
                          FROM regions WHERE level = 'RW' ORDER BY code""")
                .query((rs, n) -> {
                    try {
                        return new RwInput(
                                rs.getString("code"),
                                rs.getString("parent_code"),
                                rs.getString("kecamatan"),
                                rs.getInt("population"),
                                wkt.read(rs.getString("wkt")));
                    } catch (ParseException e) {
                        throw new IllegalStateException(
                                "RW " + rs.getString("code") + " has an unreadable geometry", e);
                    }
                })
                .list();
        List<PosyanduInput> posyandu = jdbc.sql("""
                        SELECT f.code, f.name, coalesce(array_agg(c.region_code ORDER BY c.region_code)
                                   FILTER (WHERE c.region_code IS NOT NULL), '{}') AS rws
                          FROM facilities f LEFT JOIN facility_catchments c ON c.facility_id = f.id
                         WHERE f.type = 'POSYANDU' AND f.active GROUP BY f.code, f.name ORDER BY f.code""")
                .query((rs, n) -> new PosyanduInput(rs.getString("code"), rs.getString("name"), List.of((String[])
                        rs.getArray("rws").getArray())))
                .list();
        List<PuskesmasInput> puskesmas = jdbc.sql("""
                        SELECT f.code, f.name, coalesce(array_agg(c.region_code ORDER BY c.region_code)
                                   FILTER (WHERE c.region_code IS NOT NULL), '{}') AS kelurahan
                          FROM facilities f LEFT JOIN facility_catchments c ON c.facility_id = f.id
                         WHERE f.type = 'PUSKESMAS' AND f.active GROUP BY f.code, f.name ORDER BY f.code""")
                .query((rs, n) -> new PuskesmasInput(rs.getString("code"), rs.getString("name"), List.of((String[])
                        rs.getArray("kelurahan").getArray())))
                .list();
        return new CityInput(rws, posyandu, puskesmas);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}", dir);
        }
    }
}
