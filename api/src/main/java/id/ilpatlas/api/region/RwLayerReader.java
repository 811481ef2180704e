package id.ilpatlas.api.region;

import static id.ilpatlas.api.geojson.GeoJsonFeatureReader.text;

import id.ilpatlas.api.geojson.GeoJsonFeatureReader;
import id.ilpatlas.geo.rw.RwNumber;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an RW layer (GeoJSON FeatureCollection, EPSG:4326, streamed by {@link GeoJsonFeatureReader}) into
 * {@link RwLayerFeature}s: the RW number normalised
 * ({@link RwNumber}), the kelurahan attribute as written, population, name and geometry. Property names are matched
 * without regard to case. Nothing here looks at the database; problems are collected per feature, not thrown.
 *
 * <p>Properties read (the first one present wins):
 * <ul>
 *   <li>RW number: {@code rw}, {@code no_rw}, {@code nomor_rw}, {@code nama_rw}; else an RW named in {@code name},
 *       {@code nama} or {@code nmsls} ({@code "RT 001 RW 004"})</li>
 *   <li>kelurahan code: {@code kode_kelurahan}, {@code kode_desa}, {@code kode_kel}, {@code kode_wilayah}</li>
 *   <li>kelurahan name (when no code): {@code kelurahan}, {@code nama_kelurahan}, {@code desa}, {@code nama_desa},
 *       {@code nmdesa}</li>
 *   <li>population: {@code population}, {@code penduduk}, {@code jumlah_penduduk}; name: {@code name}, {@code nama}</li>
 * </ul>
 */
final class RwLayerReader {

    static final List<String> RW_FIELDS = List.of("rw", "no_rw", "nomor_rw", "nama_rw");
    static final List<String> RW_LABEL_FIELDS = List.of("name", "nama", "nmsls");
    static final List<String> KELURAHAN_CODE_FIELDS =
            List.of("kode_kelurahan", "kode_desa", "kode_kel", "kode_wilayah");
    static final List<String> KELURAHAN_NAME_FIELDS =
            List.of("kelurahan", "nama_kelurahan", "desa", "nama_desa", "nmdesa");
    static final List<String> POPULATION_FIELDS = List.of("population", "penduduk", "jumlah_penduduk");
    static final List<String> NAME_FIELDS = List.of("name", "nama");

    /** A problem with one property of a feature. */
    record FieldProblem(String field, String reason) {}

    /**
     * One feature as written in the file.
     *
     * @param number          1-based position in {@code features}
     * @param rwNumber        the normalised RW number, null when none could be read
     * @param rwText          what the file says, for messages ({@code "RW 04"})
     * @param kelurahanField  the property naming the feature's own kelurahan, null when it has none
     * @param kelurahanText   its value
     * @param geometryJson    the GeoJSON geometry, null when missing or not a (Multi)Polygon
     * @param problems        field problems found while reading (the feature is rejected unless it is a sliver)
     */
    record RwLayerFeature(
            int number,
            Integer rwNumber,
            String rwText,
            String name,
            Long population,
            String kelurahanField,
            String kelurahanText,
            String geometryJson,
            List<FieldProblem> problems) {}

    /** The layer, or why it cannot be read at all. */
    record RwLayer(List<RwLayerFeature> features, String error) {}

    private final GeoJsonFeatureReader reader;

    RwLayerReader(JsonMapper jsonMapper) {
        this.reader = new GeoJsonFeatureReader(jsonMapper);
    }

    RwLayer read(InputStream in, String sourceName) {
        List<RwLayerFeature> features = new ArrayList<>();
        String error = reader.read(in, (number, feature) -> features.add(feature(number, feature)));
        if (error != null) {
            return new RwLayer(List.of(), sourceName + ": " + error);
        }
        return new RwLayer(features, null);
    }

    private static RwLayerFeature feature(int number, JsonNode feature) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!GeoJsonFeatureReader.isFeature(feature)) {
            problems.add(new FieldProblem("type", "not a GeoJSON Feature"));
            return new RwLayerFeature(number, null, null, null, null, null, null, null, problems);
        }
        Map<String, JsonNode> properties = new TreeMap<>();
        feature.path("properties")
                .properties()
                .forEach(e -> properties.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));

        Integer rw = null;
        String rwText = null;
        String rwField = first(properties, RW_FIELDS);
        if (rwField != null) {
            rwText = text(properties.get(rwField));
            OptionalInt parsed = RwNumber.parse(rwText);
            if (parsed.isPresent()) {
                rw = parsed.getAsInt();
            } else {
                problems.add(new FieldProblem(
                        rwField,
                        "expected an RW number 1-999 (4, \"004\", \"RW 04\", " + "\"RW 004\"), was '" + rwText + "'"));
            }
        } else {
            String labelField = first(properties, RW_LABEL_FIELDS);
            rwText = labelField == null ? null : text(properties.get(labelField));
            OptionalInt parsed = RwNumber.parse(rwText);
            if (parsed.isPresent()) {
                rw = parsed.getAsInt();
            } else {
                problems.add(new FieldProblem(
                        "rw",
                        "missing: expected an RW number 1-999 in 'rw' (or an RW named in " + "'name', e.g. \"RW 04\")"
                                + (rwText == null ? "" : ", '" + labelField + "' is '" + rwText + "'")));
            }
        }

        String kelurahanField = first(properties, KELURAHAN_CODE_FIELDS);
        if (kelurahanField == null) {
            kelurahanField = first(properties, KELURAHAN_NAME_FIELDS);
        }
        String kelurahanText = kelurahanField == null ? null : text(properties.get(kelurahanField));

        Long population = null;
        String populationField = first(properties, POPULATION_FIELDS);
        if (populationField != null) {
            JsonNode value = properties.get(populationField);
            if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
                population = value.asLong();
            } else {
                problems.add(new FieldProblem(populationField, "expected a non-negative whole number, was " + value));
            }
        }

        String nameField = first(properties, NAME_FIELDS);
        String name = nameField == null ? null : text(properties.get(nameField));

        JsonNode geometry = feature.get("geometry");
        String geometryType = GeoJsonFeatureReader.geometryType(feature);
        String geometryJson = null;
        if ("Polygon".equals(geometryType) || "MultiPolygon".equals(geometryType)) {
            geometryJson = geometry.toString();
        } else {
            problems.add(new FieldProblem(
                    "geometry",
                    "expected a Polygon or MultiPolygon, was " + (geometryType == null ? "missing" : geometryType)));
        }
        return new RwLayerFeature(
                number,
                rw,
                rwText,
                name == null || name.isBlank() ? null : name.strip(),
                population,
                kelurahanField,
                kelurahanText == null || kelurahanText.isBlank() ? null : kelurahanText.strip(),
                geometryJson,
                problems);
    }

    /** The first of {@code names} present with a non-null value. */
    private static String first(Map<String, JsonNode> properties, List<String> names) {
        for (String name : names) {
            JsonNode value = properties.get(name);
            if (value != null
                    && !value.isNull()
                    && !(value.isString() && value.asString().isBlank())) {
                return name;
            }
        }
        return null;
    }
}
