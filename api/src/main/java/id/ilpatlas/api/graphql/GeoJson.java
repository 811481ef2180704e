package id.ilpatlas.api.graphql;

import java.util.Objects;

/**
 * A GeoJSON geometry as PostGIS wrote it ({@code ST_AsGeoJSON}), carried as text until the
 * {@code GeoJSON} scalar serializes it into the response as a JSON object.
 */
public record GeoJson(String json) {

    public GeoJson {
        Objects.requireNonNull(json, "json");
    }

    /** The wrapped text, or null when the column was null. */
    public static GeoJson ofNullable(String json) {
        return json == null ? null : new GeoJson(json);
    }
}
