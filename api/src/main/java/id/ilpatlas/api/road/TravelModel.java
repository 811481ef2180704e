package id.ilpatlas.api.road;

import id.ilpatlas.api.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Point;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one travel model of access, target ranking, Pusling plans and the travel-time surface: how far and how long a
 * trip is in a {@link TravelMode}, by road where the network reaches, else by an estimate calibrated on the network
 * itself. This class alone decides "road, else fallback".
 *
 * <p><b>Road.</b> {@link RoadRouting}: both ends join the network at the nearest point of an edge the mode may use;
 * the leg is reached when a path joins them and both connectors are at most {@value #MAX_CONNECTOR_METERS} m long.
 * Its distance runs along the shortest path, its time along the fastest, connectors included. Every edge is
 * travelled at most at the mode's speed for its class, so no road leg is faster than {@link
 * TravelMode#maxSpeedKmh()}, and (connectors being straight) none is shorter than the straight line.
 *
 * <p><b>Fallback</b> ({@link Method#GEODESIC_DETOUR}). Geodesic distance × the kab/kota's detour factor, at its road
 * speed, both measured on its own network for the mode ({@link Calibration}; stored by {@link #calibrate}). A trip the
 * network joins but with a connector too long is never shown shorter or faster than its road measure: the larger of
 * the two is taken. Without a measured calibration (no network, or fewer than {@value #MIN_CALIBRATION_PAIRS}
 * reached pairs) the factor is {@value #DEFAULT_DETOUR_FACTOR} (the mean road/straight-line ratio to the nearest
 * hospital over the US, Boscoe, Henry and Zdeb 2012, Prof. Geogr. 64(2); circuity studies give 1.2–1.5) and the speed
 * the mode's {@link RoadClass#LOKAL} speed, and the calibration says it was not measured.
 */
@Component
public class TravelModel {

    /** A connector longer than this leaves a trip off the network. */
    public static final double MAX_CONNECTOR_METERS = 500;
    /** The detour factor when the network gives no measure (Boscoe et al. 2012). */
    public static final double DEFAULT_DETOUR_FACTOR = 1.417;
    /** Reached pairs needed before the network's own median replaces the defaults. */
    public static final int MIN_CALIBRATION_PAIRS = 10;
    /** Pairs closer than this are left out of the calibration: their ratio measures the connectors, not the roads. */
    public static final double MIN_CALIBRATION_STRAIGHT_METERS = 100;

    /** How a leg's distance and time were obtained. */
    public enum Method {
        /** On the road network. */
        ROAD,
        /** Geodesic distance × the calibrated detour factor at the calibrated speed: the network does not reach. */
        GEODESIC_DETOUR
    }

    /**
     * The fallback of one kab/kota and mode.
     *
     * @param pairs        reached pairs measured (0 when not measured)
     * @param measured     false when the defaults stand (no network, too few pairs)
     * @param detourFactor median road/straight ratio over the pairs (≥ 1)
     * @param speedKmh     median speed of the road legs of the pairs
     * @param ratioP10     10th percentile of the ratio; null when not measured (likewise below)
     * @param ratioP90     90th percentile of the ratio
     * @param ratioMax     largest ratio
     * @param shareOver2   share of the pairs whose ratio exceeds 2
     */
    public record Calibration(
            String kabkotaCode,
            TravelMode mode,
            int pairs,
            boolean measured,
            double detourFactor,
            double speedKmh,
            Double ratioP10,
            Double ratioP90,
            Double ratioMax,
            Double shareOver2) {

        /**
         * The calibration in a row of {@code road_network_calibrations} (its columns pairs, measured, detour_factor,
         * speed_kmh, ratio_p10, ratio_p90, ratio_max and share_over_2).
         */
        static Calibration stored(String kabkotaCode, TravelMode mode, ResultSet rs) throws SQLException {
            return new Calibration(
                    kabkotaCode,
                    mode,
                    rs.getInt("pairs"),
                    rs.getBoolean("measured"),
                    rs.getDouble("detour_factor"),
                    rs.getDouble("speed_kmh"),
                    (Double) rs.getObject("ratio_p10"),
                    (Double) rs.getObject("ratio_p90"),
                    (Double) rs.getObject("ratio_max"),
                    (Double) rs.getObject("share_over_2"));
        }

        /** The defaults of a mode, not measured. */
        public static Calibration defaults(String kabkotaCode, TravelMode mode) {
            return new Calibration(
                    kabkotaCode,
                    mode,
                    0,
                    false,
                    DEFAULT_DETOUR_FACTOR,
                    mode.speedKmh(RoadClass.LOKAL),
                    null,
                    null,
                    null,
                    null);
        }
    }

    /** A raw measurement of a trip: the straight line and, when routed, the road leg. */
    public record Measurement(double straightMeters, RoadLeg road) {}

    /**
     * A trip as the model decides it.
     *
     * @param straightMeters  geodesic distance on the spheroid
     * @param distanceMeters  by road, or the fallback estimate
     * @param durationSeconds by road, or the fallback estimate
     * @param method          which of the two
     * @param detourFactor    the factor of a fallback; null for ROAD
     * @param road            the road leg when one was measured (connectors, snaps), else null
     */
    public record Leg(
            double straightMeters,
            double distanceMeters,
            double durationSeconds,
            Method method,
            Double detourFactor,
            RoadLeg road) {

        /** The road leg's connectors in metres when the leg is by road; else null. */
        public Double connectorMeters() {
            return method == Method.ROAD ? road.connectorMeters() : null;
        }
    }

    private final JdbcClient jdbc;
    private final RoadRouting routing;
    private final PgRouting pgRouting;

    TravelModel(JdbcClient jdbc, RoadRouting routing, PgRouting pgRouting) {
        this.jdbc = jdbc;
        this.routing = routing;
        this.pgRouting = pgRouting;
    }

    /**
     * Every trip from every {@code from} point to every {@code to} point, {@code from}-major, decided with the
     * stored calibration of the kab/kota; with {@code useRoads} false (or without pgRouting) every leg is a fallback.
     */
    public List<Leg> legs(String kabkotaCode, List<Point> from, List<Point> to, TravelMode mode, boolean useRoads) {
        Calibration calibration = calibration(kabkotaCode, mode);
        return measure(from, to, mode, useRoads).stream()
                .map(m -> decide(m, calibration))
                .toList();
    }

    /** The raw measurements of every trip, {@code from}-major (roads only when asked for and available). */
    public List<Measurement> measure(List<Point> from, List<Point> to, TravelMode mode, boolean useRoads) {
        double[] straight = straightMeters(from, to);
        List<RoadLeg> road = useRoads && pgRouting.installed() && !from.isEmpty() && !to.isEmpty()
                ? routing.legs(from, to, mode)
                : null;
        List<Measurement> result = new ArrayList<>(straight.length);
        for (int i = 0; i < straight.length; i++) {
            result.add(new Measurement(straight[i], road == null ? null : road.get(i)));
        }
        return result;
    }

    /** The model's decision on one measured trip. */
    public static Leg decide(Measurement m, Calibration calibration) {
        RoadLeg road = m.road();
        if (road != null && road.reachedWithin(MAX_CONNECTOR_METERS)) {
            return new Leg(m.straightMeters(), road.distanceMeters(), road.durationSeconds(), Method.ROAD, null, road);
        }
        double meters = m.straightMeters() * calibration.detourFactor();
        double seconds = meters / (calibration.speedKmh() / 3.6);
        if (road != null && road.connected()) {
            meters = Math.max(meters, road.distanceMeters());
            seconds = Math.max(seconds, road.durationSeconds());
        }
        return new Leg(m.straightMeters(), meters, seconds, Method.GEODESIC_DETOUR, calibration.detourFactor(), road);
    }

    /**
     * Measures the fallback of a kab/kota and mode on the given trips (those the network reaches, at least
     * {@value #MIN_CALIBRATION_STRAIGHT_METERS} m apart in a straight line) and stores it; fewer than {@value
     * #MIN_CALIBRATION_PAIRS} such trips leave the defaults, stored as not measured. Runs in the caller's transaction.
     */
    public Calibration calibrate(String kabkotaCode, TravelMode mode, List<Measurement> trips) {
        List<double[]> reached = trips.stream()
                .filter(m -> m.road() != null
                        && m.road().reachedWithin(MAX_CONNECTOR_METERS)
                        && m.straightMeters() >= MIN_CALIBRATION_STRAIGHT_METERS)
                .map(m -> new double[] {
                    m.road().distanceMeters() / m.straightMeters(),
                    m.road().distanceMeters() / m.road().durationSeconds() * 3.6
                })
                .toList();
        Calibration calibration;
        if (reached.size() < MIN_CALIBRATION_PAIRS) {
            Calibration d = Calibration.defaults(kabkotaCode, mode);
            calibration = new Calibration(
                    kabkotaCode, mode, reached.size(), false, d.detourFactor(), d.speedKmh(), null, null, null, null);
        } else {
            double[] ratios = reached.stream().mapToDouble(r -> r[0]).sorted().toArray();
            double[] speeds = reached.stream().mapToDouble(r -> r[1]).sorted().toArray();
            calibration = new Calibration(
                    kabkotaCode,
                    mode,
                    reached.size(),
                    true,
                    Math.max(1, median(ratios)),
                    median(speeds),
                    quantile(ratios, 0.10),
                    quantile(ratios, 0.90),
                    ratios[ratios.length - 1],
                    Arrays.stream(ratios).filter(r -> r > 2).count() / (double) ratios.length);
        }
        jdbc.sql(Sql.load("sql/road/store-calibration.sql"))
                .param("k", kabkotaCode)
                .param("mode", mode.name())
                .param("pairs", calibration.pairs())
                .param("measured", calibration.measured())
                .param("factor", calibration.detourFactor())
                .param("speed", calibration.speedKmh())
                .param("p10", calibration.ratioP10())
                .param("p90", calibration.ratioP90())
                .param("max", calibration.ratioMax())
                .param("over2", calibration.shareOver2())
                .update();
        return calibration;
    }

    /** The stored calibration of a kab/kota and mode, else the defaults. */
    public Calibration calibration(String kabkotaCode, TravelMode mode) {
        Optional<Calibration> stored = jdbc.sql("""
                        SELECT pairs, measured, detour_factor, speed_kmh, ratio_p10, ratio_p90, ratio_max, share_over_2
                          FROM road_network_calibrations WHERE kabkota_code = :k AND mode = :mode""")
                .param("k", kabkotaCode)
                .param("mode", mode.name())
                .query((rs, n) -> Calibration.stored(kabkotaCode, mode, rs))
                .optional();
        return stored.orElseGet(() -> Calibration.defaults(kabkotaCode, mode));
    }

    /** Geodesic distances on the spheroid, {@code from}-major. */
    private double[] straightMeters(List<Point> from, List<Point> to) {
        double[] result = new double[from.size() * to.size()];
        if (result.length == 0) {
            return result;
        }
        jdbc.sql(Sql.load("sql/road/straight-meters.sql"))
                .param("ax", from.stream().map(Point::getX).toArray(Double[]::new))
                .param("ay", from.stream().map(Point::getY).toArray(Double[]::new))
                .param("bx", to.stream().map(Point::getX).toArray(Double[]::new))
                .param("by", to.stream().map(Point::getY).toArray(Double[]::new))
                .query((rs, n) -> result[(rs.getInt(1) - 1) * to.size() + rs.getInt(2) - 1] = rs.getDouble(3))
                .list();
        return result;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Linear-interpolation quantile of sorted values (type 7, as R and numpy by default). */
    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
