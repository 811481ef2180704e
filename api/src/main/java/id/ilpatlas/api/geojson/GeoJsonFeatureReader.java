package id.ilpatlas.api.geojson;

import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GeoJSON FeatureCollection feature by feature: the file is streamed, only one feature is held at a time, and
 * each element of {@code features} goes to a {@link FeatureHandler} with its 1-based number in the file. Only the top
 * level of the document is looked at here ({@code type}, {@code features}); what a feature must hold is the caller's
 * rule.
 *
 * <p>A file that is not a FeatureCollection gets one of these answers (without the source name; the caller adds it):
 * <ul>
 *   <li>{@code not valid JSON (<parser message>)};</li>
 *   <li>{@value #NOT_A_FEATURE_COLLECTION} (also for an empty file, a top-level array, or a {@code type} other than
 *       {@code FeatureCollection});</li>
 *   <li>{@value #OVERPASS_JSON} for Overpass API JSON ({@code elements}, no {@code features}).</li>
 * </ul>
 * Such an answer can come after some features were handed over (the {@code type} may follow {@code features}, the
 * syntax error may be near the end): the caller then drops what it read.
 */
public final class GeoJsonFeatureReader {

    /** Why a file is not read when it has no {@code features} array or is not a FeatureCollection. */
    public static final String NOT_A_FEATURE_COLLECTION =
            "expected a GeoJSON FeatureCollection with a \"features\" array";
    /** Why an Overpass API JSON file is not read. */
    public static final String OVERPASS_JSON = "this is Overpass API JSON (\"elements\"), not GeoJSON: "
            + "export the query's result as GeoJSON (overpass turbo: Export > GeoJSON)";

    /** Receives the features of a collection, in file order. */
    @FunctionalInterface
    public interface FeatureHandler {
        /**
         * @param number  1-based position in {@code features}
         * @param feature the element as written (any JSON value: it need not be a Feature object, see
         *                {@link #isFeature})
         */
        void feature(int number, JsonNode feature);
    }

    private final JsonMapper jsonMapper;

    public GeoJsonFeatureReader(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Streams the FeatureCollection in {@code in} to {@code handler}.
     *
     * @return null when the file is a FeatureCollection, else why it is not (see the class comment)
     */
    public String read(InputStream in, FeatureHandler handler) {
        String type = null;
        boolean sawFeatures = false;
        boolean overpassJson = false;
        int number = 0;
        try (JsonParser parser = jsonMapper.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NOT_A_FEATURE_COLLECTION;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                    type = parser.getString();
                } else if ("features".equals(field) && value == JsonToken.START_ARRAY) {
                    sawFeatures = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode feature = parser.readValueAsTree();
                        handler.feature(++number, feature);
                    }
                } else {
                    overpassJson |= "elements".equals(field);
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            return "not valid JSON (" + e.getOriginalMessage() + ")";
        }
        if (overpassJson && !sawFeatures) {
            return OVERPASS_JSON;
        }
        if (!"FeatureCollection".equals(type) || !sawFeatures) {
            return NOT_A_FEATURE_COLLECTION;
        }
        return null;
    }

    /** True when {@code node} is an object whose {@code type} is {@code Feature}. */
    public static boolean isFeature(JsonNode node) {
        return node != null && node.isObject() && "Feature".equals(text(node.get("type")));
    }

    /** The {@code type} of a feature's geometry, or null when it has no geometry. */
    public static String geometryType(JsonNode feature) {
        JsonNode geometry = feature.get("geometry");
        return geometry == null || geometry.isNull() ? null : text(geometry.get("type"));
    }

    /** A value as text: a scalar as written, an object or array as JSON; null for a missing or null value. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}
