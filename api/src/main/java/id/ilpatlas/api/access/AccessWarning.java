package id.ilpatlas.api.access;

import id.ilpatlas.api.road.NetworkWarning;
import id.ilpatlas.api.road.RoadNetworkQuality;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Something a reader of an access, ranking, coverage or plan figure must know to trust it, with a sentence a planner
 * can read. The one home of these sentences: access rows, target candidates, coverage and Pusling plans build their
 * warnings here.
 */
public record AccessWarning(Code code, String message) {

    /** The kinds of warning (GraphQL {@code AccessWarningCode}). */
    public enum Code {
        APPROXIMATE_FACILITY_LOCATION,
        NO_WILAYAH_KERJA,
        SEVERAL_WILAYAH_KERJA,
        ROAD_ESTIMATE,
        NETWORK_QUALITY_LOW,
        OUTSIDE_BASE_WILAYAH_KERJA
    }

    /** The point of a facility is a stand-in. */
    public static AccessWarning approximate(String facilityName, String what) {
        return new AccessWarning(
                Code.APPROXIMATE_FACILITY_LOCATION,
                String.format(
                        Locale.ROOT,
                        "the point of %s is approximate (a stand-in, not surveyed): %s measured to it are approximate too",
                        facilityName,
                        what));
    }

    /** A leg is a geodesic-detour estimate. */
    public static AccessWarning estimate(String facilityName, double detourFactor) {
        return new AccessWarning(
                Code.ROAD_ESTIMATE,
                String.format(
                        Locale.ROOT,
                        "the way to %s is an estimate (straight line × %.2f): the road network does not reach",
                        facilityName,
                        detourFactor));
    }

    /** A warning about the kab/kota's road network ({@link RoadNetworkQuality}), said where its figures are used. */
    public static AccessWarning network(NetworkWarning warning) {
        return new AccessWarning(Code.NETWORK_QUALITY_LOW, warning.message());
    }

    /**
     * The network warnings of a kab/kota and mode for a list of results (a coverage, a ranking, a plan, a surface):
     * every warning of its assessment, FAIR included.
     */
    public static List<AccessWarning> network(RoadNetworkQuality.Assessment assessment) {
        return assessment.warnings().stream().map(AccessWarning::network).toList();
    }

    /**
     * The network warnings for each row computed on the network (an RW's access, a candidate): only when the quality
     * is low (POOR or no network), so that a FAIR network is said once per result, not on every row.
     */
    public static List<AccessWarning> networkForRow(RoadNetworkQuality.Assessment assessment) {
        return assessment.low() ? network(assessment) : List.of();
    }

    /** The warnings of one RW's access row (both legs). */
    static List<AccessWarning> of(RwAccess row) {
        List<AccessWarning> warnings = responsibility(row);
        legs(row).forEach(leg -> warnings.addAll(of(leg)));
        return warnings;
    }

    /**
     * The warnings of the one leg of an RW's row that a figure uses: to the responsible puskesmas (with the RW's
     * responsibility) or to the nearest. A missing row (no representative point) has none: its figures are missing.
     */
    public static List<AccessWarning> of(RwAccess row, RwAccessService.Target target) {
        if (row == null) {
            return List.of();
        }
        boolean responsible = target == RwAccessService.Target.RESPONSIBLE_PUSKESMAS;
        List<AccessWarning> warnings = responsible ? responsibility(row) : new ArrayList<>();
        RwAccess.Leg leg = responsible ? row.responsible() : row.nearest();
        if (leg != null) {
            warnings.addAll(of(leg));
        }
        return warnings;
    }

    private static List<AccessWarning> of(RwAccess.Leg leg) {
        List<AccessWarning> warnings = new ArrayList<>();
        if (leg.approximate()) {
            warnings.add(approximate(leg.facilityName(), "the distance and time"));
        }
        if (leg.detourFactor() != null) {
            warnings.add(estimate(leg.facilityName(), leg.detourFactor()));
        }
        return warnings;
    }

    private static List<AccessWarning> responsibility(RwAccess row) {
        List<AccessWarning> warnings = new ArrayList<>();
        switch (row.responsibility().status()) {
            case NO_WILAYAH_KERJA ->
                warnings.add(new AccessWarning(
                        Code.NO_WILAYAH_KERJA,
                        "no puskesmas lists this RW, its kelurahan or its kecamatan in its wilayah kerja: the registry "
                                + "must assign it; it has no responsible puskesmas until then"));
            case SEVERAL_WILAYAH_KERJA ->
                warnings.add(new AccessWarning(
                        Code.SEVERAL_WILAYAH_KERJA,
                        row.responsibility().claimantIds().size()
                                + " puskesmas list this RW in their wilayah kerja: the "
                                + "registry must say which one serves it; it has no responsible puskesmas until then"));
            case ASSIGNED -> {}
        }
        return warnings;
    }

    private static List<RwAccess.Leg> legs(RwAccess row) {
        List<RwAccess.Leg> legs = new ArrayList<>();
        if (row.responsible() != null) {
            legs.add(row.responsible());
        }
        if (row.nearest() != null
                && (row.responsible() == null
                        || row.nearest().facilityId() != row.responsible().facilityId())) {
            legs.add(row.nearest());
        }
        return legs;
    }
}
