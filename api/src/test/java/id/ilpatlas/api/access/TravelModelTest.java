package id.ilpatlas.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.road.RoadGraphOracle;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import id.ilpatlas.geo.testing.Slow;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one travel model on the Kota Pekalongan demo network: every stored road leg of every mode equals an independent
 * shortest path with edge snapping ({@link RoadGraphOracle}); no leg is faster than its mode allows or shorter than
 * the straight line; the fallback is the network's own median ratio and speed, recomputed here; one-way streets bind
 * vehicles and not walkers; cars keep off footpaths.
 */
@Slow
class TravelModelTest extends IntegrationTest {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    @Autowired
    RwAccessService access;

    @Autowired
    TravelModel travel;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void fresh() {
        access.refreshIfStale("33.75");
    }

    private List<Map<String, Object>> rows(String where) {
        return jdbc.sql("""
                        SELECT a.rw_code, a.target, a.mode, a.method, a.distance_meters, a.road_distance_meters,
                               a.travel_time_seconds, a.detour_factor, a.connector_meters,
                               ST_X(p.point) AS x, ST_Y(p.point) AS y, ST_X(f.location) AS fx, ST_Y(f.location) AS fy
                          FROM rw_access a
                          JOIN rw_representative_points p ON p.kabkota_code = a.kabkota_code AND p.rw_code = a.rw_code
                          JOIN facilities f ON f.id = a.facility_id
                         WHERE a.kabkota_code = '33.75'""" + " AND " + where + " ORDER BY a.rw_code, a.target, a.mode")
                .query()
                .listOfRows();
    }

