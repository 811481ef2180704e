package id.ilpatlas.api.access;

import id.ilpatlas.api.Sql;
import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.facility.FacilityType;
import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes and keeps, per kab/kota, the representative point of every RW ({@code sql/access/representative-points.sql}),
 * its responsible puskesmas ({@code sql/access/responsible-puskesmas.sql}: the wilayah kerja that holds it), its
 * nearest puskesmas and nearest facility of any type ({@code sql/access/nearest-facility.sql}, geodesic; its header
 * proves the candidate bound of the batched index search), and the
 * trip to each of the three in every {@link TravelMode} by the one {@link TravelModel}: road where the network
 * reaches, else the fallback calibrated on this kab/kota's own network over the RW-to-puskesmas trips it reaches
 * (stored in {@code road_network_calibrations}, reported by {@code roadNetwork}). The other steps of a refresh are in
 * {@code sql/access/} too: {@code refresh-clear.sql}, {@code responsible-pairs.sql}, {@code nearest-pairs.sql},
 * {@code insert-access.sql}, {@code unassigned-count.sql}; whether a kab/kota is stale, {@code stale.sql}.
 */
@Service
public class RwAccessService {

    public static final int MIN_WEIGHTING_POINTS = 10;
    /** Facilities taken per grid cell by the index search ({@code sql/access/nearest-facility.sql}). */
    static final int KNN_CANDIDATES = 5;

    /** What a stored row leads to. */
    public enum Target {
        RESPONSIBLE_PUSKESMAS,
        NEAREST_PUSKESMAS,
        NEAREST_FACILITY
    }

    /** A summary of one refresh (the counts are of the MOTORBIKE legs to the responsible puskesmas). */
    public record Refresh(
            String kabkotaCode,
            int rwCount,
            int roadCount,
            int detourCount,
            int unassignedCount,
            int notNearestCount) {}

    private static final Logger log = LoggerFactory.getLogger(RwAccessService.class);
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TravelModel travel;

