package id.ilpatlas.api.region;

import id.ilpatlas.api.Sql;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.region.RwImportOptions.Mode;
import id.ilpatlas.api.region.RwImportReport.AreaMove;
import id.ilpatlas.api.region.RwImportReport.FeatureIssue;
import id.ilpatlas.api.region.RwImportReport.KelurahanResult;
import id.ilpatlas.api.region.RwImportReport.Severity;
import id.ilpatlas.api.region.RwImportReport.Status;
import id.ilpatlas.api.region.RwLayerAssigner.Assignment;
import id.ilpatlas.api.region.RwLayerAssigner.Fate;
import id.ilpatlas.api.region.RwLayerAssigner.Kelurahan;
import id.ilpatlas.api.region.RwLayerAssigner.Placement;
import id.ilpatlas.api.region.RwLayerAssigner.Share;
import id.ilpatlas.api.region.RwLayerAssigner.Where;
import id.ilpatlas.api.region.RwLayerReader.RwLayer;
import id.ilpatlas.api.region.RwLayerReader.RwLayerFeature;
import id.ilpatlas.api.security.Actor;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.rw.Apportionment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a real RW layer (GeoJSON FeatureCollection, EPSG:4326), as real layers come: another boundary vintage than
 * ours, slivers, gaps, overlaps, non-residential units left out as holes, RW numbers written {@code RW 004},
 * {@code RW 04} or {@code 4}. Three seams: {@link RwLayerReader} reads and normalises the file, {@link RwLayerAssigner}
 * places each feature in a kelurahan (majority overlap in metres, in the UTM zone of the layer) and decides what is
 * imported, and this class runs the geometry steps ({@code sql/region/rw-layer-*.sql}) and writes ({@link RwWriter}).
 *
 * <p>{@link Mode#CLIP} keeps our kelurahan boundaries: RWs are cut to their kelurahan; a feature lying more than the
 * tolerance outside it is rejected. {@link Mode#ADOPT} takes the layer's boundaries: each kelurahan with RWs in the
 * layer becomes the union of its RWs plus the part of its former area no RW of the layer claims (so holes and gaps
 * stay in the kelurahan), neighbours lose what the layer's RWs take from them, and kecamatan and kota boundaries are
 * rebuilt as the union of their kelurahan. A neighbour on synthetic RWs gets them regenerated on its new boundary; a
 * kelurahan that keeps real RWs of its own (imported before, not in this layer) is never cut: the layer's RWs lose
 * that part instead. In both modes slivers below the minimum area are dropped, overlaps go to the feature earlier in
 * the file, and the area of each kelurahan no RW covers is reported.
 *
 * <p>A kelurahan with a rejected feature keeps its current RWs unless {@code --partial}. Kelurahan populations stay;
 * RWs take the file's population, or what it leaves of the kelurahan's apportioned by area. Everything runs in one
 * transaction; re-importing the same file writes nothing and reports every kelurahan unchanged.
 */
@Service
public class RwImporter {

    /** Overlaps between features smaller than this (m²) are resolved without a remark (digitising noise). */
    static final double REPORTED_OVERLAP_SQUARE_METERS = 1;
    /**
     * Boundary changes and area moves smaller than this (m²) are floating-point noise: rebuilding a kelurahan from the
     * same RWs twice differs by a few cm². Not written, not reported.
     */
    static final double BOUNDARY_NOISE_SQUARE_METERS = 1;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RwLayerReader reader;
    private final RwWriter rwWriter;
    private final AuditLog audit;
    private final SyntheticRws referenceData;

    RwImporter(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper jsonMapper,
            RwWriter rwWriter,
            AuditLog audit,
            SyntheticRws referenceData) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.reader = new RwLayerReader(jsonMapper);
        this.rwWriter = rwWriter;
        this.audit = audit;
        this.referenceData = referenceData;
    }

    /** The audit actor of a command-line import: the OS user who ran it. */
    public static String cliActor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    public RwImportReport importFile(Path file) {
        return importFile(file, RwImportOptions.DEFAULTS);
    }

    public RwImportReport importFile(Path file, RwImportOptions options) {
        try (InputStream in = Files.newInputStream(file)) {
            return importGeoJson(in, file.getFileName().toString(), options);
        } catch (IOException e) {
            return RwImportReport.failed(
                    String.valueOf(file.getFileName()), options, file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    public RwImportReport importGeoJson(InputStream in, String sourceName) {
        return importGeoJson(in, sourceName, RwImportOptions.DEFAULTS);
    }

    public RwImportReport importGeoJson(InputStream in, String sourceName, RwImportOptions options) {
        RwLayer layer = reader.read(in, sourceName);
        if (layer.error() != null) {
            return RwImportReport.failed(sourceName, options, layer.error());
        }
        Map<Integer, Readable> readable = new HashMap<>();
        Map<Integer, String> unreadable = new HashMap<>();
        for (RwLayerFeature feature : layer.features()) {
            if (feature.geometryJson() != null) {
                check(feature, readable, unreadable);
            }
        }
        try {
            return transactions.execute(
                    status -> new Run(sourceName, options, layer.features(), readable, unreadable).run());
        } catch (ImportFailure e) {
            auditImport("RwLayer", sourceName, null, AuditLog.Outcome.REJECTED, e.getMessage(), null, null);
            return RwImportReport.failed(
                    sourceName, options, sourceName + ": " + e.getMessage() + "; nothing was imported");
        }
    }

    /** The audit entry of an RW import (run by the command line, as SYSTEM), with the RW summaries before and after. */
    private void auditImport(
            String targetType,
            String targetId,
            String kabkota,
            AuditLog.Outcome outcome,
            String detail,
            String rwsBefore,
            String rwsAfter) {
        audit.record(
                Actor.system(cliActor()),
                "importRw",
                targetType,
                targetId,
                kabkota,
                outcome,
                detail,
                rwsBefore,
                rwsAfter);
    }

    /** A geometry PostGIS could read: its EWKB (an invalid one repaired, to know where it lies) and validity. */
    private record Readable(byte[] ewkb, boolean valid, String reason) {}

    /** Reads one feature's geometry in its own statement, so that a geometry PostGIS cannot read is one remark. */
    private void check(RwLayerFeature feature, Map<Integer, Readable> readable, Map<Integer, String> unreadable) {
        try {
            Map<String, Object> row = jdbc.sql(Sql.load("sql/region/rw-layer-check-geometry.sql"))
                    .param("geojson", feature.geometryJson())
                    .query()
                    .singleRow();
            if (!Boolean.TRUE.equals(row.get("lonlat"))) {
                unreadable.put(
                        feature.number(),
                        "coordinates outside longitude -180..180 / latitude -90..90: "
                                + "expected [longitude, latitude] in EPSG:4326 (axes swapped, or a projected CRS?)");
            } else if (Boolean.FALSE.equals(row.get("has_area"))) {
                unreadable.put(feature.number(), "has no area");
            } else {
                readable.put(
                        feature.number(),
                        new Readable((byte[]) row.get("ewkb"), Boolean.TRUE.equals(row.get("valid")), (String)
                                row.get("reason")));
            }
        } catch (RuntimeException e) {
            unreadable.put(feature.number(), "PostGIS cannot read it (" + rootMessage(e) + ")");
        }
    }

    /** One import inside its transaction. */
    private final class Run {

        private final String source;
        private final RwImportOptions options;
        private final List<RwLayerFeature> features;
        private final Map<Integer, Readable> readable;
        private final Map<Integer, String> unreadable;
        private final List<FeatureIssue> issues = new ArrayList<>();
        private int srid;
        private RwLayerAssigner assigner;

        Run(
                String source,
                RwImportOptions options,
                List<RwLayerFeature> features,
                Map<Integer, Readable> readable,
                Map<Integer, String> unreadable) {
            this.source = source;
            this.options = options;
            this.features = features;
            this.readable = readable;
            this.unreadable = unreadable;
        }

        RwImportReport run() {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('rw_import'))")
                    .query()
                    .singleRow();
            jdbc.sql(Sql.load("sql/region/rw-layer-stage.sql")).update();
            readable.forEach((number, geometry) -> jdbc.sql(
                            "INSERT INTO rw_layer (feature_no, geom) VALUES (:n, ST_GeomFromEWKB(:g))")
                    .param("n", number)
                    .param("g", geometry.ewkb())
                    .update());
            // No feature near any kelurahan: every feature is reported outside them (areas on the spheroid), the
            // zone is not used.
            srid = jdbc.sql(Sql.load("sql/region/rw-layer-utm-srid.sql"))
                    .query(Integer.class)
                    .optional()
                    .orElse(32749);

            // 1. Where each feature lies, and what is decided for it.
            Map<Integer, Where> where = where();
            assigner = new RwLayerAssigner(options, kelurahanCatalogue(where));
            Assignment assignment = assigner.assign(features, where, unreadable);
            issues.addAll(assignment.issues());
            Map<Integer, Placement> placed = new LinkedHashMap<>();
            for (Placement p : assignment.placements()) {
                placed.put(p.feature().number(), p);
                boolean accepted =
                        p.fate() == Fate.ACCEPTED && !assignment.heldBack().contains(p.kelurahanCode());
                if (readable.containsKey(p.feature().number())) {
                    jdbc.sql("UPDATE rw_layer SET kelurahan_code = :k, rw_number = :rw, accepted = :a "
                                    + "WHERE feature_no = :n")
                            .param("k", p.kelurahanCode())
                            .param("rw", p.feature().rwNumber())
                            .param("a", accepted)
                            .param("n", p.feature().number())
                            .update();
                }
            }
            String[] importing = jdbc.sql("SELECT DISTINCT kelurahan_code FROM rw_layer WHERE accepted ORDER BY 1")
                    .query(String.class)
                    .list()
                    .toArray(String[]::new);

            // 2. The RWs' shapes: cut to our kelurahan, or as drawn; overlaps to the earlier feature; slivers out.
            if (options.mode() == Mode.CLIP) {
                sqlWithAreas("rw-layer-clip.sql").update();
            } else {
                reportProtected(importing, placed);
                sqlWithAreas("rw-layer-adopt.sql").param("importing", importing).update();
            }
            reportOverlaps(placed);
            sqlWithAreas("rw-layer-resolve-overlaps.sql").update();
            dropEmptyShapes(placed);

            // 3. ADOPT: the new kelurahan boundaries and the area moved.
            Map<String, List<AreaMove>> gained = new TreeMap<>();
            Map<String, List<AreaMove>> lost = new TreeMap<>();
            Set<String> neighbours = new TreeSet<>();
            if (options.mode() == Mode.ADOPT) {
                sqlWithAreas("rw-layer-adopt-kelurahan.sql").update();
                adoptedBoundaries(gained, lost, neighbours);
            }

            // 4. Write, kelurahan by kelurahan.
            Map<Integer, Double> shapeAreas = shapeAreas();
            Set<String> receiving =
                    new TreeSet<>(jdbc.sql("SELECT DISTINCT kelurahan_code FROM rw_layer WHERE accepted")
                            .query(String.class)
                            .list());
            Set<String> reported = new TreeSet<>(receiving);
            reported.addAll(assignment.rejectedByKelurahan().keySet());
            neighbours.stream()
                    .filter(code -> gained.containsKey(code) || lost.containsKey(code))
                    .forEach(reported::add);
            Map<String, double[]> areas = areas(reported);
            Set<String> boundaryChanged = options.mode() == Mode.ADOPT ? writeBoundaries() : Set.of();

            List<KelurahanResult> results = new ArrayList<>();
            for (String code : reported) {
                results.add(outcome(
                        code,
                        assignment.rejectedByKelurahan().getOrDefault(code, List.of()),
                        receiving.contains(code),
                        boundaryChanged.contains(code),
                        areas.get(code),
                        placed,
                        shapeAreas,
                        gained,
                        lost));
            }
            issues.sort(Comparator.comparingInt(FeatureIssue::featureNumber));
            return new RwImportReport(
                    source, options, features.size(), results, issues, stillSynthetic(reported), null);
        }

        /**
         * Writes one kelurahan (its RWs when it receives some; new synthetic RWs when ADOPT changed the boundary of
         * one on synthetic RWs) and says what became of it.
         *
         * @param area before, after, uncovered, uncovered pieces (rw-layer-uncovered.sql)
         */
        private KelurahanResult outcome(
                String code,
                List<Integer> rejected,
                boolean receiving,
                boolean boundaryChanged,
                double[] area,
                Map<Integer, Placement> placed,
                Map<Integer, Double> shapeAreas,
                Map<String, List<AreaMove>> gained,
                Map<String, List<AreaMove>> lost) {
            Status status;
            String note = null;
            boolean written = boundaryChanged;
            Integer changed = receiving ? write(code, placed, shapeAreas) : null;
            if (receiving && changed != null) {
                written |= changed > 0;
                status = !rejected.isEmpty()
                        ? Status.PARTIAL
                        : changed > 0 || boundaryChanged ? Status.REPLACED : Status.UNCHANGED;
            } else if (receiving) {
                status = Status.KEPT;
                note = writeFailure;
            } else {
                status = !rejected.isEmpty()
                        ? Status.KEPT
                        : boundaryChanged ? Status.BOUNDARY_CHANGED : Status.UNCHANGED;
                if (boundaryChanged) {
                    regenerate(code);
                }
                if (!rejected.isEmpty()) {
                    auditImport(
                            "Kelurahan",
                            code,
                            kabkotaOf(code),
                            AuditLog.Outcome.REJECTED,
                            source + ": features " + rejected + " rejected, current RWs " + "kept",
                            null,
                            null);
                }
            }
            boolean replaced = receiving && changed != null;
            return new KelurahanResult(
                    code,
                    kelurahanName(code),
                    status,
                    rwCount(code),
                    area[0],
                    area[1],
                    replaced ? area[2] : 0,
                    replaced ? (int) area[3] : 0,
                    gained.getOrDefault(code, List.of()),
                    lost.getOrDefault(code, List.of()),
                    rejected,
                    note,
                    written);
        }

        private JdbcClient.StatementSpec sqlWithAreas(String file) {
            return jdbc.sql(Sql.load("sql/region/" + file))
                    .param("srid", srid)
                    .param("min_area_m2", options.minAreaSquareMeters());
        }

        private Map<Integer, Where> where() {
            Map<Integer, Where> where = new HashMap<>();
            Map<Integer, List<Share>> shares = new HashMap<>();
            Map<Integer, Double> areas = new HashMap<>();
            jdbc.sql(Sql.load("sql/region/rw-layer-overlaps.sql"))
                    .param("srid", srid)
                    .query((rs, n) -> {
                        int number = rs.getInt("feature_no");
                        areas.put(number, rs.getDouble("area_m2"));
                        List<Share> list = shares.computeIfAbsent(number, k -> new ArrayList<>());
                        String code = rs.getString("kelurahan_code");
                        if (code != null && rs.getDouble("overlap_m2") > 0) {
                            list.add(new Share(code, rs.getDouble("overlap_m2")));
                        }
                        return null;
                    })
                    .list();
            areas.forEach((number, area) -> {
                Readable r = readable.get(number);
                where.put(number, new Where(area, shares.get(number), r.valid(), r.reason()));
            });
            return where;
        }

        /** The kelurahan of every kab/kota the layer overlaps, and any other its code attributes name. */
        private List<Kelurahan> kelurahanCatalogue(Map<Integer, Where> where) {
            Set<String> kabkota = new TreeSet<>();
            where.values()
                    .forEach(w -> w.shares().forEach(s -> kabkota.add(s.code().substring(0, 5))));
            return jdbc.sql(Sql.load("sql/region/rw-layer-kelurahan-catalogue.sql"))
                    .param("srid", srid)
                    .param("kabkota", kabkota.toArray(String[]::new))
                    .param("named", RwLayerAssigner.attributeCodes(features).toArray(String[]::new))
                    .query((rs, n) ->
                            new Kelurahan(rs.getString("code"), rs.getString("name"), rs.getDouble("area_m2")))
                    .list();
        }

        private void reportProtected(String[] importing, Map<Integer, Placement> placed) {
            sqlWithAreas("rw-layer-protected.sql")
                    .param("importing", importing)
                    .query((rs, n) -> {
                        Placement p = placed.get(rs.getInt("feature_no"));
                        double area = rs.getDouble("overlap_m2");
                        if (area >= REPORTED_OVERLAP_SQUARE_METERS) {
                            issues.add(geometryIssue(
                                    p.feature().number(),
                                    p,
                                    Severity.NOTE,
                                    "%s m² lie in %s, which keeps real RWs of its own and is not "
                                            + "in this layer: left to it",
                                    RwImportReport.area(area),
                                    assigner.name(rs.getString("code"))));
                        }
                        return null;
                    })
                    .list();
        }

        private void reportOverlaps(Map<Integer, Placement> placed) {
            sqlWithAreas("rw-layer-overlaps-between.sql")
                    .query((rs, n) -> {
                        double overlap = rs.getDouble("overlap_m2");
                        if (overlap >= REPORTED_OVERLAP_SQUARE_METERS) {
                            Placement p = placed.get(rs.getInt("feature_no"));
                            Placement earlier = placed.get(rs.getInt("earlier_no"));
                            issues.add(geometryIssue(
                                    p.feature().number(),
                                    p,
                                    Severity.NOTE,
                                    "overlaps feature #%d (%s) by %s m² (%.1f%% of this RW): the "
                                            + "overlap stays with #%d, earlier in the file",
                                    earlier.feature().number(),
                                    earlier.rwCode(),
                                    RwImportReport.area(overlap),
                                    100 * overlap / rs.getDouble("area_m2"),
                                    earlier.feature().number()));
                        }
                        return null;
                    })
                    .list();
        }

        /** Accepted features left with no part of at least the minimum area are dropped. */
        private void dropEmptyShapes(Map<Integer, Placement> placed) {
            List<Integer> empty = jdbc.sql(
                            "SELECT feature_no FROM rw_layer WHERE accepted AND shape IS NULL " + "ORDER BY feature_no")
                    .query(Integer.class)
                    .list();
            for (int number : empty) {
                Placement p = placed.get(number);
                issues.add(geometryIssue(
                        number,
                        p,
                        Severity.DROPPED,
                        "nothing of at least %s m² is left once %s (slivers, --min-area-m2)",
                        RwImportReport.area(options.minAreaSquareMeters()),
                        options.mode() == Mode.CLIP
                                ? "cut to its kelurahan and to the RWs earlier in the file"
                                : "cut to the RWs earlier in the file and to kelurahan keeping real RWs"));
                placed.put(number, new Placement(p.feature(), p.kelurahanCode(), Fate.DROPPED));
            }
            jdbc.sql("UPDATE rw_layer SET accepted = false WHERE accepted AND shape IS NULL")
                    .update();
        }

        private void adoptedBoundaries(
                Map<String, List<AreaMove>> gained, Map<String, List<AreaMove>> lost, Set<String> neighbours) {
            List<String> emptied = jdbc.sql(Sql.load("sql/region/rw-layer-emptied-kelurahan.sql"))
                    .query(String.class)
                    .list();
            if (!emptied.isEmpty()) {
                throw new ImportFailure("ADOPT would leave kelurahan "
                        + emptied.stream().map(assigner::name).toList()
                        + " without any area (the layer's RWs cover all of it); import those kelurahan's own RWs too, "
                        + "or use --mode clip");
            }
            neighbours.addAll(jdbc.sql("SELECT code FROM rw_layer_kelurahan WHERE NOT importing ORDER BY code")
                    .query(String.class)
                    .list());
            sqlWithAreas("rw-layer-moves.sql")
                    .query((rs, n) -> {
                        double area = rs.getDouble("area_m2");
                        if (area >= BOUNDARY_NOISE_SQUARE_METERS) {
                            String from = rs.getString("from_code");
                            String to = rs.getString("to_code");
                            gained.computeIfAbsent(to, k -> new ArrayList<>())
                                    .add(new AreaMove(from, from == null ? null : kelurahanName(from), area));
                            if (from != null) {
                                lost.computeIfAbsent(from, k -> new ArrayList<>())
                                        .add(new AreaMove(to, kelurahanName(to), area));
                            }
                        }
                        return null;
                    })
                    .list();
            Comparator<AreaMove> byArea =
                    Comparator.comparingDouble(AreaMove::areaSquareMeters).reversed();
            gained.values().forEach(list -> list.sort(byArea));
            lost.values().forEach(list -> list.sort(byArea));
        }

        /** ADOPT: writes the changed kelurahan boundaries and their kecamatan and kota; returns the kelurahan. */
        private Set<String> writeBoundaries() {
            Set<String> changed = new TreeSet<>(sqlWithAreas("rw-layer-adopt-write.sql")
                    .param("noise_m2", BOUNDARY_NOISE_SQUARE_METERS)
                    .param(
                            "importing_source",
                            "Adopted from RW layer " + source + " (union of its RWs, with the "
                                    + "former boundary's area no RW of the layer covers)")
                    .param("neighbour_suffix", "; less the area neighbours adopted from RW layer " + source)
                    .query(String.class)
                    .list());
            if (!changed.isEmpty()) {
                jdbc.sql(Sql.load("sql/region/region-parents-from-kelurahan.sql"))
                        .param("changed", changed.toArray(String[]::new))
                        .query(String.class)
                        .list();
            }
            List<String> realCut = jdbc.sql(Sql.load("sql/region/rw-layer-real-rws-cut.sql"))
                    .param("changed", changed.toArray(String[]::new))
                    .query(String.class)
                    .list();
            if (!realCut.isEmpty()) {
                throw new ImportFailure("ADOPT would cut kelurahan "
                        + realCut.stream().map(assigner::name).toList() + ", whose real RWs are not in this layer");
            }
            return changed;
        }

        private Map<Integer, Double> shapeAreas() {
            Map<Integer, Double> areas = new HashMap<>();
            jdbc.sql("SELECT feature_no, ST_Area(ST_Transform(shape, :srid)) AS area_m2 FROM rw_layer WHERE accepted")
                    .param("srid", srid)
                    .query((rs, n) -> areas.put(rs.getInt(1), rs.getDouble(2)))
                    .list();
            return areas;
        }

        /** Per kelurahan: area before, area after, area no RW covers, its pieces of at least the minimum area. */
        private Map<String, double[]> areas(Set<String> codes) {
            Map<String, double[]> areas = new HashMap<>();
            sqlWithAreas("rw-layer-uncovered.sql")
                    .param("codes", codes.toArray(String[]::new))
                    .query((rs, n) -> areas.put(rs.getString("code"), new double[] {
                        rs.getDouble("area_before_m2"),
                        rs.getDouble("area_m2"),
                        rs.getDouble("uncovered_m2"),
                        rs.getInt("pieces")
                    }))
                    .list();
            return areas;
        }

        private String writeFailure;

        /**
         * CLIP: writes one kelurahan's RWs under a savepoint, so that a kelurahan whose RWs cannot be replaced (an RW
         * to delete is still named by a stored target selection or outreach plan) keeps its RWs while the others are
         * written; returns null then, with the reason in {@link #writeFailure}. ADOPT: boundaries and RWs stand or fall
         * together, so any failure stops the whole import.
         */
        private Integer write(String code, Map<Integer, Placement> placed, Map<Integer, Double> shapeAreas) {
            if (options.mode() == Mode.ADOPT) {
                try {
                    return writeRws(code, placed, shapeAreas);
                } catch (DataIntegrityViolationException e) {
                    throw new ImportFailure(
                            "the RWs of " + assigner.name(code) + " cannot be replaced: " + rootMessage(e));
                }
            }
            TransactionTemplate savepoint = new TransactionTemplate(transactions.getTransactionManager());
            savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            try {
                return savepoint.execute(status -> writeRws(code, placed, shapeAreas));
            } catch (DataIntegrityViolationException e) {
                writeFailure = "its RWs cannot be replaced: " + rootMessage(e) + " " + detail(e);
                return null;
            }
        }

        /** Writes the RWs of one kelurahan from the accepted shapes; returns the rows changed. */
        private int writeRws(String code, Map<Integer, Placement> placed, Map<Integer, Double> shapeAreas) {
            List<Placement> rws = placed.values().stream()
                    .filter(p -> code.equals(p.kelurahanCode()) && p.fate() == Fate.ACCEPTED)
                    .toList();
            long kelurahanPopulation = jdbc.sql("SELECT COALESCE(population, 0) FROM regions WHERE code = :c")
                    .param("c", code)
                    .query(Long.class)
                    .single();
            long given = rws.stream()
                    .map(p -> p.feature().population())
                    .filter(java.util.Objects::nonNull)
                    .mapToLong(Long::longValue)
                    .sum();
            double[] weights = new double[rws.size()];
            for (int i = 0; i < rws.size(); i++) {
                if (rws.get(i).feature().population() == null) {
                    weights[i] = shapeAreas.get(rws.get(i).feature().number());
                }
            }
            long[] apportioned = Apportionment.largestRemainder(Math.max(0, kelurahanPopulation - given), weights);
            List<RwWriter.RwRow> rows = new ArrayList<>();
            for (int i = 0; i < rws.size(); i++) {
                RwLayerFeature f = rws.get(i).feature();
                boolean hasPopulation = f.population() != null;
                rows.add(new RwWriter.RwRow(
                        rws.get(i).rwCode(),
                        f.name() != null ? f.name() : String.format(Locale.ROOT, "RW %03d", f.rwNumber()),
                        f.number(),
                        "(SELECT shape FROM rw_layer WHERE feature_no = :shape)",
                        "Imported RW layer " + source
                                + (options.mode() == Mode.CLIP
                                        ? " (clipped to the kelurahan)"
                                        : " (kelurahan boundary adopted from the layer)"),
                        hasPopulation ? f.population() : apportioned[i],
                        null,
                        hasPopulation
                                ? "Imported RW layer " + source
                                : "Kelurahan population apportioned to RWs by area",
                        false));
            }
            rows.sort(Comparator.comparing(RwWriter.RwRow::code));
            String before = rwSummary(code);
            int changed = rwWriter.replace(code, rows);
            auditImport(
                    "Kelurahan",
                    code,
                    kabkotaOf(code),
                    AuditLog.Outcome.DONE,
                    source + ": " + rows.size() + " RWs" + (changed == 0 ? ", unchanged" : ""),
                    before,
                    rwSummary(code));
            return changed;
        }

        private void regenerate(String code) {
            if (rwCount(code) == 0
                    || jdbc.sql("SELECT bool_and(synthetic) FROM regions WHERE parent_code = :c " + "AND level = 'RW'")
                            .param("c", code)
                            .query(Boolean.class)
                            .single()) {
                referenceData.regenerateSyntheticRws(code);
            }
        }

        private int rwCount(String code) {
            return jdbc.sql("SELECT count(*) FROM regions WHERE parent_code = :c AND level = 'RW'")
                    .param("c", code)
                    .query(Integer.class)
                    .single();
        }

        private String kelurahanName(String code) {
            return jdbc.sql("SELECT name FROM regions WHERE code = :c")
                    .param("c", code)
                    .query(String.class)
                    .optional()
                    .orElse(code);
        }

        private List<String> stillSynthetic(Set<String> reported) {
            Set<String> kabkota = new TreeSet<>();
            reported.forEach(code -> kabkota.add(kabkotaOf(code)));
            return jdbc.sql(Sql.load("sql/region/kelurahan-still-synthetic.sql"))
                    .param("kabkota", kabkota.toArray(String[]::new))
                    .query(String.class)
                    .list();
        }

        /** An issue with the geometry of feature {@code number}, its reason formatted (in {@code Locale.ROOT}). */
        private FeatureIssue geometryIssue(
                int number, Placement p, Severity severity, String reasonFormat, Object... args) {
            return new FeatureIssue(
                    number, label(p), severity, "geometry", String.format(Locale.ROOT, reasonFormat, args));
        }

        private String label(Placement p) {
            return RwLayerAssigner.label(p.feature(), p.kelurahanCode());
        }
    }

    private String rwSummary(String kelurahanCode) {
        return jdbc.sql(Sql.load("sql/region/rw-summary.sql"))
                .param("c", kelurahanCode)
                .query((rs, n) -> rs.getString(1))
                .list()
                .get(0);
    }

    private static String kabkotaOf(String kelurahanCode) {
        return RegionCode.parse(kelurahanCode).kabkotaCode().orElseThrow();
    }

    /** PostgreSQL's "Detail:" line (which key is still referenced), or "". */
    private static String detail(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? ""
                : root.getMessage()
                        .lines()
                        .filter(l -> l.strip().startsWith("Detail:"))
                        .map(l -> "(" + l.strip().substring("Detail:".length()).strip() + ")")
                        .findFirst()
                        .orElse("");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).replaceFirst("^ERROR: ", "");
    }

    /** Stops the import and rolls everything back. */
    private static final class ImportFailure extends RuntimeException {
        ImportFailure(String message) {
            super(message);
        }
    }
}
