package id.ilpatlas.api.reference;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import id.ilpatlas.geo.rw.Apportionment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a real RW layer (GeoJSON FeatureCollection, EPSG:4326) that replaces the RWs of every kelurahan it covers.
 *
 * <p>Each feature needs {@code kode_kelurahan} (dotted or undotted) and {@code rw} (1–999, {@code 3}, {@code "003"}
 * or {@code "RW 003"}); {@code population} (or {@code penduduk}) and {@code name} are optional. A kelurahan is
 * replaced as a whole, in its own transaction, only when every one of its features is valid, so a partly bad
 * layer never leaves a kelurahan half covered; the others are kept and reported. Geometries are clipped to the
 * kelurahan (at most 1% of an RW's area may lie outside it). The part of the kelurahan population that the file's
 * {@code population} values leave unassigned is apportioned by area to the RWs without one. Re-running the same
 * file gives the same result.
 */
@Service
public class RwImporter {

    /** Share of an RW's area that may lie outside its kelurahan (digitising slack); it is cut off. */
    static final double MAX_OUTSIDE_SHARE = 0.01;
    /** Share of the smaller RW's area two RWs may overlap before the file is refused. */
    static final double MAX_OVERLAP_SHARE = 0.01;

    private static final Pattern RW_NUMBER = Pattern.compile("^(?:RW)?\\s*0*([0-9]{1,3})$", Pattern.CASE_INSENSITIVE);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper jsonMapper;
    private final RwWriter rwWriter;
    private final AuditLog audit;

    RwImporter(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper jsonMapper, RwWriter rwWriter,
               AuditLog audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jsonMapper = jsonMapper;
        this.rwWriter = rwWriter;
        this.audit = audit;
    }

    private static String kabkotaOf(String kelurahanCode) {
        return RegionCode.parse(kelurahanCode).kabkotaCode().orElseThrow();
    }

    /** The audit actor of a command-line import: the OS user who ran it. */
    static String cliActor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    private String rwSummary(String kelurahanCode) {
        return jdbc.sql("""
                        SELECT jsonb_agg(jsonb_build_object('code', code, 'population', population,
                                   'synthetic', synthetic, 'area_m2', round(ST_Area(geom::geography)::numeric))
                                   ORDER BY code)::text
                          FROM regions WHERE parent_code = :c AND level = 'RW'""")
                .param("c", kelurahanCode).query((rs, n) -> rs.getString(1)).list().get(0);
    }

    public RwImportReport importFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return importGeoJson(in, file.getFileName().toString());
        } catch (IOException e) {
            return new RwImportReport(List.of(), List.of(), List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    public RwImportReport importGeoJson(InputStream in, String sourceName) {
        JsonNode root;
        try {
            root = jsonMapper.readTree(in);
        } catch (JacksonException e) {
            return failed(sourceName + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !"FeatureCollection".equals(text(root.get("type"))) || !root.path("features").isArray()) {
            return failed(sourceName + ": expected a GeoJSON FeatureCollection with a \"features\" array");
        }
        List<String> errors = new ArrayList<>();
        Map<String, List<RwFeature>> byKelurahan = new LinkedHashMap<>();
        Set<String> rejectedKelurahan = new HashSet<>();
        int index = 0;
        for (JsonNode feature : root.get("features")) {
            index++;
            String where = "feature #" + index;
            try {
                RwFeature rw = parse(feature, index);
                where = rw.label();
                validateGeometry(rw);
                byKelurahan.computeIfAbsent(rw.kelurahanCode(), k -> new ArrayList<>()).add(rw);
            } catch (RejectedFeature e) {
                errors.add(where + ": " + e.getMessage());
                if (e.kelurahanCode != null) {
                    rejectedKelurahan.add(e.kelurahanCode);
                }
            }
        }
        checkDuplicatesAndOverlaps(byKelurahan, errors, rejectedKelurahan);

        List<String> replaced = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, List<RwFeature>> entry : byKelurahan.entrySet()) {
            if (rejectedKelurahan.contains(entry.getKey())) {
                skipped.add(entry.getKey() + ": kept its current RWs because some of its features were rejected");
                continue;
            }
            replaceKelurahan(entry.getKey(), entry.getValue(), sourceName);
            replaced.add(entry.getKey() + ": " + entry.getValue().size() + " RWs");
        }
        for (String code : rejectedKelurahan) {
            if (!byKelurahan.containsKey(code)) {
                skipped.add(code + ": kept its current RWs because some of its features were rejected");
            }
            audit.record(cliActor(), "SYSTEM", List.of(), "importRw", "Kelurahan", code, kabkotaOf(code),
                    AuditLog.Outcome.REJECTED, sourceName + ": " + errors.stream().filter(e -> e.contains(code))
                            .count() + " rejected features", null, null);
        }
        return new RwImportReport(replaced, skipped, errors);
    }

    private RwFeature parse(JsonNode feature, int index) {
        if (feature == null || !feature.isObject() || !"Feature".equals(text(feature.get("type")))) {
            throw new RejectedFeature(null, "not a GeoJSON Feature");
        }
        JsonNode properties = feature.path("properties");
        String rawCode = text(properties.get("kode_kelurahan"));
        if (rawCode == null || rawCode.isBlank()) {
            throw new RejectedFeature(null, "field 'kode_kelurahan' is missing (the kelurahan's kode wilayah, "
                    + "e.g. 33.75.01.1002)");
        }
        RegionCode kelurahan;
        try {
            kelurahan = RegionCode.parse(rawCode);
        } catch (InvalidRegionCodeException e) {
            throw new RejectedFeature(null, "field 'kode_kelurahan': " + e.getMessage());
        }
        if (kelurahan.level() != RegionLevel.KELURAHAN) {
            throw new RejectedFeature(null, "field 'kode_kelurahan': " + kelurahan + " is a " + kelurahan.level()
                    + " code, not a kelurahan/desa code (PP.KK.CC.DDDD)");
        }
        String code = kelurahan.dotted();
        Integer known = jdbc.sql("SELECT count(*) FROM regions WHERE code = :c AND level = 'KELURAHAN'")
                .param("c", code).query(Integer.class).single();
        if (known == 0) {
            throw new RejectedFeature(null, "field 'kode_kelurahan': unknown kelurahan " + code
                    + " (load its boundary first)");
        }
        String rawRw = text(properties.get("rw"));
        Matcher matcher = rawRw == null ? null : RW_NUMBER.matcher(rawRw.trim());
        if (matcher == null || !matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
            throw new RejectedFeature(code, "field 'rw': expected an RW number 1-999 (3, \"003\" or \"RW 003\"), was "
                    + (rawRw == null ? "missing" : "'" + rawRw + "'"));
        }
        int number = Integer.parseInt(matcher.group(1));
        Long population = null;
        JsonNode populationNode = properties.has("population") ? properties.get("population") : properties.get("penduduk");
        if (populationNode != null && !populationNode.isNull()) {
            if (!populationNode.canConvertToLong() || !populationNode.isIntegralNumber() || populationNode.asLong() < 0) {
                throw new RejectedFeature(code, "field 'population': expected a non-negative whole number, was "
                        + populationNode);
            }
            population = populationNode.asLong();
        }
        JsonNode geometry = feature.get("geometry");
        String geometryType = geometry == null ? null : text(geometry.get("type"));
        if (!"Polygon".equals(geometryType) && !"MultiPolygon".equals(geometryType)) {
            throw new RejectedFeature(code, "geometry: expected a Polygon or MultiPolygon, was "
                    + (geometryType == null ? "missing" : geometryType));
        }
        String name = text(properties.get("name"));
        return new RwFeature(index, code, number, population, name, geometry.toString());
    }

    private void validateGeometry(RwFeature rw) {
        Map<String, Object> check;
        try {
            check = jdbc.sql("""
                            WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom),
                                 k AS (SELECT geom FROM regions WHERE code = :kel)
                            SELECT ST_IsValid(g.geom) AS valid,
                                   ST_IsValidReason(g.geom) AS reason,
                                   ST_Area(g.geom::geography) AS area,
                                   CASE WHEN ST_IsValid(g.geom)
                                        THEN ST_Area(ST_Difference(g.geom, k.geom)::geography) END AS outside
                              FROM g, k""")
                    .param("geojson", rw.geojson()).param("kel", rw.kelurahanCode())
                    .query().singleRow();
        } catch (RuntimeException e) {
            throw new RejectedFeature(rw.kelurahanCode(), "geometry: PostGIS cannot read it ("
                    + rootMessage(e) + ")");
        }
        if (!Boolean.TRUE.equals(check.get("valid"))) {
            throw new RejectedFeature(rw.kelurahanCode(), "geometry: invalid polygon (" + check.get("reason") + ")");
        }
        double area = ((Number) check.get("area")).doubleValue();
        double outside = ((Number) check.get("outside")).doubleValue();
        if (area <= 0) {
            throw new RejectedFeature(rw.kelurahanCode(), "geometry: has no area");
        }
        if (outside / area > MAX_OUTSIDE_SHARE) {
            throw new RejectedFeature(rw.kelurahanCode(), String.format(Locale.ROOT,
                    "geometry: %.1f%% of the RW lies outside kelurahan %s (at most %.0f%% is tolerated)",
                    100 * outside / area, rw.kelurahanCode(), 100 * MAX_OUTSIDE_SHARE));
        }
    }

    private void checkDuplicatesAndOverlaps(Map<String, List<RwFeature>> byKelurahan, List<String> errors,
                                            Set<String> rejected) {
        for (Map.Entry<String, List<RwFeature>> entry : byKelurahan.entrySet()) {
            List<RwFeature> rws = entry.getValue();
            Map<Integer, RwFeature> seen = new HashMap<>();
            for (RwFeature rw : rws) {
                RwFeature previous = seen.putIfAbsent(rw.number(), rw);
                if (previous != null) {
                    errors.add(rw.label() + ": field 'rw': RW " + rw.number() + " already given by feature #"
                            + previous.index());
                    rejected.add(entry.getKey());
                }
            }
            for (int i = 0; i < rws.size(); i++) {
                for (int j = i + 1; j < rws.size(); j++) {
                    Double share = jdbc.sql("""
                                    WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:a), 4326) AS g),
                                         b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:b), 4326) AS g)
                                    SELECT CASE WHEN ST_Intersects(a.g, b.g)
                                                THEN ST_Area(ST_Intersection(a.g, b.g)) / LEAST(ST_Area(a.g), ST_Area(b.g))
                                                ELSE 0 END
                                      FROM a, b""")
                            .param("a", rws.get(i).geojson()).param("b", rws.get(j).geojson())
                            .query(Double.class).single();
                    if (share > MAX_OVERLAP_SHARE) {
                        errors.add(String.format(Locale.ROOT, "%s: geometry: overlaps feature #%d (RW %03d) by %.1f%%",
                                rws.get(j).label(), rws.get(i).index(), rws.get(i).number(), 100 * share));
                        rejected.add(entry.getKey());
                    }
                }
            }
        }
    }

    private void replaceKelurahan(String kelurahanCode, List<RwFeature> rws, String sourceName) {
        transactions.executeWithoutResult(status -> {
            long kelurahanPopulation = jdbc.sql("SELECT COALESCE(population, 0) FROM regions WHERE code = :c")
                    .param("c", kelurahanCode).query(Long.class).single();
            long[] apportioned = apportionByArea(kelurahanCode, rws, kelurahanPopulation);
            List<RwWriter.RwRow> rows = new ArrayList<>();
            for (int i = 0; i < rws.size(); i++) {
                RwFeature rw = rws.get(i);
                boolean given = rw.population() != null;
                rows.add(new RwWriter.RwRow(
                        RegionCode.rw(RegionCode.parse(kelurahanCode), rw.number()).dotted(),
                        rw.name() != null && !rw.name().isBlank() ? rw.name()
                                : String.format(Locale.ROOT, "RW %03d", rw.number()),
                        rw.geojson(),
                        "(SELECT ST_CollectionExtract(ST_MakeValid(ST_Intersection("
                                + "ST_SetSRID(ST_GeomFromGeoJSON(:shape), 4326), k.geom)), 3)"
                                + " FROM regions k WHERE k.code = left(:code, 13))",
                        "Imported RW layer " + sourceName + " (clipped to the kelurahan)",
                        given ? rw.population() : apportioned[i], null,
                        given ? "Imported RW layer " + sourceName : "Kelurahan population apportioned to RWs by area",
                        false));
            }
            String before = rwSummary(kelurahanCode);
            rwWriter.replace(kelurahanCode, rows);
            audit.record(cliActor(), "SYSTEM", List.of(), "importRw", "Kelurahan", kelurahanCode,
                    kabkotaOf(kelurahanCode), AuditLog.Outcome.DONE, sourceName + ": " + rows.size() + " RWs",
                    before, rwSummary(kelurahanCode));
        });
    }

    /**
     * Populations for RWs whose feature gave none: what the given populations leave of the kelurahan population,
     * apportioned by area among them (largest remainder, so the RWs sum to the kelurahan when none were given).
     */
    private long[] apportionByArea(String kelurahanCode, List<RwFeature> rws, long population) {
        long given = rws.stream().filter(rw -> rw.population() != null).mapToLong(RwFeature::population).sum();
        double[] areas = new double[rws.size()];
        for (int i = 0; i < rws.size(); i++) {
            if (rws.get(i).population() != null) {
                continue;
            }
            areas[i] = jdbc.sql("""
                            SELECT ST_Area(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326), geom)::geography)
                              FROM regions WHERE code = :c""")
                    .param("g", rws.get(i).geojson()).param("c", kelurahanCode)
                    .query(Double.class).single();
        }
        if (rws.stream().allMatch(rw -> rw.population() != null)) {
            return new long[rws.size()];
        }
        return Apportionment.largestRemainder(Math.max(0, population - given), areas);
    }

    private static RwImportReport failed(String error) {
        return new RwImportReport(List.of(), List.of(), List.of(error));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).replaceFirst("^ERROR: ", "");
    }

    private record RwFeature(int index, String kelurahanCode, int number, Long population, String name,
                             String geojson) {
        String label() {
            return String.format(Locale.ROOT, "feature #%d (%s RW %03d)", index, kelurahanCode, number);
        }
    }

    private static final class RejectedFeature extends RuntimeException {
        private final String kelurahanCode;

        RejectedFeature(String kelurahanCode, String message) {
            super(message);
            this.kelurahanCode = kelurahanCode;
        }
    }
}
