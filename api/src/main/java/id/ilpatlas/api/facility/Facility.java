package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.GeoJson;

/**
 * A health facility as the API shows it.
 *
 * @param id            stable facility code, e.g. {@code PKM-3375-TIRTO}
 * @param location      GeoJSON Point, [lon, lat]
 * @param kelurahanCode the kelurahan the point lies in
 */
public record Facility(String id, String name, FacilityType type, GeoJson location, LocationQuality locationQuality,
                       String locationNote, String kelurahanCode, boolean synthetic) {

    /** How trustworthy a facility's point is. */
    public enum LocationQuality { SURVEYED, APPROXIMATE }
}
