package id.ilpatlas.api.road;

import id.ilpatlas.api.Sql;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How far the road figures of a kab/kota can be trusted: what its network is ({@link #report}) and a quality level
 * with warnings a planner can read ({@link #assess}), from the thresholds in {@link Thresholds}.
 *
 * <p>Access, target ranking and Pusling plans call {@link #assess(String, TravelMode)} once per kab/kota and request
 * and attach {@link Assessment#warnings()} to every row or result computed on that network: the list is empty when
 * the network is {@link Level#GOOD}.
 *
 * <p>Reads the tables as they are: {@code road_network_loads}, {@code road_edges}, {@code road_vertices},
 * {@code rw_representative_points} and {@code road_network_calibrations} (the last two are written by the access
 * refresh; callers refresh first, e.g. {@code RwAccessService.refreshIfStale}, when they want them current). Cheap when
 * called repeatedly: the figures are kept per kab/kota until the network is reloaded, the RW points are recomputed or
 * the calibration changes (one query of a few index probes tells).
 */
@Service
public class RoadNetworkQuality {

    /**
     * The thresholds of the quality levels, in one place. A figure on the wrong side of a FAIR bound makes the level at
     * least FAIR, of a POOR bound POOR; the level is the worst over the rules.
     */
    public static final class Thresholds {

        /**
         * The distances at which the share of RW points near a road is reported (metres). 100 m: the point is on a
         * mapped street in practice; 250 m: the one that grades (below); 500 m: {@link
         * TravelModel#MAX_CONNECTOR_METERS}, beyond which a trip does not join the network at all.
         */
        public static final List<Double> RW_POINT_DISTANCES_METERS = List.of(100.0, 250.0, 500.0);

        /**
         * The distance that grades. A leg joins the network by a straight connector through unmapped lanes at the
         * mode's lingkungan speed ({@link TravelMode#connectorSpeedKmh()}): 250 m is one minute by motorbike and
         * three on foot, an error planners can live with in 15/30-minute bands; beyond it the straight connector
         * guesses at a path that may not exist.
         */
        public static final double RW_POINT_GRADING_METERS = 250;

        /** One RW in ten may be off the mapped roads and the figures still be GOOD. */
        public static final double RW_POINT_SHARE_GOOD = 0.90;

        /** Below three in four, whole kelurahan may consist of estimates: POOR. */
        public static final double RW_POINT_SHARE_FAIR = 0.75;

        /**
         * Share of the network's length in its largest connected component. Trips between components have no road
         * route and fall back to the geodesic estimate. A well-noded city layer is one piece but for a few stray
         * segments (the demo's Pekalongan layer: over 95 %); 85 % leaves a sizeable district cut off.
         */
        public static final double LARGEST_COMPONENT_SHARE_GOOD = 0.95;

        /** See {@link #LARGEST_COMPONENT_SHARE_GOOD}. */
        public static final double LARGEST_COMPONENT_SHARE_FAIR = 0.85;

        /**
         * Median road/straight ratio of the RW-to-puskesmas pairs (the measured detour factor of the mode). Real road
         * networks give 1.2-1.5 (Boscoe, Henry and Zdeb 2012, Prof. Geogr. 64(2): 1.417 to the nearest hospital;
         * short urban trips run higher): above 1.6 the network probably misses lanes, above 2 (the 1.92 median that
         * made issue 15's road distances implausible) road distances and times are most likely too long.
         */
        public static final double DETOUR_GOOD = 1.6;

        /** See {@link #DETOUR_GOOD}. */
        public static final double DETOUR_FAIR = 2.0;

        /** The candidates of the nearest-edge search (rw-points-near-roads.sql says why 16 suffice). */
        static final int NEAREST_EDGE_CANDIDATES = 16;

        private Thresholds() {}
    }

    /** The quality of a network, best first; the order is the severity. */
    public enum Level {
        /** Road figures can be trusted as road figures. */
        GOOD,
        /** Usable, with caveats the warnings name. */
        FAIR,
        /** Many figures are estimates or likely wrong; read them as rough. */
        POOR,
        /** No network: every distance and time is a geodesic estimate. */
        NO_NETWORK
    }

    /**
     * The verdict on one kab/kota's network for one travel mode.
     *
     * @param warnings empty exactly when the level is {@link Level#GOOD}
     */
    public record Assessment(String kabkotaCode, TravelMode mode, Level level, List<NetworkWarning> warnings) {

        public Assessment {
            warnings = List.copyOf(warnings);
        }

        /** True for POOR and NO_NETWORK: the figures are estimates more than measurements. */
        public boolean low() {
            return level.compareTo(Level.POOR) >= 0;
        }
    }

    /** Where a kab/kota's network came from ({@code road_network_loads}). */
    public record Source(
            String name, OffsetDateTime loadedAt, int featuresRead, int featuresRejected, int featuresSkipped) {}

    /** The length of the network in one road class. */
    public record ClassLength(RoadClass roadClass, double lengthMeters, int edgeCount) {}

    /** RW representative points within a distance of a road edge; null counts with a reason in the report. */
    public record RwPointsNearRoads(double withinMeters, int rwPointCount, Integer rwPointsWithin, Double share) {}

    /**
     * The fallback of one travel mode as measured on the network ({@code road_network_calibrations}), read as it is;
     * every figure null, with {@code unavailableReason}, when no row exists.
     */
    public record Calibration(
            TravelMode mode,
            Integer pairCount,
            Boolean measured,
            Double detourFactor,
            Double speedKmh,
            Double ratioP10,
            Double ratioP90,
            Double ratioMax,
            Double shareOver2,
            OffsetDateTime computedAt,
            String unavailableReason) {

        /** A stored calibration, computed at {@code computedAt}; {@code unavailableReason} when not measured. */
        static Calibration of(TravelModel.Calibration c, OffsetDateTime computedAt, String unavailableReason) {
            return new Calibration(
                    c.mode(),
                    c.pairs(),
                    c.measured(),
                    c.detourFactor(),
                    c.speedKmh(),
                    c.ratioP10(),
                    c.ratioP90(),
                    c.ratioMax(),
                    c.shareOver2(),
                    computedAt,
                    unavailableReason);
        }

        /** A mode with no stored calibration, and why. */
        static Calibration unavailable(TravelMode mode, String unavailableReason) {
            return new Calibration(mode, null, null, null, null, null, null, null, null, null, unavailableReason);
        }
    }

    /**
     * Everything the quality rests on. The network figures are null when no network is loaded
     * ({@code unavailableReason} says so); the RW point figures null when there are no RW points or no network
     * ({@code rwPointsUnavailableReason}).
     */
    public record Report(
            String kabkotaCode,
            Source source,
            Double lengthMeters,
            Integer edgeCount,
            Integer vertexCount,
            Integer componentCount,
            Double largestComponentLengthShare,
            List<ClassLength> roadClasses,
            String unavailableReason,
            int rwPointCount,
            List<RwPointsNearRoads> rwPointsNearRoads,
            Double rwPointMedianDistanceMeters,
            String rwPointsUnavailableReason,
            List<Calibration> calibrations,
            Map<TravelMode, Assessment> assessments) {

        /** The assessment for a mode. */
        public Assessment assessment(TravelMode mode) {
            return assessments.get(mode);
        }
    }

    /** What a cached report was computed from: when any part changes, the report is recomputed. */
    private record Version(
            OffsetDateTime loadedAt,
            OffsetDateTime pointsAt,
            long points,
            OffsetDateTime calibratedAt,
            long calibrations) {}

    private record Cached(Version version, Report report) {}

    private final JdbcClient jdbc;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    RoadNetworkQuality(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The quality of a kab/kota's network for the default mode ({@link TravelMode#DEFAULT}). */
    public Assessment assess(String kabkotaCode) {
        return assess(kabkotaCode, TravelMode.DEFAULT);
    }

    /** The quality of a kab/kota's network for a travel mode, with the warnings to attach to its rows. */
    public Assessment assess(String kabkotaCode, TravelMode mode) {
        return report(kabkotaCode).assessment(Objects.requireNonNull(mode, "mode"));
    }

    /** The figures of a kab/kota's network and its assessment per mode. */
    public Report report(String kabkotaCode) {
        Objects.requireNonNull(kabkotaCode, "kabkotaCode");
        Version version = version(kabkotaCode);
        Cached cached = cache.get(kabkotaCode);
        if (cached != null && cached.version().equals(version)) {
            return cached.report();
        }
        Report report = compute(kabkotaCode);
        cache.put(kabkotaCode, new Cached(version, report));
        return report;
    }

    private Version version(String kabkotaCode) {
        return jdbc.sql("""
                        SELECT (SELECT loaded_at FROM road_network_loads WHERE kabkota_code = :k) AS loaded_at,
                               (SELECT max(computed_at) FROM rw_representative_points WHERE kabkota_code = :k) AS points_at,
                               (SELECT count(*) FROM rw_representative_points WHERE kabkota_code = :k) AS points,
                               (SELECT max(computed_at) FROM road_network_calibrations WHERE kabkota_code = :k) AS calibrated_at,
                               (SELECT count(*) FROM road_network_calibrations WHERE kabkota_code = :k) AS calibrations""")
                .param("k", kabkotaCode)
                .query((rs, n) -> new Version(
                        rs.getObject("loaded_at", OffsetDateTime.class),
                        rs.getObject("points_at", OffsetDateTime.class),
                        rs.getLong("points"),
                        rs.getObject("calibrated_at", OffsetDateTime.class),
                        rs.getLong("calibrations")))
                .single();
    }

    private Report compute(String kabkotaCode) {
        Source source = jdbc.sql("""
                        SELECT source_name, loaded_at, features_read, features_rejected, features_skipped
                          FROM road_network_loads WHERE kabkota_code = :k""")
                .param("k", kabkotaCode)
                .query((rs, n) -> new Source(
                        rs.getString("source_name"),
                        rs.getObject("loaded_at", OffsetDateTime.class),
                        rs.getInt("features_read"),
                        rs.getInt("features_rejected"),
                        rs.getInt("features_skipped")))
                .optional()
                .orElse(null);
        List<ClassLength> classes = jdbc
                .sql("""
                        SELECT road_class, sum(length_meters) AS meters, count(*) AS edges
                          FROM road_edges WHERE kabkota_code = :k GROUP BY road_class""")
                .param("k", kabkotaCode)
                .query((rs, n) -> new ClassLength(
                        RoadClass.valueOf(rs.getString("road_class")), rs.getDouble("meters"), rs.getInt("edges")))
                .list()
                .stream()
                .sorted(Comparator.comparing(ClassLength::roadClass))
                .toList();
        int rwPoints = jdbc.sql("SELECT count(*) FROM rw_representative_points WHERE kabkota_code = :k")
                .param("k", kabkotaCode)
                .query(Integer.class)
                .single();
        List<Calibration> calibrations = calibrations(kabkotaCode, !classes.isEmpty());

        if (classes.isEmpty()) {
            String reason = source == null
                    ? "no road network is loaded for " + kabkotaCode + " (import one with ./atlas import roads)"
                    : "the road network loaded for " + kabkotaCode + " from " + source.name() + " has no edges";
            String pointsReason = "no road network to measure the RW points against: " + reason;
            return assessed(new Report(
                    kabkotaCode,
                    source,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    reason,
                    rwPoints,
                    nearRoadsUnknown(rwPoints),
                    null,
                    pointsReason,
                    calibrations,
                    Map.of()));
        }

        Map<String, Object> graph =
                jdbc.sql("""
                        WITH per AS (SELECT component, sum(length_meters) AS meters FROM road_edges
                                      WHERE kabkota_code = :k GROUP BY component)
                        SELECT (SELECT count(*) FROM road_edges WHERE kabkota_code = :k) AS edges,
                               (SELECT count(*) FROM road_vertices WHERE kabkota_code = :k) AS vertices,
                               (SELECT count(*) FROM per WHERE component IS NOT NULL) AS components,
                               (SELECT sum(meters) FROM per) AS meters,
                               (SELECT max(meters) FILTER (WHERE component IS NOT NULL) / NULLIF(sum(meters), 0)
                                  FROM per) AS share""").param("k", kabkotaCode).query().singleRow();
        int components = ((Number) graph.get("components")).intValue();
        Double share = graph.get("share") == null ? null : ((Number) graph.get("share")).doubleValue();

        List<RwPointsNearRoads> near;
        Double median = null;
        String pointsReason = null;
        if (rwPoints == 0) {
            near = nearRoadsUnknown(0);
            pointsReason = "no RW representative points for " + kabkotaCode
                    + " (no RWs with a boundary, or RW access not computed yet)";
        } else {
            List<Map<String, Object>> rows = jdbc.sql(Sql.load("sql/road/rw-points-near-roads.sql"))
                    .param("k", kabkotaCode)
                    .param("candidates", Thresholds.NEAREST_EDGE_CANDIDATES)
                    .param("thresholds", Thresholds.RW_POINT_DISTANCES_METERS.toArray(Double[]::new))
                    .query()
                    .listOfRows();
            near = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                int points = ((Number) row.get("points")).intValue();
                int within = ((Number) row.get("points_within")).intValue();
                near.add(new RwPointsNearRoads(
                        ((Number) row.get("within_meters")).doubleValue(), points, within, (double) within / points));
                median = ((Number) row.get("median_meters")).doubleValue();
            }
        }
        return assessed(new Report(
                kabkotaCode,
                source,
                ((Number) graph.get("meters")).doubleValue(),
                ((Number) graph.get("edges")).intValue(),
                ((Number) graph.get("vertices")).intValue(),
                components == 0 ? null : components,
                components == 0 ? null : share,
                classes,
                null,
                rwPoints,
                near,
                median,
                pointsReason,
                calibrations,
                Map.of()));
    }

    private static List<RwPointsNearRoads> nearRoadsUnknown(int rwPoints) {
        return Thresholds.RW_POINT_DISTANCES_METERS.stream()
                .map(m -> new RwPointsNearRoads(m, rwPoints, null, null))
                .toList();
    }

    private List<Calibration> calibrations(String kabkotaCode, boolean network) {
        Map<TravelMode, Calibration> stored = new EnumMap<>(TravelMode.class);
        jdbc.sql("""
                        SELECT mode, pairs, measured, detour_factor, speed_kmh, ratio_p10, ratio_p90, ratio_max,
                               share_over_2, computed_at
                          FROM road_network_calibrations WHERE kabkota_code = :k""")
                .param("k", kabkotaCode)
                .query((rs, n) -> {
                    TravelMode mode = TravelMode.valueOf(rs.getString("mode"));
                    TravelModel.Calibration c = TravelModel.Calibration.stored(kabkotaCode, mode, rs);
                    stored.put(
                            mode,
                            Calibration.of(
                                    c,
                                    rs.getObject("computed_at", OffsetDateTime.class),
                                    c.measured()
                                            ? null
                                            : network
                                                    ? "too few RW-puskesmas pairs reached by road ("
                                                            + c.pairs()
                                                            + ") to measure the fallback: the detour factor and speed are the defaults"
                                                    : "no road network to measure the fallback on: the detour factor and speed are "
                                                            + "the defaults"));
                    return null;
                })
                .list();
        List<Calibration> result = new ArrayList<>();
        for (TravelMode mode : TravelMode.values()) {
            Calibration c = stored.get(mode);
            result.add(
                    c != null
                            ? c
                            : Calibration.unavailable(
                                    mode,
                                    network
                                            ? "not measured yet: the RW access of " + kabkotaCode
                                                    + " has not been computed on this " + "network"
                                            : "no road network to measure the fallback on"));
        }
        return result;
    }

    /** The report with its assessment per mode, by the rules of {@link Thresholds}. */
    private static Report assessed(Report r) {
        Map<TravelMode, Assessment> assessments = new EnumMap<>(TravelMode.class);
        for (Calibration calibration : r.calibrations()) {
            assessments.put(calibration.mode(), assess(r, calibration));
        }
        return new Report(
                r.kabkotaCode(),
                r.source(),
                r.lengthMeters(),
                r.edgeCount(),
                r.vertexCount(),
                r.componentCount(),
                r.largestComponentLengthShare(),
                r.roadClasses(),
                r.unavailableReason(),
                r.rwPointCount(),
                r.rwPointsNearRoads(),
                r.rwPointMedianDistanceMeters(),
                r.rwPointsUnavailableReason(),
                r.calibrations(),
                Map.copyOf(assessments));
    }

    private static Assessment assess(Report r, Calibration calibration) {
        TravelMode mode = calibration.mode();
        if (r.unavailableReason() != null) {
            return new Assessment(
                    r.kabkotaCode(),
                    mode,
                    Level.NO_NETWORK,
                    List.of(new NetworkWarning(
                            NetworkWarning.Code.NO_NETWORK,
                            r.unavailableReason() + ": every road distance and travel time "
                                    + "here is an estimate from the straight-line distance, not a route")));
        }
        Level level = Level.GOOD;
        List<NetworkWarning> warnings = new ArrayList<>();

        RwPointsNearRoads grading = r.rwPointsNearRoads().stream()
                .filter(n -> n.withinMeters() == Thresholds.RW_POINT_GRADING_METERS)
                .findFirst()
                .orElseThrow();
        if (grading.share() == null) {
            level = worst(level, Level.FAIR);
            warnings.add(new NetworkWarning(
                    NetworkWarning.Code.RW_POINTS_UNKNOWN,
                    "how far the RWs lie from the roads is unknown: " + r.rwPointsUnavailableReason()));
        } else if (grading.share() < Thresholds.RW_POINT_SHARE_GOOD) {
            level = worst(level, grading.share() < Thresholds.RW_POINT_SHARE_FAIR ? Level.POOR : Level.FAIR);
            warnings.add(new NetworkWarning(
                    NetworkWarning.Code.RW_POINTS_FAR_FROM_ROADS,
                    String.format(
                            Locale.ROOT,
                            "only %.0f %% of RW points (%d of %d) lie within %.0f m of a mapped road: travel times are "
                                    + "estimates for the rest",
                            100 * grading.share(),
                            grading.rwPointsWithin(),
                            grading.rwPointCount(),
                            grading.withinMeters())));
        }

        Double share = r.largestComponentLengthShare();
        if (share != null && share < Thresholds.LARGEST_COMPONENT_SHARE_GOOD) {
            level = worst(level, share < Thresholds.LARGEST_COMPONENT_SHARE_FAIR ? Level.POOR : Level.FAIR);
            warnings.add(new NetworkWarning(
                    NetworkWarning.Code.FRAGMENTED_NETWORK,
                    String.format(
                            Locale.ROOT,
                            "the road network falls apart into %d pieces and the largest holds only %.0f %% of its length: "
                                    + "trips between pieces are estimated from the straight-line distance",
                            r.componentCount(),
                            100 * share)));
        }

        String by = "by " + mode.name().toLowerCase(Locale.ROOT);
        if (calibration.measured() == null) {
            level = worst(level, Level.FAIR);
            warnings.add(new NetworkWarning(
                    NetworkWarning.Code.FALLBACK_NOT_CALIBRATED,
                    "the detour factor " + by + " has not been measured on this network yet ("
                            + calibration.unavailableReason()
                            + "): estimates for RWs the network does not reach use defaults"));
        } else if (!calibration.measured()) {
            level = worst(level, Level.FAIR);
            warnings.add(new NetworkWarning(
                    NetworkWarning.Code.FALLBACK_NOT_CALIBRATED,
                    String.format(
                            Locale.ROOT,
                            "only %d RW-puskesmas pairs could be measured %s on this network: estimates for RWs it does not "
                                    + "reach use the default detour factor %.2f and %.0f km/h, not measured ones",
                            calibration.pairCount(),
                            by,
                            calibration.detourFactor(),
                            calibration.speedKmh())));
        } else if (calibration.detourFactor() > Thresholds.DETOUR_GOOD) {
            level = worst(level, calibration.detourFactor() > Thresholds.DETOUR_FAIR ? Level.POOR : Level.FAIR);
            warnings.add(new NetworkWarning(
                    NetworkWarning.Code.HIGH_DETOUR,
                    String.format(
                            Locale.ROOT,
                            "%s, road routes are a median %.2f times the straight-line distance (real road networks: "
                                    + "1.2-1.5): the network probably misses lanes people use, so road distances and times "
                                    + "are likely too long",
                            by.substring(0, 1).toUpperCase(Locale.ROOT) + by.substring(1),
                            calibration.detourFactor())));
        }
        return new Assessment(r.kabkotaCode(), mode, level, warnings);
    }

    private static Level worst(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
