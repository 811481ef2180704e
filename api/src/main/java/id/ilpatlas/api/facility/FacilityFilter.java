package id.ilpatlas.api.facility;

import java.util.List;
import java.util.Map;

/**
 * The {@code FacilityFilter} input, as bound by Spring for GraphQL.
 *
 * @param within a GeoJSON geometry object (already checked to have a geometry type)
 * @param runsPusling true: only facilities with an active Pusling unit (the possible bases of an outreach plan);
 *                    false: only those without one; null: no filter
 */
public record FacilityFilter(
        List<FacilityType> types,
        String regionCode,
        String serviceKey,
        String segment,
        String programKey,
        String nameContains,
        BBox bbox,
        Map<String, Object> within,
        Near near,
        Boolean includeInactive,
        Boolean runsPusling) {

    /** {@code BBoxInput}: degrees, EPSG:4326. */
    public record BBox(double west, double south, double east, double north) {}

    /** {@code NearInput}. */
    public record Near(Point point, double radiusMeters) {}

    /** {@code PointInput}: named longitude and latitude. */
    public record Point(double longitude, double latitude) {}

    static FacilityFilter none() {
        return new FacilityFilter(null, null, null, null, null, null, null, null, null, false, null);
    }
}
