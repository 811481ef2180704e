package id.ilpatlas.api.road;

import static id.ilpatlas.api.geojson.GeoJsonFeatureReader.geometryType;
import static id.ilpatlas.api.geojson.GeoJsonFeatureReader.text;

import id.ilpatlas.api.geojson.GeoJsonFeatureReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a road line layer from a GeoJSON FeatureCollection of LineStrings and MultiLineStrings in EPSG:4326, feature by
 * feature (the file is streamed by {@link GeoJsonFeatureReader}, never held whole).
 *
 * <p>Two kinds of properties are understood:
 * <ul>
 *   <li><b>OpenStreetMap</b> (overpass turbo / osmtogeojson, the HOT Export Tool, ogr2ogr of an extract): a feature
 *       whose properties carry a {@code highway} tag, directly or under a {@code tags} object. Class, direction and
 *       bridges/tunnels as {@link OsmTags} says; a way tagged {@code oneway=-1} is turned round. Nodes (Points) and
 *       areas (Polygons) in such a file are skipped, not rejected: overpass exports carry tagged nodes such as traffic
 *       signals.</li>
 *   <li><b>RTRW / RBI layers</b> (the Indonesian spatial-plan road layers): the class from the functional words
 *       ({@code FUNGSI_JAL}, {@code NAMOBJ}: "Arteri …", "Kolektor …"), else from the status ({@code KLS_JALAN}:
 *       Jalan Nasional …); railways and shipping lanes are skipped; a layer with {@code NAMOBJ} keeps only the objects
 *       named "Jalan …"; {@code STSJRN = 3} is taken as a planned road and skipped (on the Pekalongan 2018 layer, 7 % of
 *       the STSJRN 3 roads' length lies on a road of the 2017 layer, against 86 % for STSJRN 2 and 89 % for 1).
 *       Two-way, no grade separation.</li>
 * </ul>
 * A feature that is not a line, or has no two distinct valid positions, is rejected with its number.
 */
final class GeoJsonRoadReader {

    /** Larger GeoJSON files are refused before reading: a kab/kota's roads are a few megabytes. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private final GeoJsonFeatureReader features;

    GeoJsonRoadReader(JsonMapper jsonMapper) {
        this.features = new GeoJsonFeatureReader(jsonMapper);
    }

    RoadLayer read(InputStream in, String sourceName) {
        Reading reading = new Reading();
        String error = features.read(in, (number, feature) -> reading.feature(feature));
        if (error != null) {
            return RoadLayer.failed(sourceName, "GeoJSON", error);
        }
        String format = reading.osmFeatures > 0 ? "OSM GeoJSON" : "GeoJSON";
        return new RoadLayer(
                sourceName,
                format,
                false,
                reading.featuresRead,
                reading.lines,
                List.copyOf(reading.rejected),
                reading.skips.lines(),
                reading.skips.total(),
                List.of(),
                null);
    }

    /** The state of one file's reading. */
    private static final class Reading {
        final List<RoadLine> lines = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        final RoadLayer.Skips skips = new RoadLayer.Skips();
        int featuresRead;
        int osmFeatures;

        void feature(JsonNode feature) {
            featuresRead++;
            String label = "feature #" + featuresRead;
            try {
                if (!GeoJsonFeatureReader.isFeature(feature)) {
                    throw new RejectedFeature("not a GeoJSON Feature");
                }
                JsonNode properties = feature.path("properties");
                Map<String, String> tags = osmTags(properties);
                boolean osm = tags != null || looksOsm(feature, properties);
                String id = osm ? osmId(feature, properties) : null;
                if (id != null) {
                    label += " (" + id + ")";
                }
                if (tags != null) {
                    osmFeatures++;
                    osm(feature, tags, label);
                } else if (osm) {
                    osmFeatures++;
                    skips.add("an OSM feature without a highway tag", label);
                } else {
                    rtrw(feature, properties, label);
                }
            } catch (RejectedFeature e) {
                rejected.add(label + ": " + e.getMessage());
            }
        }

        private void osm(JsonNode feature, Map<String, String> tags, String label) {
            String geometryType = geometryType(feature);
            if (!"LineString".equals(geometryType) && !"MultiLineString".equals(geometryType)) {
                skips.add(
                        "an OSM " + (geometryType == null ? "feature without geometry" : geometryType)
                                + ", not a way's line",
                        label);
                return;
            }
            OsmTags.Direction direction = OsmTags.direction(tags);
            List<String> parts = partsWkt(feature, direction == OsmTags.Direction.BACKWARD);
            String reason = OsmTags.skipReason(tags);
            if (reason != null) {
                skips.add(reason, label);
                return;
            }
            lines.add(new RoadLine(
                    featuresRead,
                    parts,
                    OsmTags.roadClass(tags),
                    OsmTags.sourceClass(tags),
                    OsmTags.name(tags),
                    direction != OsmTags.Direction.BOTH,
                    OsmTags.gradeSeparated(tags),
                    null,
                    null));
        }

        private void rtrw(JsonNode feature, JsonNode properties, String label) {
            List<String> parts = partsWkt(feature, false);
            String classWords = classWords(properties);
            String namobj = text(properties.get("NAMOBJ"));
            if (RoadClass.isNotARoad(classWords)
                    || namobj != null && !namobj.trim().toLowerCase(Locale.ROOT).startsWith("jalan")) {
                skips.add("not a road (" + classWords + ")", label);
                return;
            }
            if ("3".equals(text(properties.get("STSJRN")))) {
                skips.add("planned road (STSJRN 3)", label);
                return;
            }
            RoadClass roadClass = RoadClass.ofFunction(classWords);
            if (roadClass == null) {
                roadClass = RoadClass.ofStatus(text(properties.get("KLS_JALAN")));
            }
            String name = firstText(properties, "NAMA_JALAN", "name", "nama");
            lines.add(new RoadLine(
                    featuresRead,
                    parts,
                    roadClass == null ? RoadClass.LOKAL : roadClass,
                    classWords.isBlank() ? null : classWords,
                    name,
                    false,
                    false,
                    null,
                    null));
        }
    }

    /**
     * The OSM tags of a feature's properties (the properties themselves, overlaid by a {@code tags} object), or null
     * when they carry no {@code highway} tag.
     */
    private static Map<String, String> osmTags(JsonNode properties) {
        if (properties == null || !properties.isObject()) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                tags.put(e.getKey(), e.getValue().asString());
            }
        }
        JsonNode nested = properties.get("tags");
        if (nested != null && nested.isObject()) {
            for (Map.Entry<String, JsonNode> e : nested.properties()) {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    tags.put(e.getKey(), e.getValue().asString());
                }
            }
        }
        return tags.containsKey("highway") ? tags : null;
    }

    /** An OSM export's feature (an OSM id, or tags under {@code tags}), whatever its tags. */
    private static boolean looksOsm(JsonNode feature, JsonNode properties) {
        String id = text(feature.get("id"));
        return id != null && id.matches("(node|way|relation)/-?[0-9]+")
                || properties.has("@id")
                || properties.has("osm_id")
                || properties.path("tags").isObject();
    }

    /** {@code way/123} from the feature's {@code id}, {@code @id}, or {@code type} + {@code id}/{@code osm_id}. */
    private static String osmId(JsonNode feature, JsonNode properties) {
        String id = text(feature.get("id"));
        if (id != null && id.contains("/")) {
            return id;
        }
        String at = text(properties.get("@id"));
        if (at != null) {
            return at;
        }
        String osmId = firstText(properties, "osm_id", "id");
        if (osmId != null) {
            String osmType = firstText(properties, "osm_type", "type");
            return (osmType == null ? "way" : osmType.replace("ways_line", "way")) + "/" + osmId;
        }
        return id;
    }

    /** The feature's line parts as WKT (turned round when {@code reverse}); throws when it is not a usable line. */
    private static List<String> partsWkt(JsonNode feature, boolean reverse) {
        String type = geometryType(feature);
        JsonNode geometry = feature.get("geometry");
        List<JsonNode> parts = new ArrayList<>();
        if ("LineString".equals(type)) {
            parts.add(geometry.get("coordinates"));
        } else if ("MultiLineString".equals(type)) {
            JsonNode coordinates = geometry.get("coordinates");
            if (coordinates == null || !coordinates.isArray()) {
                throw new RejectedFeature("geometry: 'coordinates' is not an array");
            }
            coordinates.forEach(parts::add);
        } else {
            throw new RejectedFeature(
                    "geometry: expected a LineString or MultiLineString, was " + (type == null ? "missing" : type));
        }
        List<String> wkt = new ArrayList<>();
        int partNo = 0;
        for (JsonNode part : parts) {
            partNo++;
            String line = partWkt(part, partNo, parts.size() > 1, reverse);
            if (line != null) {
                wkt.add(line);
            }
        }
        if (wkt.isEmpty()) {
            throw new RejectedFeature("geometry: empty (no part with two distinct positions)");
        }
        if (reverse) {
            Collections.reverse(wkt);
        }
        return wkt;
    }

    /** WKT of one part in 2-D, or null when it has fewer than two distinct positions; throws on bad positions. */
    private static String partWkt(JsonNode positions, int partNo, boolean multi, boolean reverse) {
        String where = multi ? "geometry part " + partNo + ": " : "geometry: ";
        if (positions == null || !positions.isArray()) {
            throw new RejectedFeature(where + "'coordinates' is not an array of positions");
        }
        List<String> points = new ArrayList<>();
        double firstX = Double.NaN;
        double firstY = Double.NaN;
        boolean distinct = false;
        int index = 0;
        for (JsonNode position : positions) {
            index++;
            if (!position.isArray()
                    || position.size() < 2
                    || !position.get(0).isNumber()
                    || !position.get(1).isNumber()) {
                throw new RejectedFeature(where + "position " + index + " is not [longitude, latitude]");
            }
            double x = position.get(0).asDouble();
            double y = position.get(1).asDouble();
            if (!Double.isFinite(x) || !Double.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
                throw new RejectedFeature(where + "position " + index + " [" + x + ", " + y
                        + "] is outside longitude -180..180, latitude -90..90");
            }
            if (index == 1) {
                firstX = x;
                firstY = y;
            } else {
                distinct |= x != firstX || y != firstY;
            }
            points.add(Double.toString(x) + ' ' + Double.toString(y));
        }
        if (!distinct) {
            return null;
        }
        if (reverse) {
            Collections.reverse(points);
        }
        return "LINESTRING(" + String.join(",", points) + ")";
    }

    /** The words that may name a feature's class: functional class, RBI object name, OSM highway, status. */
    private static String classWords(JsonNode properties) {
        List<String> words = new ArrayList<>();
        for (String field : List.of("FUNGSI_JAL", "NAMOBJ", "road_class", "highway", "railway", "KLS_JALAN")) {
            String value = text(properties.get(field));
            if (value != null && !value.isBlank()) {
                words.add(field.equals("railway") ? "railway " + value : value.trim());
            }
        }
        return String.join(" / ", words);
    }

    private static String firstText(JsonNode properties, String... fields) {
        for (String field : fields) {
            String value = text(properties.get(field));
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static final class RejectedFeature extends RuntimeException {
        RejectedFeature(String message) {
            super(message);
        }
    }
}