    RwAccessService(JdbcClient jdbc, TransactionTemplate transactions, TravelModel travel) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.travel = travel;
    }

    /**
     * Refreshes the given kab/kota, each in its own transaction, on as many connections at once as there are cores
     * (a national refresh: bench/access.sh measures 2 connections at about twice the speed of one).
     */
    public List<Refresh> refresh(List<String> kabkotaCodes) {
        if (kabkotaCodes.size() <= 1) {
            return kabkotaCodes.stream().map(this::refresh).toList();
        }
        int threads = Math.min(kabkotaCodes.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Refresh>> futures = kabkotaCodes.stream()
                    .map(k -> pool.submit(() -> refresh(k)))
                    .toList();
            List<Refresh> done = new ArrayList<>();
            for (Future<Refresh> f : futures) {
                done.add(f.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while refreshing RW access", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One RW's point and the facility a target leads it to, with the geodesic distance. */
    private record Pair(
            String rwCode,
            double longitude,
            double latitude,
            long facilityId,
            double distanceMeters,
            double facilityLongitude,
            double facilityLatitude) {}

    /**
     * Recomputes the representative points, the responsible puskesmas, the nearest puskesmas and facility, the trips
     * in every mode and the calibration of every mode, of one kab/kota, in one transaction (readers see the old rows
     * until it commits).
     */
    public Refresh refresh(String kabkotaCode) {
        long started = System.nanoTime();
        Refresh refresh = transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('rw_access:' || :k))")
                    .param("k", kabkotaCode)
                    .query()
                    .singleRow();
            jdbc.sql(Sql.load("sql/access/refresh-clear.sql"))
                    .param("k", kabkotaCode)
                    .update();
            int rws = jdbc.sql(Sql.load("sql/access/representative-points.sql"))
                    .param("k", kabkotaCode)
                    .param("min", MIN_WEIGHTING_POINTS)
                    .update();
            jdbc.sql(Sql.load("sql/access/responsible-puskesmas.sql"))
                    .param("k", kabkotaCode)
                    .update();
            Map<Target, List<Pair>> pairs = new EnumMap<>(Target.class);
            pairs.put(Target.RESPONSIBLE_PUSKESMAS, responsiblePairs(kabkotaCode));
            pairs.put(
                    Target.NEAREST_PUSKESMAS,
                    nearestPairs("p.kabkota_code = :k", Map.of("k", kabkotaCode), FacilityType.PUSKESMAS));
            pairs.put(Target.NEAREST_FACILITY, nearestPairs("p.kabkota_code = :k", Map.of("k", kabkotaCode), null));
            int road = 0;
            int detour = 0;
            for (TravelMode mode : TravelMode.values()) {
                Map<Target, List<TravelModel.Leg>> legs = measureAndCalibrate(kabkotaCode, mode, pairs);
                for (Target target : Target.values()) {
                    insert(kabkotaCode, target, mode, pairs.get(target), legs.get(target));
                }
                if (mode == TravelMode.DEFAULT) {
                    road = (int) legs.get(Target.RESPONSIBLE_PUSKESMAS).stream()
                            .filter(l -> l.method() == TravelModel.Method.ROAD)
                            .count();
                    detour = legs.get(Target.RESPONSIBLE_PUSKESMAS).size() - road;
                }
            }
            int unassigned = jdbc.sql(Sql.load("sql/access/unassigned-count.sql"))
                    .param("k", kabkotaCode)
                    .query(Integer.class)
                    .single();
            Map<String, Long> nearest = new HashMap<>();
            pairs.get(Target.NEAREST_PUSKESMAS).forEach(p -> nearest.put(p.rwCode(), p.facilityId()));
            int notNearest = (int) pairs.get(Target.RESPONSIBLE_PUSKESMAS).stream()
                    .filter(p -> !Long.valueOf(p.facilityId()).equals(nearest.get(p.rwCode())))
                    .count();
            return new Refresh(kabkotaCode, rws, road, detour, unassigned, notNearest);
        });
        log.info(
                "RW access of {} refreshed in {} ms: {} RWs; to the responsible puskesmas by motorbike {} by road, "
                        + "{} by estimate; {} RWs without one responsible puskesmas, {} whose responsible puskesmas is "
                        + "not the nearest",
                kabkotaCode,
                (System.nanoTime() - started) / 1_000_000,
                refresh.rwCount(),
                refresh.roadCount(),
                refresh.detourCount(),
                refresh.unassignedCount(),
                refresh.notNearestCount());
        return refresh;
    }

    /**
     * The trips of every target in one mode: one many-to-many measurement from the RW points to the distinct
     * facilities, the kab/kota's calibration of the mode measured on its trips to puskesmas (responsible and nearest),
     * then the model's decision on every trip.
     */
    private Map<Target, List<TravelModel.Leg>> measureAndCalibrate(
            String kabkotaCode, TravelMode mode, Map<Target, List<Pair>> pairs) {
        List<Pair> all = new ArrayList<>();
        pairs.values().forEach(all::addAll);
        List<TravelModel.Measurement> measuredAll = measure(all, mode);
        Map<Target, List<TravelModel.Measurement>> measured = new EnumMap<>(Target.class);
        int offset = 0;
        for (Map.Entry<Target, List<Pair>> entry : pairs.entrySet()) {
            measured.put(
                    entry.getKey(),
                    measuredAll.subList(offset, offset + entry.getValue().size()));
            offset += entry.getValue().size();
        }
        // Calibrated on the distinct RW-to-puskesmas trips.
        Map<String, TravelModel.Measurement> puskesmasTrips = new LinkedHashMap<>();
        for (Target target : List.of(Target.RESPONSIBLE_PUSKESMAS, Target.NEAREST_PUSKESMAS)) {
            List<Pair> list = pairs.get(target);
            for (int i = 0; i < list.size(); i++) {
                puskesmasTrips.putIfAbsent(
                        list.get(i).rwCode() + ">" + list.get(i).facilityId(),
                        measured.get(target).get(i));
            }
        }
        TravelModel.Calibration calibration =
                travel.calibrate(kabkotaCode, mode, new ArrayList<>(puskesmasTrips.values()));
        Map<Target, List<TravelModel.Leg>> legs = new EnumMap<>(Target.class);
        measured.forEach((target, list) -> legs.put(
                target,
                list.stream().map(m -> TravelModel.decide(m, calibration)).toList()));
        return legs;
    }

    /**
     * The raw measurement of every pair's trip from the RW's point to the facility, in one many-to-many
     * measurement over the distinct RW points and facilities; in the pairs' order.
     */
    private List<TravelModel.Measurement> measure(List<Pair> pairs, TravelMode mode) {
        Map<String, Integer> rwIndex = new LinkedHashMap<>();
        Map<Long, Integer> facilityIndex = new LinkedHashMap<>();
        List<Point> from = new ArrayList<>();
        List<Point> to = new ArrayList<>();
        for (Pair p : pairs) {
            rwIndex.computeIfAbsent(p.rwCode(), k -> {
                from.add(point(p.longitude(), p.latitude()));
                return from.size() - 1;
            });
            facilityIndex.computeIfAbsent(p.facilityId(), k -> {
                to.add(point(p.facilityLongitude(), p.facilityLatitude()));
                return to.size() - 1;
            });
        }
        List<TravelModel.Measurement> matrix = travel.measure(from, to, mode, true);
        return pairs.stream()
                .map(p -> matrix.get(rwIndex.get(p.rwCode()) * to.size() + facilityIndex.get(p.facilityId())))
                .toList();
    }

    private List<Pair> responsiblePairs(String kabkotaCode) {
        return jdbc.sql(Sql.load("sql/access/responsible-pairs.sql"))
                .param("k", kabkotaCode)
                .query((rs, n) -> new Pair(
                        rs.getString("rw_code"),
                        rs.getDouble("x"),
                        rs.getDouble("y"),
                        rs.getLong("id"),
                        rs.getDouble("distance_m"),
                        rs.getDouble("fx"),
                        rs.getDouble("fy")))
                .list();
    }

    /**
     * The nearest active facility of a type (null: any type) of the representative points selected by {@code where}
     * (on alias {@code p}); points without any facility are left out.
     */
    private List<Pair> nearestPairs(String where, Map<String, ?> params, FacilityType type) {
        String sql = Sql.load("sql/access/nearest-facility.sql")
                // An enum constant's name, inlined so that the planner can use the partial puskesmas index.
                .replace("/*facility filter*/", type == null ? "" : "AND f.type = '" + type.name() + "'")
                .replace("/*point filter*/", where);
        List<Pair> result = new ArrayList<>();
        jdbc.sql(Sql.load("sql/access/nearest-pairs.sql").replace("/*nearest facility*/", sql))
                .params(params)
                .param("candidates", KNN_CANDIDATES)
                .query((rs, n) -> result.add(new Pair(
                        rs.getString("rw_code"),
                        rs.getDouble("x"),
                        rs.getDouble("y"),
                        rs.getLong("facility_id"),
                        rs.getDouble("distance_m"),
                        rs.getDouble("fx"),
                        rs.getDouble("fy"))))
                .list();
        return result;
    }

    private void insert(
            String kabkotaCode, Target target, TravelMode mode, List<Pair> pairs, List<TravelModel.Leg> legs) {
        if (pairs.isEmpty()) {
            return;
        }
        jdbc.sql(Sql.load("sql/access/insert-access.sql"))
                .param("target", target.name())
                .param("mode", mode.name())
                .param("k", kabkotaCode)
                .param("rw", pairs.stream().map(Pair::rwCode).toArray(String[]::new))
                .param("f", pairs.stream().map(Pair::facilityId).toArray(Long[]::new))
                .param("d", pairs.stream().map(Pair::distanceMeters).toArray(Double[]::new))
                .param("rd", legs.stream().map(TravelModel.Leg::distanceMeters).toArray(Double[]::new))
                .param("t", legs.stream().map(TravelModel.Leg::durationSeconds).toArray(Double[]::new))
                .param("m", legs.stream().map(l -> l.method().name()).toArray(String[]::new))
                .param("df", legs.stream().map(TravelModel.Leg::detourFactor).toArray(Double[]::new))
                .param("c", legs.stream().map(TravelModel.Leg::connectorMeters).toArray(Double[]::new))
                .update();
    }

    /** The kab/kota codes with RWs whose access rows are missing or out of date. */
    public List<String> staleKabkotaCodes() {
        return jdbc
                .sql("SELECT DISTINCT kabkota_code FROM regions WHERE level = 'RW' ORDER BY 1")
                .query(String.class)
                .list()
                .stream()
                .filter(this::isStale)
                .toList();
    }

    /**
     * Refreshes a kab/kota when its rows are missing or older than a change to the registry (any facility: the
     * nearest may lie across the border; wilayah kerja are edited with their facility), to its RWs, to its case
     * registers (an import) or to its road network. Cheap when fresh: a few index probes.
     */
    public void refreshIfStale(String kabkotaCode) {
        if (isStale(kabkotaCode)) {
            refresh(kabkotaCode);
        }
    }

    private boolean isStale(String kabkotaCode) {
        boolean roads = Boolean.TRUE.equals(jdbc.sql("SELECT to_regclass('road_network_loads') IS NOT NULL")
                .query(Boolean.class)
                .single());
        Boolean stale = jdbc.sql(Sql.load("sql/access/stale.sql")
                        .replace("/*road network loads*/", roads ? Sql.load("sql/access/stale-road-loads.sql") : ""))
                .param("k", kabkotaCode)
                .query(Boolean.class)
                .single();
        return Boolean.TRUE.equals(stale);
    }

    /** The kab/kota codes at or inside a region (a provinsi holds several). */
    List<String> kabkotaCodesOf(String regionCode) {
        if (regionCode.length() >= 5) {
            return List.of(regionCode.substring(0, 5));
        }
        return jdbc.sql("SELECT code FROM regions WHERE level = 'KABKOTA' AND parent_code = :p ORDER BY code")
                .param("p", regionCode)
                .query(String.class)
                .list();
    }

    /**
     * Rows of the RWs at or inside a region, after {@code afterCode}, ordered by RW code, in a mode, with the nearest
     * facility of a type: stored for PUSKESMAS and for any type (null), computed now for the page for other types.
     */
    List<RwAccess> page(String regionCode, FacilityType type, TravelMode mode, String afterCode, int limit) {
        Target nearest = type == null ? Target.NEAREST_FACILITY : Target.NEAREST_PUSKESMAS;
        List<RwAccess> rows = stored(regionCode, nearest, mode, afterCode, limit, null);
        if (type == null || type == FacilityType.PUSKESMAS || rows.isEmpty()) {
            return rows;
        }
        return withNearestOfType(rows, type, mode);
    }

    /** Stored rows of the given RWs (those with a representative point), ordered by RW code. */
    public List<RwAccess> ofRws(Collection<String> rwCodes, TravelMode mode) {
        List<RwAccess> rows = new ArrayList<>();
        rwCodes.stream()
                .map(c -> c.substring(0, 5))
                .distinct()
                .forEach(k -> rows.addAll(stored(
                        k,
                        Target.NEAREST_PUSKESMAS,
                        mode,
                        null,
                        Integer.MAX_VALUE,
                        rwCodes.stream().filter(c -> c.startsWith(k + ".")).toArray(String[]::new))));
        return rows;
    }

    private List<RwAccess> stored(
            String regionCode, Target nearest, TravelMode mode, String afterCode, int limit, String[] only) {
        return jdbc.sql(Sql.load("sql/access/access-page.sql"))
                .param("nearest", nearest.name())
                .param("mode", mode.name())
                .param("kabkota", kabkotaCodesOf(regionCode).toArray(String[]::new))
                .param("code", regionCode)
                .param("prefix", regionCode + ".%")
                .param("after", afterCode)
                .param("limit", limit)
                .param("only", only)
                .query((rs, n) -> new RwAccess(
                        rs.getString("rw_code"),
                        new GeoJson(rs.getString("point")),
                        RwAccess.PointMethod.valueOf(rs.getString("point_method")),
                        mode,
                        responsibility(rs),
                        leg(rs, "r_"),
                        leg(rs, "n_")))
                .list();
    }

    private static RwAccess.Responsibility responsibility(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        if (status == null) {
            return new RwAccess.Responsibility(RwAccess.ResponsibilityStatus.NO_WILAYAH_KERJA, null, List.of());
        }
        Array claimants = rs.getArray("claimant_ids");
        List<Long> ids = claimants == null
                ? List.of()
                : Arrays.stream((Long[]) claimants.getArray()).toList();
        return new RwAccess.Responsibility(
                RwAccess.ResponsibilityStatus.valueOf(status), (Long) rs.getObject("responsible_id"), ids);
    }

    private static RwAccess.Leg leg(ResultSet rs, String prefix) throws SQLException {
        long id = rs.getLong(prefix + "id");
        if (rs.wasNull()) {
            return null;
        }
        return new RwAccess.Leg(
                id,
                rs.getString(prefix + "name"),
                Facility.LocationQuality.valueOf(rs.getString(prefix + "quality")),
                rs.getDouble(prefix + "d"),
                rs.getDouble(prefix + "rd"),
                rs.getDouble(prefix + "t"),
                TravelModel.Method.valueOf(rs.getString(prefix + "m")),
                (Double) rs.getObject(prefix + "f"),
                (Double) rs.getObject(prefix + "c"));
    }

    /** The rows with their nearest leg replaced by the nearest active facility of a type, measured now. */
    private List<RwAccess> withNearestOfType(List<RwAccess> rows, FacilityType type, TravelMode mode) {
        String[] codes = rows.stream().map(RwAccess::rwCode).toArray(String[]::new);
        List<Pair> pairs = nearestPairs("p.rw_code = ANY(:codes)", Map.of("codes", codes), type);
        Map<Long, Facility.LocationQuality> quality = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("SELECT id, location_quality, name FROM facilities WHERE id = ANY(:ids)")
                .param("ids", pairs.stream().map(Pair::facilityId).distinct().toArray(Long[]::new))
                .query((rs, n) -> {
                    names.put(rs.getLong(1), rs.getString(3));
                    return quality.put(rs.getLong(1), Facility.LocationQuality.valueOf(rs.getString(2)));
                })
                .list();
        Map<String, RwAccess.Leg> legs = new HashMap<>();
        // Per kab/kota (the calibration's); a page lies in one or a few.
        Map<String, List<Pair>> byKabkota = new LinkedHashMap<>();
        pairs.forEach(p -> byKabkota
                .computeIfAbsent(p.rwCode().substring(0, 5), k -> new ArrayList<>())
                .add(p));
        byKabkota.forEach((kabkota, list) -> {
            List<TravelModel.Measurement> measured = measure(list, mode);
            TravelModel.Calibration calibration = travel.calibration(kabkota, mode);
            for (int i = 0; i < list.size(); i++) {
                Pair p = list.get(i);
                TravelModel.Leg leg = TravelModel.decide(measured.get(i), calibration);
                legs.put(
                        p.rwCode(),
                        new RwAccess.Leg(
                                p.facilityId(),
                                names.get(p.facilityId()),
                                quality.get(p.facilityId()),
                                p.distanceMeters(),
                                leg.distanceMeters(),
                                leg.durationSeconds(),
                                leg.method(),
                                leg.detourFactor(),
                                leg.connectorMeters()));
            }
        });
        return rows.stream()
                .map(r -> new RwAccess(
                        r.rwCode(),
                        r.representativePoint(),
                        r.pointMethod(),
                        r.mode(),
                        r.responsibility(),
                        r.responsible(),
                        legs.get(r.rwCode())))
                .toList();
    }

    int count(String regionCode) {
        return jdbc.sql("""
                        SELECT count(*) FROM rw_representative_points
                         WHERE kabkota_code = ANY(:kabkota) AND (rw_code = :code OR rw_code LIKE :prefix)""")
                .param("kabkota", kabkotaCodesOf(regionCode).toArray(String[]::new))
                .param("code", regionCode)
                .param("prefix", regionCode + ".%")
                .query(Integer.class)
                .single();
    }

    /** RW and population counts: within the thresholds, beyond, and unassigned (no single responsible puskesmas). */
    public record CoverageCount(
            int rwCount,
            long population,
            int rwWithin,
            long populationWithin,
            int rwBeyond,
            long populationBeyond,
            int rwUnassigned,
            long populationUnassigned,
            int rwWithoutPopulation) {

        CoverageCount plus(CoverageCount b) {
            return new CoverageCount(
                    rwCount + b.rwCount,
                    population + b.population,
                    rwWithin + b.rwWithin,
                    populationWithin + b.populationWithin,
                    rwBeyond + b.rwBeyond,
                    populationBeyond + b.populationBeyond,
                    rwUnassigned + b.rwUnassigned,
                    populationUnassigned + b.populationUnassigned,
                    rwWithoutPopulation + b.rwWithoutPopulation);
        }
    }

    /**
     * The coverage of the RWs of one puskesmas (null: RWs without one; then its name is null and approximate false);
     * {@code status} tells, when grouped by responsible puskesmas, why a group has none (null when grouped by
     * nearest); {@code approximate} whether the puskesmas's point is APPROXIMATE.
     */
    public record FacilityCoverage(
            Long facilityId,
            String facilityName,
            boolean approximate,
            RwAccess.ResponsibilityStatus status,
            CoverageCount coverage) {}

    /** Coverage of a region's RWs, in total and per puskesmas. */
    public record Coverage(
            String regionCode,
            Double withinMeters,
            Double withinMinutes,
            TravelMode mode,
            Target groupedBy,
            CoverageCount total,
            List<FacilityCoverage> byPuskesmas) {}

    /**
     * Coverage of the RWs at or inside a region ({@code sql/access/coverage.sql}) by their responsible or nearest
     * puskesmas ({@code target}) in a mode: within when the leg is at most {@code withinMeters} and {@code
     * withinMinutes} (each when given).
     */
    public Coverage coverage(
            String regionCode, Double withinMeters, Double withinMinutes, TravelMode mode, Target target) {
        List<FacilityCoverage> byPuskesmas = jdbc.sql(Sql.load("sql/access/coverage.sql"))
                .param("m", withinMeters)
                .param("s", withinMinutes == null ? null : withinMinutes * 60)
                .param("mode", mode.name())
                .param("target", target.name())
                .param("kabkota", kabkotaCodesOf(regionCode).toArray(String[]::new))
                .param("code", regionCode)
                .param("prefix", regionCode + ".%")
                .query((rs, n) -> {
                    long id = rs.getLong("facility_id");
                    Long facilityId = rs.wasNull() ? null : id;
                    String status = rs.getString("status");
                    int rws = rs.getInt("rws");
                    long population = rs.getLong("population");
                    int within = rs.getInt("rws_within");
                    long populationWithin = rs.getLong("population_within");
                    int unassigned = rs.getInt("rws_unassigned");
                    long populationUnassigned = rs.getLong("population_unassigned");
                    return new FacilityCoverage(
                            facilityId,
                            rs.getString("facility_name"),
                            rs.getBoolean("approximate"),
                            status == null ? null : RwAccess.ResponsibilityStatus.valueOf(status),
                            new CoverageCount(
                                    rws,
                                    population,
                                    within,
                                    populationWithin,
                                    rws - within - unassigned,
                                    population - populationWithin - populationUnassigned,
                                    unassigned,
                                    populationUnassigned,
                                    rs.getInt("rws_without_population")));
                })
                .list();
        CoverageCount total = byPuskesmas.stream()
                .map(FacilityCoverage::coverage)
                .reduce(new CoverageCount(0, 0, 0, 0, 0, 0, 0, 0, 0), CoverageCount::plus);
        return new Coverage(regionCode, withinMeters, withinMinutes, mode, target, total, byPuskesmas);
    }

    private static Point point(double longitude, double latitude) {
        return WGS84.createPoint(new Coordinate(longitude, latitude));
    }

    /**
     * The representative point [lon, lat] of each RW given that has one (the outreach planner's RW locations), after
     * refreshing the kab/kota's access when it is stale.
     */
    public Map<String, double[]> representativePoints(String kabkotaCode, Collection<String> rwCodes) {
        refreshIfStale(kabkotaCode);
        Map<String, double[]> points = new HashMap<>();
        jdbc.sql("SELECT rw_code, ST_X(point), ST_Y(point) FROM rw_representative_points WHERE rw_code = ANY(:c)")
                .param("c", rwCodes.toArray(String[]::new))
                .query((rs, n) -> points.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)}))
                .list();
        return points;
    }
}
