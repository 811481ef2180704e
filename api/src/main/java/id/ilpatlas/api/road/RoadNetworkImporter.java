package id.ilpatlas.api.road;

import id.ilpatlas.api.Sql;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.security.Actor;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the routing graph of a kab/kota from one or more road files: {@link RoadFileReader} reads them into road lines
 * (no database), {@link RoadGraphBuilder} builds and stores the graph; this class checks, orders, records and audits.
 * The files:
 * <ul>
 *   <li>GeoJSON FeatureCollections of LineStrings and MultiLineStrings in EPSG:4326: the RTRW / RBI road layers and
 *       OpenStreetMap GeoJSON (overpass turbo, HOT Export Tool), see {@link GeoJsonRoadReader};</li>
 *   <li>OpenStreetMap {@code .osm.pbf} extracts, see {@link OsmPbfRoadReader} (on its own, not mixed with other
 *       files: its junctions are the shared OSM nodes).</li>
 * </ul>
 * Several files make one network of one kab/kota: the first file's roads stand, a later file adds what the earlier
 * ones lack. The graph is built by {@link RoadGraphBuilder}: clipped to the kab/kota boundary plus
 * {@value RoadGraphBuilder#CLIP_BUFFER_METERS} m, de-duplicated between files, noded (or joined at shared OSM nodes),
 * with class and one-way direction per edge.
 *
 * <p>Features that are not lines, or have no two distinct valid positions, are rejected with their number and the rest
 * is imported; railway, shipping lanes, planned roads and OSM ways that are no road to travel are skipped. A file that
 * cannot be read at all stops the whole import. The kab/kota's edges and vertices are replaced in one transaction; ids
 * are deterministic, so importing the same files again gives the same rows. Without the pgrouting extension nothing is
 * read and the report's error says so ({@link PgRouting#MISSING}).
 */
@Service
public class RoadNetworkImporter {

    /** Line ends closer than this (to each other, or to another line) are joined; shorter edges are contracted. */
    public static final double SNAP_TOLERANCE_METERS = RoadGraphBuilder.SNAP_TOLERANCE_METERS;

    private static final Pattern KABKOTA = Pattern.compile("^[0-9]{2}\\.[0-9]{2}$");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RoadFileReader reader;
    private final RoadGraphBuilder builder;
    private final AuditLog audit;
    private final PgRouting pgRouting;

    RoadNetworkImporter(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            RoadFileReader reader,
            RoadGraphBuilder builder,
            AuditLog audit,
            PgRouting pgRouting) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.reader = reader;
        this.builder = builder;
        this.audit = audit;
        this.pgRouting = pgRouting;
    }

    /** A named GeoJSON stream, for {@link #importGeoJson(List, String)}. */
    public record Source(String name, InputStream in) {}

    /**
     * Imports files from the command line ({@code ./atlas import roads FILE...}) into one network, audited as
     * {@code cli:<os user>}. GeoJSON files by content; {@code *.pbf} files as OSM PBF.
     *
     * @param kabkotaCode the kab/kota whose network the files are, or null to take the kab/kota whose boundary holds
     *                    most of the lines' length
     */
    public RoadNetworkReport importFiles(List<Path> files, String kabkotaCode) {
        long started = System.nanoTime();
        RoadNetworkReport report = importChecked(started, kabkotaCode, () -> reader.readFiles(files));
        String actor = "cli:" + System.getProperty("user.name", "unknown");
        audit.record(
                Actor.system(actor),
                "importRoadNetwork",
                "KabKota",
                report.kabkotaCode() == null ? "unknown" : report.kabkotaCode(),
                report.kabkotaCode(),
                report.error() == null ? AuditLog.Outcome.DONE : AuditLog.Outcome.REJECTED,
                report.summary(),
                null,
                null);
        return report;
    }

    /** {@link #importFiles} of one file. */
    public RoadNetworkReport importFile(Path file, String kabkotaCode) {
        return importFiles(List.of(file), kabkotaCode);
    }

    /** Imports one GeoJSON FeatureCollection; {@code kabkotaCode} as in {@link #importFiles}. */
    public RoadNetworkReport importGeoJson(InputStream in, String sourceName, String kabkotaCode) {
        return importGeoJson(List.of(new Source(sourceName, in)), kabkotaCode);
    }

    /** Imports GeoJSON FeatureCollections into one network, the first file's roads first. */
    public RoadNetworkReport importGeoJson(List<Source> sources, String kabkotaCode) {
        return importChecked(System.nanoTime(), kabkotaCode, () -> {
            List<RoadLayer> layers = new ArrayList<>();
            for (Source source : sources) {
                layers.add(reader.readGeoJson(source.in(), source.name()));
            }
            return layers;
        });
    }

    private interface Reading {
        List<RoadLayer> read();
    }

    private RoadNetworkReport importChecked(long started, String kabkotaCode, Reading reading) {
        String noRouting = pgRouting.unavailableReason();
        if (noRouting != null) {
            return RoadNetworkReport.failed(List.of(), noRouting, started);
        }
        if (kabkotaCode != null && !KABKOTA.matcher(kabkotaCode).matches()) {
            return RoadNetworkReport.failed(
                    List.of(), "kab/kota code must look like 33.75, was '" + kabkotaCode + "'", started);
        }
        List<RoadLayer> layers = reading.read();
        List<RoadNetworkReport.FileReport> files = layers.stream()
                .map(layer -> RoadNetworkReport.FileReport.of(layer, 0))
                .toList();
        for (RoadLayer layer : layers) {
            if (layer.error() != null) {
                return RoadNetworkReport.failed(files, layer.sourceName() + ": " + layer.error(), started);
            }
        }
        if (layers.size() > 1 && layers.stream().anyMatch(RoadLayer::nodeTopology)) {
            return RoadNetworkReport.failed(
                    files,
                    "an .osm.pbf extract is imported on its own: its junctions are "
                            + "the shared OSM nodes, which other files do not have",
                    started);
        }
        if (layers.stream().allMatch(layer -> layer.lines().isEmpty())) {
            return RoadNetworkReport.failed(files, "no road line to import", started);
        }
        return transactions.execute(status -> build(layers, kabkotaCode, started));
    }

    private RoadNetworkReport build(List<RoadLayer> layers, String kabkotaCode, long started) {
        RoadGraphBuilder.Result result = builder.build(layers, kabkotaCode);
        List<RoadNetworkReport.FileReport> files = new ArrayList<>();
        for (int f = 0; f < layers.size(); f++) {
            files.add(RoadNetworkReport.FileReport.of(layers.get(f), result.duplicateMetersByFile()[f]));
        }
        if (result.error() != null) {
            return RoadNetworkReport.failed(files, result.error(), started);
        }
        Map<String, Object> figures = result.figures();
        RoadNetworkReport report = new RoadNetworkReport(
                List.copyOf(files),
                result.kabkotaCode(),
                null,
                result.clippedMeters(),
                result.featuresOutside(),
                result.endpointsSnapped(),
                result.shortEdgesContracted(),
                ((Number) figures.get("edges")).intValue(),
                ((Number) figures.get("vertices")).intValue(),
                ((Number) figures.get("components")).intValue(),
                ((Number) figures.get("share")).doubleValue(),
                ((Number) figures.get("length")).doubleValue(),
                (System.nanoTime() - started) / 1_000_000);
        jdbc.sql(Sql.load("sql/road/record-load.sql"))
                .param("k", report.kabkotaCode())
                .param("src", report.sourceName())
                .param("read", report.featuresRead())
                .param("rej", report.rejected().size())
                .param("skip", report.featuresSkipped())
                .param("e", report.edges())
                .param("v", report.vertices())
                .param("c", report.components())
                .param("share", report.largestComponentLengthShare())
                .param("len", report.lengthMeters())
                .param("tol", SNAP_TOLERANCE_METERS)
                .param("clipped", report.clippedMeters())
                .param("duplicates", report.duplicateMetersDropped())
                .param("summary", report.summary())
                .update();
        return report;
    }
}
