package id.ilpatlas.api.access;

import id.ilpatlas.api.facility.FacilityType;
import id.ilpatlas.api.graphql.GeoJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes and keeps {@code rw_representative_points} and {@code rw_access} per kab/kota.
 *
 * <p>Representative point: the mean of the geocoded residence points (children, pregnancies, poverty households)
 * lying inside the RW when there are at least {@value #MIN_WEIGHTING_POINTS}, clamped inside the RW
 * ({@code POPULATION_WEIGHTED}); else {@code ST_PointOnSurface} ({@code POINT_ON_SURFACE}). TB cases are left out on
 * purpose: a point derived from patients' homes says more about a disease than about where people live.
 *
 * <p>Nearest facility: KNN on the geography GiST index ({@code location::geography <-> point}, sphere distance),
 * {@value #KNN_CANDIDATES} candidates re-ranked by {@code ST_Distance} on the spheroid, ties by code. Sphere and
 * spheroid distances differ by well under 1 %, so the spheroid nearest is among the candidates unless 16 facilities
 * lie within 1 % of the same distance.
 *
 * <p>Road leg: {@link RoadLegs} ({@link RoadRoutingLegs}: pgRouting via RoadRouting). Where the network does not reach, the road distance is the geodesic distance ×
 * {@value #DETOUR_FACTOR} (the mean road/straight-line ratio to the nearest hospital measured over the US by Boscoe,
 * Henry and Zdeb 2012, Prof. Geogr. 64(2), 1.417; circuity studies give 1.2–1.5) and the time that distance at
 * {@value #DETOUR_SPEED_KMH} km/h (urban mixed traffic, motorcycles).
 */
@Service
public class RwAccessService {

    public static final double DETOUR_FACTOR = 1.4;
    public static final double DETOUR_SPEED_KMH = 20;
    public static final int MIN_WEIGHTING_POINTS = 10;
    static final int KNN_CANDIDATES = 16;

    /** What a stored row is the nearest of. */
    enum Target {
        PUSKESMAS, ANY
    }

    /** A summary of one refresh. */
    public record Refresh(String kabkotaCode, int rwCount, int roadCount, int detourCount) {
    }

    private static final Logger log = LoggerFactory.getLogger(RwAccessService.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RoadLegs roads;

    RwAccessService(JdbcClient jdbc, TransactionTemplate transactions, RoadLegs roads) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.roads = roads;
    }

    /** Refreshes every kab/kota that has RWs. */
    public List<Refresh> refreshAll() {
        return jdbc.sql("SELECT DISTINCT kabkota_code FROM regions WHERE level = 'RW' ORDER BY 1")
                .query(String.class).list().stream().map(this::refresh).toList();
    }

    /**
     * Recomputes the representative points and the nearest puskesmas and facility of any type, with road legs, of
     * every RW of one kab/kota, in one transaction (readers see the old rows until it commits).
     */
    public Refresh refresh(String kabkotaCode) {
        long started = System.nanoTime();
        Refresh refresh = transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('rw_access:' || :k))").param("k", kabkotaCode).query().singleRow();
            jdbc.sql("DELETE FROM rw_access WHERE kabkota_code = :k").param("k", kabkotaCode).update();
            jdbc.sql("DELETE FROM rw_representative_points WHERE kabkota_code = :k").param("k", kabkotaCode).update();
            int rws = insertRepresentativePoints(kabkotaCode);
            int road = 0;
            int detour = 0;
            for (Target target : Target.values()) {
                List<RwAccess> rows = compute("p.kabkota_code = :k", Map.of("k", kabkotaCode),
                        target == Target.ANY ? null : FacilityType.PUSKESMAS);
                insert(kabkotaCode, target, rows);
                if (target == Target.PUSKESMAS) {
                    road = (int) rows.stream().filter(r -> r.method() == RwAccess.Method.ROAD).count();
                    detour = (int) rows.stream().filter(r -> r.method() == RwAccess.Method.GEODESIC_DETOUR).count();
                }
            }
            return new Refresh(kabkotaCode, rws, road, detour);
        });
        log.info("RW access of {} refreshed in {} ms: {} RWs, to puskesmas {} by road, {} by geodesic detour",
                kabkotaCode, (System.nanoTime() - started) / 1_000_000, refresh.rwCount(), refresh.roadCount(),
                refresh.detourCount());
        return refresh;
    }

    /** The kab/kota codes with RWs whose access rows are missing or out of date. */
    public List<String> staleKabkotaCodes() {
        return jdbc.sql("SELECT DISTINCT kabkota_code FROM regions WHERE level = 'RW' ORDER BY 1")
                .query(String.class).list().stream().filter(this::isStale).toList();
    }

    /**
     * Refreshes a kab/kota when its rows are missing or older than a change to the registry (any facility: the
     * nearest may lie across the border), to its RWs, to its case registers (an import) or to its road network.
     * Cheap when fresh: a few index probes.
     */
    public void refreshIfStale(String kabkotaCode) {
        if (isStale(kabkotaCode)) {
            refresh(kabkotaCode);
        }
    }

    private boolean isStale(String kabkotaCode) {
        boolean roads = Boolean.TRUE.equals(jdbc.sql("SELECT to_regclass('road_network_loads') IS NOT NULL")
                .query(Boolean.class).single());
        Boolean stale = jdbc.sql("""
                        WITH done AS (SELECT min(computed_at) AS at FROM rw_access WHERE kabkota_code = :k)
                        -- A comparison with a missing maximum (no import yet) is NULL; only a TRUE one counts.
                        SELECT EXISTS (SELECT 1 FROM regions r
                                        WHERE r.kabkota_code = :k AND r.level = 'RW' AND r.geom IS NOT NULL
                                          AND NOT EXISTS (SELECT 1 FROM rw_representative_points p WHERE p.rw_code = r.code))
                            OR coalesce((SELECT max(updated_at) FROM facilities) > (SELECT at FROM done), false)
                            OR coalesce((SELECT max(updated_at) FROM regions WHERE kabkota_code = :k AND level = 'RW')
                                 > (SELECT at FROM done), false)
                            -- Case imports move the residence points that weight the representative points.
                            OR coalesce((SELECT max(finished_at) FROM import_jobs
                                 WHERE (kabkota_code = :k OR kabkota_code IS NULL)
                                   AND rows_inserted + rows_updated > 0) > (SELECT at FROM done), false)
                        """ + (roads ? """
                            OR coalesce((SELECT max(loaded_at) FROM road_network_loads WHERE kabkota_code = :k)
                                 > (SELECT at FROM done), false)""" : ""))
                .param("k", kabkotaCode).query(Boolean.class).single();
        return Boolean.TRUE.equals(stale);
    }

    private int insertRepresentativePoints(String kabkotaCode) {
        return jdbc.sql("""
                        INSERT INTO rw_representative_points (rw_code, kabkota_code, point, point_method, point_count)
                        WITH rw AS (
                            SELECT code, geom, ST_PointOnSurface(geom) AS pos
                              FROM regions WHERE level = 'RW' AND kabkota_code = :k AND geom IS NOT NULL
                        ), homes AS (
                            SELECT rw_code, location FROM children
                             WHERE kabkota_code = :k AND rw_code IS NOT NULL AND location IS NOT NULL
                            UNION ALL
                            SELECT rw_code, location FROM pregnancies
                             WHERE kabkota_code = :k AND rw_code IS NOT NULL AND location IS NOT NULL
                            UNION ALL
                            SELECT rw_code, location FROM poverty_households
                             WHERE kabkota_code = :k AND rw_code IS NOT NULL AND location IS NOT NULL
                        ), mean AS (
                            SELECT rw.code, count(*) AS n,
                                   ST_SetSRID(ST_MakePoint(avg(ST_X(h.location)), avg(ST_Y(h.location))), 4326) AS p
                              FROM homes h JOIN rw ON rw.code = h.rw_code AND ST_Intersects(rw.geom, h.location)
                             GROUP BY rw.code
                        ), weighted AS (
                            SELECT rw.code, rw.geom, rw.pos, coalesce(m.n, 0) AS n,
                                   CASE WHEN m.n >= :min THEN
                                        CASE WHEN ST_Intersects(rw.geom, m.p) THEN m.p
                                             ELSE ST_ClosestPoint(rw.geom, m.p) END END AS w
                              FROM rw LEFT JOIN mean m ON m.code = rw.code
                        )
                        SELECT code, :k,
                               CASE WHEN w IS NOT NULL AND ST_Intersects(geom, w) THEN w ELSE pos END,
                               CASE WHEN w IS NOT NULL AND ST_Intersects(geom, w) THEN 'POPULATION_WEIGHTED'
                                    ELSE 'POINT_ON_SURFACE' END,
                               n
                          FROM weighted""")
                .param("k", kabkotaCode).param("min", MIN_WEIGHTING_POINTS)
                .update();
    }

    /** Access rows of the given RWs to the nearest active facility of a type, computed now (nothing stored). */
    List<RwAccess> computeFor(Collection<String> rwCodes, FacilityType type) {
        return compute("p.rw_code = ANY(:codes)", Map.of("codes", rwCodes.toArray(String[]::new)), type);
    }

    private record Nearest(String rwCode, GeoJson point, RwAccess.PointMethod pointMethod, double longitude,
                           double latitude, Long facilityId, Double distanceMeters, double facilityLongitude,
                           double facilityLatitude) {
    }

    /**
     * Nearest active facility of a type (null: any type) from the representative points selected by {@code where}
     * (on alias {@code p}), with the road legs; ordered by RW code.
     */
    private List<RwAccess> compute(String where, Map<String, ?> params, FacilityType type) {
        List<Nearest> nearest = jdbc.sql("""
                        SELECT p.rw_code, ST_AsGeoJSON(p.point, 7) AS point, p.point_method, ST_X(p.point) AS x,
                               ST_Y(p.point) AS y, n.id, n.distance_m, ST_X(n.location) AS fx, ST_Y(n.location) AS fy
                          FROM rw_representative_points p
                          LEFT JOIN LATERAL (
                                SELECT k.id, k.location, ST_Distance(k.location::geography, p.point::geography, true) AS distance_m
                                  FROM (SELECT f.id, f.code, f.location FROM facilities f
                                         WHERE f.active %s
                                         ORDER BY f.location::geography <-> p.point::geography
                                         LIMIT %d) k
                                 ORDER BY distance_m, k.code
                                 LIMIT 1) n ON true
                         WHERE %s
                         ORDER BY p.rw_code""".formatted(
                        // An enum constant's name, inlined so that the planner can use the partial puskesmas index.
                        type == null ? "" : "AND f.type = '" + type.name() + "'", KNN_CANDIDATES, where))
                .params(params)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    boolean found = !rs.wasNull();
                    return new Nearest(rs.getString("rw_code"), new GeoJson(rs.getString("point")),
                            RwAccess.PointMethod.valueOf(rs.getString("point_method")), rs.getDouble("x"),
                            rs.getDouble("y"), found ? id : null, found ? rs.getDouble("distance_m") : null,
                            rs.getDouble("fx"), rs.getDouble("fy"));
                })
                .list();
        List<RoadLegs.Trip> trips = nearest.stream().filter(n -> n.facilityId() != null)
                .map(n -> new RoadLegs.Trip(n.rwCode(), n.longitude(), n.latitude(), n.facilityLongitude(),
                        n.facilityLatitude()))
                .toList();
        Map<String, RoadLegs.Leg> legs = roads.legs(trips);
        List<RwAccess> result = new ArrayList<>(nearest.size());
        for (Nearest n : nearest) {
            RoadLegs.Leg leg = legs.get(n.rwCode());
            if (n.facilityId() == null) {
                result.add(new RwAccess(n.rwCode(), n.point(), n.pointMethod(), null, null, null, null, null, null));
            } else if (leg != null) {
                result.add(new RwAccess(n.rwCode(), n.point(), n.pointMethod(), n.facilityId(), n.distanceMeters(),
                        leg.distanceMeters(), leg.durationSeconds(), RwAccess.Method.ROAD, null));
            } else {
                double estimate = n.distanceMeters() * DETOUR_FACTOR;
                result.add(new RwAccess(n.rwCode(), n.point(), n.pointMethod(), n.facilityId(), n.distanceMeters(),
                        estimate, estimate / (DETOUR_SPEED_KMH / 3.6), RwAccess.Method.GEODESIC_DETOUR, DETOUR_FACTOR));
            }
        }
        return result;
    }

    private void insert(String kabkotaCode, Target target, List<RwAccess> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO rw_access (rw_code, target, kabkota_code, facility_id, distance_meters,
                                               road_distance_meters, travel_time_seconds, method, detour_factor)
                        SELECT rw, :target, :k, f, d, rd, t, m, df
                          FROM unnest(CAST(:rw AS text[]), CAST(:f AS bigint[]), CAST(:d AS float8[]),
                                      CAST(:rd AS float8[]), CAST(:t AS float8[]), CAST(:m AS text[]),
                                      CAST(:df AS float8[])) AS x(rw, f, d, rd, t, m, df)""")
                .param("target", target.name()).param("k", kabkotaCode)
                .param("rw", rows.stream().map(RwAccess::rwCode).toArray(String[]::new))
                .param("f", rows.stream().map(RwAccess::facilityId).toArray(Long[]::new))
                .param("d", rows.stream().map(RwAccess::distanceMeters).toArray(Double[]::new))
                .param("rd", rows.stream().map(RwAccess::roadDistanceMeters).toArray(Double[]::new))
                .param("t", rows.stream().map(RwAccess::travelTimeSeconds).toArray(Double[]::new))
                .param("m", rows.stream().map(r -> r.method() == null ? null : r.method().name()).toArray(String[]::new))
                .param("df", rows.stream().map(RwAccess::detourFactor).toArray(Double[]::new))
                .update();
    }

    /** The kab/kota codes at or inside a region (a provinsi holds several). */
    List<String> kabkotaCodesOf(String regionCode) {
        if (regionCode.length() >= 5) {
            return List.of(regionCode.substring(0, 5));
        }
        return jdbc.sql("SELECT code FROM regions WHERE level = 'KABKOTA' AND parent_code = :p ORDER BY code")
                .param("p", regionCode).query(String.class).list();
    }

    /** Stored rows of the RWs at or inside a region, after {@code afterCode}, ordered by RW code. */
    List<RwAccess> storedPage(String regionCode, FacilityType type, String afterCode, int limit) {
        Target target = type == null ? Target.ANY : Target.PUSKESMAS;
        return jdbc.sql("""
                        SELECT a.rw_code, ST_AsGeoJSON(p.point, 7) AS point, p.point_method, a.facility_id,
                               a.distance_meters, a.road_distance_meters, a.travel_time_seconds, a.method, a.detour_factor
                          FROM rw_access a JOIN rw_representative_points p ON p.rw_code = a.rw_code
                         WHERE a.target = :target AND a.kabkota_code = ANY(:kabkota)
                           AND (a.rw_code = :code OR a.rw_code LIKE :prefix)
                           AND (CAST(:after AS text) IS NULL OR a.rw_code > :after)
                         ORDER BY a.rw_code
                         LIMIT :limit""")
                .param("target", target.name())
                .param("kabkota", kabkotaCodesOf(regionCode).toArray(String[]::new))
                .param("code", regionCode).param("prefix", regionCode + ".%")
                .param("after", afterCode).param("limit", limit)
                .query((rs, n) -> new RwAccess(rs.getString("rw_code"), new GeoJson(rs.getString("point")),
                        RwAccess.PointMethod.valueOf(rs.getString("point_method")),
                        (Long) rs.getObject("facility_id"), (Double) rs.getObject("distance_meters"),
                        (Double) rs.getObject("road_distance_meters"), (Double) rs.getObject("travel_time_seconds"),
                        rs.getString("method") == null ? null : RwAccess.Method.valueOf(rs.getString("method")),
                        (Double) rs.getObject("detour_factor")))
                .list();
    }

    /** RW codes at or inside a region that have a representative point, after {@code afterCode}, ordered. */
    List<String> rwCodes(String regionCode, String afterCode, int limit) {
        return jdbc.sql("""
                        SELECT rw_code FROM rw_representative_points
                         WHERE kabkota_code = ANY(:kabkota) AND (rw_code = :code OR rw_code LIKE :prefix)
                           AND (CAST(:after AS text) IS NULL OR rw_code > :after)
                         ORDER BY rw_code LIMIT :limit""")
                .param("kabkota", kabkotaCodesOf(regionCode).toArray(String[]::new))
                .param("code", regionCode).param("prefix", regionCode + ".%")
                .param("after", afterCode).param("limit", limit)
                .query(String.class).list();
    }

    int count(String regionCode) {
        return jdbc.sql("""
                        SELECT count(*) FROM rw_representative_points
                         WHERE kabkota_code = ANY(:kabkota) AND (rw_code = :code OR rw_code LIKE :prefix)""")
                .param("kabkota", kabkotaCodesOf(regionCode).toArray(String[]::new))
                .param("code", regionCode).param("prefix", regionCode + ".%")
                .query(Integer.class).single();
    }

    /** RW and population counts, within the thresholds and beyond. */
    public record CoverageCount(int rwCount, long population, int rwWithin, long populationWithin, int rwBeyond,
                                long populationBeyond, int rwWithoutPopulation) {
    }

    /** The coverage of the RWs whose nearest puskesmas is one facility (null: RWs with no puskesmas at all). */
    public record FacilityCoverage(Long facilityId, CoverageCount coverage) {
    }

    /** Coverage of a region's RWs and per nearest puskesmas. */
    public record Coverage(String regionCode, Double withinMeters, Double withinMinutes, CoverageCount total,
                           List<FacilityCoverage> byPuskesmas) {
    }

    /**
     * Coverage of the RWs at or inside a region by their nearest puskesmas: an RW is within when its road distance
     * (or geodesic-detour estimate) is at most {@code withinMeters} and its travel time at most {@code withinMinutes}
     * (each when given); RWs without any puskesmas are beyond. Populations are the RWs' own (public) figures.
     */
    Coverage coverage(String regionCode, Double withinMeters, Double withinMinutes) {
        List<FacilityCoverage> byPuskesmas = new ArrayList<>();
        jdbc.sql("""
                        WITH a AS (
                            SELECT a.facility_id, r.population,
                                   a.facility_id IS NOT NULL
                                   AND (CAST(:m AS float8) IS NULL OR a.road_distance_meters <= :m)
                                   AND (CAST(:s AS float8) IS NULL OR a.travel_time_seconds <= :s) AS within
                              FROM rw_access a JOIN regions r ON r.code = a.rw_code
                             WHERE a.target = 'PUSKESMAS' AND a.kabkota_code = ANY(:kabkota)
                               AND (a.rw_code = :code OR a.rw_code LIKE :prefix))
                        SELECT a.facility_id, count(*) AS rws, coalesce(sum(population), 0) AS population,
                               count(*) FILTER (WHERE within) AS rws_within,
                               coalesce(sum(population) FILTER (WHERE within), 0) AS population_within,
                               count(*) FILTER (WHERE population IS NULL) AS rws_without_population
                          FROM a LEFT JOIN facilities f ON f.id = a.facility_id
                         GROUP BY a.facility_id, f.code
                         ORDER BY f.code NULLS LAST""")
                .param("m", withinMeters).param("s", withinMinutes == null ? null : withinMinutes * 60)
                .param("kabkota", kabkotaCodesOf(regionCode).toArray(String[]::new))
                .param("code", regionCode).param("prefix", regionCode + ".%")
                .query((rs, n) -> {
                    long id = rs.getLong("facility_id");
                    Long facilityId = rs.wasNull() ? null : id;
                    int rws = rs.getInt("rws");
                    long population = rs.getLong("population");
                    int within = rs.getInt("rws_within");
                    long populationWithin = rs.getLong("population_within");
                    byPuskesmas.add(new FacilityCoverage(facilityId, new CoverageCount(rws, population, within,
                            populationWithin, rws - within, population - populationWithin,
                            rs.getInt("rws_without_population"))));
                    return null;
                })
                .list();
        CoverageCount total = byPuskesmas.stream().map(FacilityCoverage::coverage)
                .reduce(new CoverageCount(0, 0, 0, 0, 0, 0, 0), (a, b) -> new CoverageCount(a.rwCount() + b.rwCount(),
                        a.population() + b.population(), a.rwWithin() + b.rwWithin(),
                        a.populationWithin() + b.populationWithin(), a.rwBeyond() + b.rwBeyond(),
                        a.populationBeyond() + b.populationBeyond(), a.rwWithoutPopulation() + b.rwWithoutPopulation()));
        return new Coverage(regionCode, withinMeters, withinMinutes, total, byPuskesmas);
    }
}