    private static double d(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    @Test
    void everyRoadLegEqualsAnIndependentShortestPathWithEdgeSnapping() {
        RoadGraphOracle oracle = RoadGraphOracle.load(jdbc, "33.75");
        assertThat(oracle.edgeCount()).as("demo network edges").isGreaterThan(300);
        List<Map<String, Object>> road = rows("a.method = 'ROAD' AND a.target <> 'NEAREST_FACILITY'");
        assertThat(road).as("road legs").hasSizeGreaterThan(3 * 200);
        int checked = 0;
        int ties = 0;
        java.util.Set<String> tiePoints = new java.util.HashSet<>();
        long points =
                road.stream().map(r -> r.get("x") + "," + r.get("y")).distinct().count()
                        + road.stream()
                                .map(r -> r.get("fx") + "," + r.get("fy"))
                                .distinct()
                                .count();
        for (Map<String, Object> row : road) {
            TravelMode mode = TravelMode.valueOf((String) row.get("mode"));
            String as = String.format(Locale.ROOT, "%s to its %s by %s", row.get("rw_code"), row.get("target"), mode);
            // Two edges within 1 % of the same distance are a tie that sphere and spheroid may break differently:
            // the stored leg must then match the oracle's leg through one of them.
            List<RoadGraphOracle.Leg> candidates =
                    oracle.legs(d(row, "x"), d(row, "y"), d(row, "fx"), d(row, "fy"), mode, 0.01);
            assertThat(candidates).as(as + ": the oracle finds a path").isNotEmpty();
            // A point joining at a vertex shared by several edges is an exact tie with equal legs: not counted.
            double spread = candidates.stream()
                            .mapToDouble(RoadGraphOracle.Leg::distanceMeters)
                            .max()
                            .orElse(0)
                    - candidates.stream()
                            .mapToDouble(RoadGraphOracle.Leg::distanceMeters)
                            .min()
                            .orElse(0);
            if (spread > 3) {
                ties++;
                for (String end : List.of("x", "y")) {
                    String f = end.equals("x") ? "" : "f";
                    if (oracle.joins(d(row, f + "x"), d(row, f + "y"), mode, 0.01).stream()
                                    .map(j -> j.edge().id())
                                    .distinct()
                                    .count()
                            > 1) {
                        tiePoints.add(row.get(f + "x") + "," + row.get(f + "y"));
                    }
                }
            }
            RoadGraphOracle.Leg expected = candidates.stream()
                    .min(java.util.Comparator.comparingDouble(l ->
                            Math.abs(l.distanceMeters() - d(row, "road_distance_meters")) / (1 + l.distanceMeters())
                                    + Math.abs(l.durationSeconds() - d(row, "travel_time_seconds"))
                                            / (1 + l.durationSeconds())))
                    .orElseThrow();
            assertThat(d(row, "road_distance_meters"))
                    .as(as + ": distance")
                    .isCloseTo(expected.distanceMeters(), within(3 + 0.005 * expected.distanceMeters()));
            assertThat(d(row, "travel_time_seconds"))
                    .as(as + ": time")
                    .isCloseTo(expected.durationSeconds(), within(2 + 0.005 * expected.durationSeconds()));
            assertThat(d(row, "connector_meters"))
                    .as(as + ": connectors")
                    .isCloseTo(
                            expected.from().connectorMeters() + expected.to().connectorMeters(),
                            within(1 + 0.006 * d(row, "connector_meters")))
                    .isLessThanOrEqualTo(2 * TravelModel.MAX_CONNECTOR_METERS);
            checked++;
        }
        assertThat(tiePoints)
                .as("points with a near tie between two roads (of %d)", points)
                .hasSizeLessThan((int) (points / 20));
        System.out.printf(
                Locale.ROOT,
                "%d road legs equal the independent shortest path (%d through one of %d points "
                        + "with a near tie between two roads)%n",
                checked,
                ties,
                tiePoints.size());
    }

    @Test
    void noLegIsFasterThanItsModeAllowsOrShorterThanTheStraightLine() {
        List<Map<String, Object>> all = rows("true");
        assertThat(all).hasSizeGreaterThan(9 * 200);
        for (Map<String, Object> row : all) {
            TravelMode mode = TravelMode.valueOf((String) row.get("mode"));
            String as = row.get("rw_code") + " " + row.get("target") + " " + mode + " " + row.get("method");
            assertThat(d(row, "road_distance_meters"))
                    .as(as + ": never shorter than the straight line")
                    .isGreaterThanOrEqualTo(d(row, "distance_meters") - 0.5);
            double fastest = d(row, "road_distance_meters") / (mode.maxSpeedKmh() / 3.6);
            assertThat(d(row, "travel_time_seconds"))
                    .as(as + ": never faster than %s km/h", mode.maxSpeedKmh())
                    .isGreaterThanOrEqualTo(fastest - 1e-6);
        }
        // Walking is slower than riding on every road leg of the same RW and puskesmas.
        Map<String, Double> motorbike = new LinkedHashMap<>();
        rows("a.mode = 'MOTORBIKE' AND a.method = 'ROAD'")
                .forEach(r -> motorbike.put(r.get("rw_code") + ">" + r.get("target"), d(r, "travel_time_seconds")));
        for (Map<String, Object> walk : rows("a.mode = 'WALK' AND a.method = 'ROAD'")) {
            Double ride = motorbike.get(walk.get("rw_code") + ">" + walk.get("target"));
            if (ride != null && ride > 0) {
                assertThat(d(walk, "travel_time_seconds")).isGreaterThan(ride);
            }
        }
    }

    @Test
    void theFallbackIsTheNetworksOwnMedianRecomputedHere() {
        for (TravelMode mode : TravelMode.values()) {
            // The distinct RW-to-puskesmas trips the network reaches, at least 100 m apart.
            Map<String, double[]> trips = new LinkedHashMap<>();
            for (Map<String, Object> r : rows("a.mode = '" + mode + "' AND a.method = 'ROAD' "
                    + "AND a.target IN ('RESPONSIBLE_PUSKESMAS', 'NEAREST_PUSKESMAS')")) {
                if (d(r, "distance_meters") >= TravelModel.MIN_CALIBRATION_STRAIGHT_METERS) {
                    trips.putIfAbsent(r.get("rw_code") + ">" + r.get("fx") + "," + r.get("fy"), new double[] {
                        d(r, "road_distance_meters") / d(r, "distance_meters"),
                        d(r, "road_distance_meters") / d(r, "travel_time_seconds") * 3.6
                    });
                }
            }
            double[] ratios =
                    trips.values().stream().mapToDouble(t -> t[0]).sorted().toArray();
            double[] speeds =
                    trips.values().stream().mapToDouble(t -> t[1]).sorted().toArray();
            TravelModel.Calibration stored = travel.calibration("33.75", mode);
            assertThat(stored.measured()).as(mode + " measured").isTrue();
            assertThat(stored.pairs()).isEqualTo(ratios.length);
            assertThat(stored.detourFactor()).as(mode + " detour factor").isCloseTo(median(ratios), within(1e-9));
            assertThat(stored.speedKmh()).as(mode + " speed").isCloseTo(median(speeds), within(1e-9));
            assertThat(stored.shareOver2())
                    .isCloseTo(
                            Arrays.stream(ratios).filter(r -> r > 2).count() / (double) ratios.length, within(1e-12));
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d pairs, road/straight median %.3f (p10 %.3f, p90 %.3f, max %.2f, "
                            + "%.1f %% over 2), median road speed %.1f km/h%n",
                    mode,
                    stored.pairs(),
                    stored.detourFactor(),
                    stored.ratioP10(),
                    stored.ratioP90(),
                    stored.ratioMax(),
                    100 * stored.shareOver2(),
                    stored.speedKmh());
            // Every stored fallback uses it, and never looks shorter or faster than it.
            for (Map<String, Object> r : rows("a.mode = '" + mode + "' AND a.method = 'GEODESIC_DETOUR'")) {
                assertThat(d(r, "detour_factor")).isEqualTo(stored.detourFactor());
                assertThat(d(r, "road_distance_meters"))
                        .isGreaterThanOrEqualTo(d(r, "distance_meters") * stored.detourFactor() - 1e-6);
                assertThat(d(r, "travel_time_seconds"))
                        .isGreaterThanOrEqualTo(
                                d(r, "distance_meters") * stored.detourFactor() / (stored.speedKmh() / 3.6) - 1e-6);
            }
        }
        // A point 35 km out in the Java Sea: the calibrated estimate, never a road leg.
        Point sea = point(109.68, -6.55);
        Point tirto = jdbc.sql("SELECT ST_X(location), ST_Y(location) FROM facilities WHERE code = 'PKM-3375-TIRTO'")
                .query((rs, n) -> point(rs.getDouble(1), rs.getDouble(2)))
                .single();
        TravelModel.Leg leg = travel.legs("33.75", List.of(sea), List.of(tirto), TravelMode.MOTORBIKE, true)
                .get(0);
        TravelModel.Calibration motorbike = travel.calibration("33.75", TravelMode.MOTORBIKE);
        assertThat(leg.method()).isEqualTo(TravelModel.Method.GEODESIC_DETOUR);
        assertThat(leg.straightMeters()).isGreaterThan(30_000);
        assertThat(leg.distanceMeters()).isGreaterThanOrEqualTo(leg.straightMeters() * motorbike.detourFactor());
        assertThat(leg.durationSeconds())
                .isGreaterThanOrEqualTo(leg.straightMeters() * motorbike.detourFactor() / (motorbike.speedKmh() / 3.6));
        assertThat(leg.detourFactor()).isEqualTo(motorbike.detourFactor());
    }

    /** One-way streets bind motorbikes and cars, not walkers; cars keep off footpaths. In a rolled-back transaction. */
    @Test
    void onewayStreetsBindVehiclesAndCarsKeepOffFootpaths() {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            // The longest LOKAL edge; points 1/4 and 3/4 along it, on it.
            Map<String, Object> edge = jdbc.sql("""
                            SELECT id, length_meters,
                                   ST_X(ST_LineInterpolatePoint(geom, 0.25)) AS ax, ST_Y(ST_LineInterpolatePoint(geom, 0.25)) AS ay,
                                   ST_X(ST_LineInterpolatePoint(geom, 0.75)) AS bx, ST_Y(ST_LineInterpolatePoint(geom, 0.75)) AS by
                              FROM road_edges WHERE kabkota_code = '33.75' AND road_class = 'LOKAL'
                             ORDER BY length_meters DESC LIMIT 1""").query().singleRow();
            Point a = point(d(edge, "ax"), d(edge, "ay"));
            Point b = point(d(edge, "bx"), d(edge, "by"));
            double half = d(edge, "length_meters") / 2;
            for (TravelMode mode : TravelMode.values()) {
                List<TravelModel.Leg> legs = travel.legs("33.75", List.of(a, b), List.of(a, b), mode, true);
                assertThat(legs.get(1).method()).isEqualTo(TravelModel.Method.ROAD);
                assertThat(legs.get(1).distanceMeters())
                        .as(mode + " along the edge")
                        .isCloseTo(half, within(1.0));
                assertThat(legs.get(2).distanceMeters())
                        .as(mode + " back along the edge")
                        .isCloseTo(half, within(1.0));
                assertThat(legs.get(1).durationSeconds())
                        .as(mode + " time along a LOKAL edge")
                        .isCloseTo(half / (mode.speedKmh(id.ilpatlas.api.road.RoadClass.LOKAL) / 3.6), within(1.0));
            }
            jdbc.sql("UPDATE road_edges SET oneway = true WHERE id = :id")
                    .param("id", edge.get("id"))
                    .update();
            for (TravelMode mode : TravelMode.values()) {
                List<TravelModel.Leg> legs = travel.legs("33.75", List.of(a, b), List.of(a, b), mode, true);
                assertThat(legs.get(1).distanceMeters())
                        .as(mode + " with the one-way")
                        .isCloseTo(half, within(1.0));
                if (mode.keepsOneway()) {
                    assertThat(legs.get(2).distanceMeters())
                            .as(mode + " against the one-way goes round")
                            .isGreaterThan(half + 1);
                } else {
                    assertThat(legs.get(2).distanceMeters())
                            .as("walking ignores one-way")
                            .isCloseTo(half, within(1.0));
                }
            }
            jdbc.sql("UPDATE road_edges SET oneway = false, road_class = 'SETAPAK' WHERE id = :id")
                    .param("id", edge.get("id"))
                    .update();
            TravelModel.Leg car = travel.legs("33.75", List.of(a), List.of(b), TravelMode.CAR, true)
                    .get(0);
            TravelModel.Leg walk = travel.legs("33.75", List.of(a), List.of(b), TravelMode.WALK, true)
                    .get(0);
            assertThat(walk.distanceMeters()).as("walking on the footpath").isCloseTo(half, within(1.0));
            assertThat(car.road() == null || car.road().from().edgeId() != ((Number) edge.get("id")).longValue())
                    .as("a car never joins a footpath")
                    .isTrue();
            assertThat(car.distanceMeters()).isGreaterThan(half + 1);
        });
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Point point(double lon, double lat) {
        return WGS84.createPoint(new Coordinate(lon, lat));
    }
}
