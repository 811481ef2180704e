package id.ilpatlas.api.access;

import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import java.util.List;

/**
 * Access from one RW, in one travel mode, to its responsible puskesmas and to its nearest facility of a kind.
 *
 * @param rwCode              the RW key, e.g. {@code 33.75.01.1002.RW003}
 * @param representativePoint the point standing for the RW, GeoJSON [lon, lat]
 * @param pointMethod         how that point was chosen
 * @param mode                the travel mode of both legs
 * @param responsibility      which puskesmas's wilayah kerja holds the RW (none, one or several)
 * @param responsible         the leg to the responsible puskesmas; null unless exactly one is responsible
 * @param nearest             the leg to the nearest active facility of the asked kind; null when there is none
 */
public record RwAccess(
        String rwCode,
        GeoJson representativePoint,
        PointMethod pointMethod,
        TravelMode mode,
        Responsibility responsibility,
        Leg responsible,
        Leg nearest) {

    /** How an RW's representative point was chosen. */
    public enum PointMethod {
        /** Mean of the RW's geocoded residence points (enough of them), clamped inside the RW. */
        POPULATION_WEIGHTED,
        /** {@code ST_PointOnSurface} of the RW polygon. */
        POINT_ON_SURFACE
    }

    /** Whether one puskesmas's wilayah kerja holds the RW. */
    public enum ResponsibilityStatus {
        /** Exactly one active puskesmas. */
        ASSIGNED,
        /** No active puskesmas lists the RW, its kelurahan or its kecamatan. */
        NO_WILAYAH_KERJA,
        /** Several do: the registry must say which one serves it. */
        SEVERAL_WILAYAH_KERJA
    }

    /** The RW's responsible puskesmas as the registry says, with every claimant (by internal id). */
    public record Responsibility(ResponsibilityStatus status, Long facilityId, List<Long> claimantIds) {}

    /**
     * The trip from the RW's representative point to one facility.
     *
     * @param facilityId         the facility (internal id)
     * @param facilityName       its name, for messages
     * @param locationQuality    how trustworthy the facility's point is: every figure below is measured to it
     * @param distanceMeters     geodesic distance on the spheroid
     * @param roadDistanceMeters by road, or the fallback estimate ({@link TravelModel})
     * @param travelTimeSeconds  by road, or the fallback estimate
     * @param method             which of the two
     * @param detourFactor       the factor of a fallback; null for ROAD
     * @param connectorMeters    metres of the two straight connectors to the network of a ROAD leg; else null
     */
    public record Leg(
            long facilityId,
            String facilityName,
            Facility.LocationQuality locationQuality,
            double distanceMeters,
            double roadDistanceMeters,
            double travelTimeSeconds,
            TravelModel.Method method,
            Double detourFactor,
            Double connectorMeters) {

        /** Whether the facility's point is a stand-in. */
        public boolean approximate() {
            return locationQuality == Facility.LocationQuality.APPROXIMATE;
        }
    }
}
