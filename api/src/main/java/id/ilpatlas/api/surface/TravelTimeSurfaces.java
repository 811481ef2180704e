package id.ilpatlas.api.surface;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.ilpatlas.api.Sql;
import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.region.Region;
import id.ilpatlas.api.region.RegionArguments;
import id.ilpatlas.api.region.RegionRepository;
import id.ilpatlas.api.road.RoadNetworkQuality;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
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
 * Computes, caches and sums up travel-time surfaces (AccessMod's "accessibility analysis" on a raster): for every cell
 * of a grid in the kab/kota's UTM zone whose centre lies inside the kab/kota, the trip from the centre to its
 * puskesmas by the one {@link TravelModel} ({@link TravelModel#measure} then {@link TravelModel#decide} with the
 * kab/kota's stored calibration: a cell's value is what {@link TravelModel#legs} gives for its centre).
 *
 * <ul>
 *   <li>{@link RwAccessService.Target#RESPONSIBLE_PUSKESMAS}: the puskesmas whose wilayah kerja holds the RW (or, in
 *       no RW, the kelurahan) the centre lies in ({@code sql/surface/cells.sql}); a cell in no or several wilayah
 *       kerja has no value and is counted, never given the nearest.</li>
 *   <li>{@link RwAccessService.Target#NEAREST_PUSKESMAS}: the fastest trip over the active puskesmas of the kab/kota
 *       and the nearest puskesmas of its RWs (which may lie across the border): nearest <em>by time</em>, as
 *       AccessMod's surfaces are, where the per-RW figures take the geodesically nearest puskesmas.</li>
 * </ul>
 *
 * The cost is bounded before any work ({@link SurfaceGrid#MAX_CELLS}, cell size {@link SurfaceGrid#MIN_CELL_METERS}
 * to {@link SurfaceGrid#MAX_CELL_METERS}); the cells are computed in bands of rows so that memory stays bounded; one
 * surface is computed at a time (others wait), and a computed grid is kept per kab/kota, target, mode and cell size
 * until its data change ({@code sql/surface/data-version.sql}), so that the tiles and the download read it.
 */
@Service
public class TravelTimeSurfaces {

    /** Grid cells per band of rows (at least one row). */
    static final int BAND_CELLS = 20_000;
    /** Trips measured per band at most (cells × puskesmas), for the nearest surface. */
    static final int BAND_TRIPS = 300_000;
    /** Cells kept in the cache, over all surfaces (about 9 bytes each). */
    static final long MAX_CACHED_CELLS = 2 * SurfaceGrid.MAX_CELLS;

    private static final Logger log = LoggerFactory.getLogger(TravelTimeSurfaces.class);
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** What a surface is of. */
    record Key(String kabkotaCode, RwAccessService.Target target, TravelMode mode, double cellMeters) {}

    /** A puskesmas a cell may go to. */
    private record Puskesmas(long id, Point point) {}

    /** A cell whose centre lies inside the kab/kota. */
    private record Cell(int index, double longitude, double latitude, String rwCode, String status, Long facilityId) {}

    /** An RW, its population and the cell holding its representative point (-1: none). */
    private record Rw(String code, Integer population, int pointCell) {}

    /** People within a travel time: from the surface and from the per-RW figures. */
    public record PopulationWithin(double withinMinutes, long surfacePopulation, long rwPopulation) {

        public long differencePopulation() {
            return surfacePopulation - rwPopulation;
        }
    }

    /** The per-RW side of the comparison: every RW's people, and those of RWs without one responsible puskesmas. */
    public record RwPopulation(long population, long unassignedPopulation, List<PopulationWithin> within) {}

    private final JdbcClient jdbc;
    private final RegionRepository regions;
    private final RwAccessService access;
    private final TravelModel travel;
    private final RoadNetworkQuality quality;
    private final TransactionTemplate transactions;
    private final Cache<Key, TravelTimeSurface> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_CELLS)
            .weigher((Key k, TravelTimeSurface s) ->
                    (int) Math.min(Integer.MAX_VALUE, s.grid().cellCount()))
            .build();
    private final ReentrantLock computing = new ReentrantLock(true);

    TravelTimeSurfaces(
            JdbcClient jdbc,
            RegionRepository regions,
            RwAccessService access,
            TravelModel travel,
            RoadNetworkQuality quality,
            TransactionTemplate transactions) {
        this.quality = quality;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.regions = regions;
        this.access = access;
        this.travel = travel;
    }

    /**
     * The surface of a kab/kota ({@code kabkotaCode}, dotted or undotted) to a target in a mode at a cell size: from
     * the cache when its data have not changed, else computed now. Bad arguments throw {@link
     * InvalidArgumentException} naming them ({@code kabkotaCode}, {@code to}, {@code cellMeters}) before any work.
     */
    public TravelTimeSurface surface(
            String kabkotaCode, RwAccessService.Target target, TravelMode mode, double cellMeters) {
        String k = kabkota(kabkotaCode);
        if (target != RwAccessService.Target.RESPONSIBLE_PUSKESMAS
                && target != RwAccessService.Target.NEAREST_PUSKESMAS) {
            throw new InvalidArgumentException(
                    "to", "must be RESPONSIBLE_PUSKESMAS or NEAREST_PUSKESMAS, was " + target);
        }
        if (!(cellMeters >= SurfaceGrid.MIN_CELL_METERS && cellMeters <= SurfaceGrid.MAX_CELL_METERS)) {
            throw new InvalidArgumentException(
                    "cellMeters",
                    String.format(
                            Locale.ROOT,
                            "must be between %.0f and %.0f metres, was %s",
                            SurfaceGrid.MIN_CELL_METERS,
                            SurfaceGrid.MAX_CELL_METERS,
                            cellMeters));
        }
        SurfaceGrid grid = frame(k, cellMeters);
        access.refreshIfStale(k);
        Key key = new Key(k, target, mode, cellMeters);
        String version = version(k);
        TravelTimeSurface cached = cache.getIfPresent(key);
        if (cached != null && cached.dataVersion().equals(version)) {
            return cached;
        }
        computing.lock();
        try {
            cached = cache.getIfPresent(key);
            if (cached != null && cached.dataVersion().equals(version)) {
                return cached;
            }
            TravelTimeSurface surface = compute(key, grid, version);
            cache.put(key, surface);
            return surface;
        } finally {
            computing.unlock();
        }
    }

    /** A known kab/kota's dotted code. */
    private String kabkota(String given) {
        RegionCode code = RegionArguments.parse("kabkotaCode", given);
        if (code.level() != RegionLevel.KABKOTA) {
            throw new InvalidArgumentException("kabkotaCode", "must be a kab/kota code such as 33.75, was " + given);
        }
        if (regions.findByCode(code.dotted()).isEmpty()) {
            throw new InvalidArgumentException("kabkotaCode", "no kab/kota has code " + code.dotted());
        }
        return code.dotted();
    }

    /** The grid over a kab/kota, refused (naming {@code cellMeters}) when it has more than {@link SurfaceGrid#MAX_CELLS}. */
    private SurfaceGrid frame(String k, double cellMeters) {
        Map<String, Object> f =
                jdbc.sql(Sql.load("sql/surface/grid-frame.sql")).param("k", k).query().listOfRows().stream()
                        .findFirst()
                        .orElseThrow(() ->
                                new InvalidArgumentException("kabkotaCode", "kab/kota " + k + " has no boundary"));
        int srid = ((Number) f.get("srid")).intValue();
        double minX = ((Number) f.get("min_x")).doubleValue();
        double minY = ((Number) f.get("min_y")).doubleValue();
        double maxX = ((Number) f.get("max_x")).doubleValue();
        double maxY = ((Number) f.get("max_y")).doubleValue();
        long cells = SurfaceGrid.cellCount(minX, minY, maxX, maxY, cellMeters);
        if (cells > SurfaceGrid.MAX_CELLS) {
            throw new InvalidArgumentException(
                    "cellMeters",
                    String.format(
                            Locale.ROOT,
                            "a %s m grid over kab/kota %s (%.1f × %.1f km) has %,d cells; at most %,d are computed: use "
                                    + "cellMeters of at least %.0f",
                            fmt(cellMeters),
                            k,
                            (maxX - minX) / 1000,
                            (maxY - minY) / 1000,
                            cells,
                            SurfaceGrid.MAX_CELLS,
                            SurfaceGrid.smallestCellMeters(minX, minY, maxX, maxY)));
        }
        return SurfaceGrid.covering(srid, minX, minY, maxX, maxY, cellMeters);
    }

    private String version(String k) {
        return jdbc.sql(Sql.load("sql/surface/data-version.sql"))
                .param("k", k)
                .query(String.class)
                .single();
    }

    private TravelTimeSurface compute(Key key, SurfaceGrid grid, String version) {
        long started = System.nanoTime();
        String k = key.kabkotaCode();
        boolean responsible = key.target() == RwAccessService.Target.RESPONSIBLE_PUSKESMAS;
        int n = (int) grid.cellCount();
        float[] minutes = new float[n];
        Arrays.fill(minutes, TravelTimeSurface.NO_DATA);
        byte[] noData = new byte[n];
        Arrays.fill(noData, code(TravelTimeSurface.NoData.OUTSIDE_KABKOTA));
        int[] rwOfCell = new int[n];
        Arrays.fill(rwOfCell, -1);
        List<Rw> rws = rws(k, grid);
        Map<String, Integer> rwIndex = new HashMap<>();
        for (int i = 0; i < rws.size(); i++) {
            rwIndex.put(rws.get(i).code(), i);
        }
        TravelModel.Calibration calibration = travel.calibration(k, key.mode());
        List<Puskesmas> candidates = responsible ? List.of() : nearestCandidates(k);
        Map<Long, Puskesmas> byId = new HashMap<>();
        int tripsPerCell = Math.max(1, candidates.size());
        int rowsPerBand = Math.max(1, Math.min(BAND_CELLS, BAND_TRIPS / tripsPerCell) / grid.columns());
        int[] methods = new int[2];
        Set<Long> used = new LinkedHashSet<>();
        for (int rowFrom = 0; rowFrom < grid.rows(); rowFrom += rowsPerBand) {
            List<Cell> cells = cells(k, grid, rowFrom, Math.min(grid.rows(), rowFrom + rowsPerBand) - 1);
            for (Cell c : cells) {
                rwOfCell[c.index()] = c.rwCode() == null ? -1 : rwIndex.getOrDefault(c.rwCode(), -1);
            }
            if (responsible) {
                Map<Long, List<Cell>> byFacility = new LinkedHashMap<>();
                for (Cell c : cells) {
                    if (c.status() == null) {
                        noData[c.index()] = code(TravelTimeSurface.NoData.NO_KELURAHAN);
                    } else if (!c.status().equals("ASSIGNED")) {
                        noData[c.index()] = code(TravelTimeSurface.NoData.valueOf(c.status()));
                    } else {
                        byFacility
                                .computeIfAbsent(c.facilityId(), f -> new ArrayList<>())
                                .add(c);
                    }
                }
                load(
                        byFacility.keySet().stream()
                                .filter(id -> !byId.containsKey(id))
                                .toList(),
                        byId);
                byFacility.forEach((facilityId, group) -> {
                    List<TravelModel.Leg> legs = decide(group, List.of(byId.get(facilityId)), key.mode(), calibration);
                    for (int i = 0; i < group.size(); i++) {
                        set(group.get(i).index(), legs.get(i), minutes, noData, methods);
                    }
                    used.add(facilityId);
                });
            } else if (candidates.isEmpty()) {
                cells.forEach(c -> noData[c.index()] = code(TravelTimeSurface.NoData.NO_PUSKESMAS));
            } else if (!cells.isEmpty()) {
                List<TravelModel.Leg> legs = decide(cells, candidates, key.mode(), calibration);
                for (int i = 0; i < cells.size(); i++) {
                    int best = 0;
                    for (int j = 1; j < candidates.size(); j++) {
                        if (legs.get(i * candidates.size() + j).durationSeconds()
                                < legs.get(i * candidates.size() + best).durationSeconds()) {
                            best = j;
                        }
                    }
                    set(cells.get(i).index(), legs.get(i * candidates.size() + best), minutes, noData, methods);
                    used.add(candidates.get(best).id());
                }
            }
        }
        float[] population = spread(rws, rwOfCell);
        double seconds = (System.nanoTime() - started) / 1e9;
        TravelTimeSurface surface = new TravelTimeSurface(
                k,
                key.target(),
                key.mode(),
                grid,
                minutes,
                noData,
                population,
                methods[0],
                methods[1],
                new ArrayList<>(used),
                version,
                seconds);
        log.info(
                "Travel-time surface of {} to the {} by {} at {} m computed in {} s: {} × {} cells in {}, {} with a "
                        + "value ({} by road, {} by estimate), no value: {}",
                k,
                key.target(),
                key.mode(),
                fmt(grid.cellMeters()),
                String.format(Locale.ROOT, "%.1f", seconds),
                grid.columns(),
                grid.rows(),
                grid.crs(),
                surface.valueCellCount(),
                methods[0],
                methods[1],
                surface.noDataCellCounts());
        return surface;
    }

    /** The model's decision on every trip from the cells' centres to the puskesmas, cell-major. */
    private List<TravelModel.Leg> decide(
            List<Cell> cells, List<Puskesmas> to, TravelMode mode, TravelModel.Calibration calibration) {
        List<Point> from =
                cells.stream().map(c -> point(c.longitude(), c.latitude())).toList();
        return travel.measure(from, to.stream().map(Puskesmas::point).toList(), mode, true).stream()
                .map(m -> TravelModel.decide(m, calibration))
                .toList();
    }

    private static void set(int cell, TravelModel.Leg leg, float[] minutes, byte[] noData, int[] methods) {
        minutes[cell] = (float) (leg.durationSeconds() / 60);
        noData[cell] = 0;
        methods[leg.method() == TravelModel.Method.ROAD ? 0 : 1]++;
    }

    /**
     * Each RW's population spread evenly over the cells whose centre lies in it; an RW without any on the cell
     * holding its representative point (none when that is off the grid).
     */
    private static float[] spread(List<Rw> rws, int[] rwOfCell) {
        int[] cellsOfRw = new int[rws.size()];
        for (int rw : rwOfCell) {
            if (rw >= 0) {
                cellsOfRw[rw]++;
            }
        }
        float[] population = new float[rwOfCell.length];
        for (int cell = 0; cell < rwOfCell.length; cell++) {
            int rw = rwOfCell[cell];
            if (rw >= 0 && rws.get(rw).population() != null) {
                population[cell] += (float) (rws.get(rw).population() / (double) cellsOfRw[rw]);
            }
        }
        for (int rw = 0; rw < rws.size(); rw++) {
            Rw r = rws.get(rw);
            if (cellsOfRw[rw] == 0 && r.population() != null && r.pointCell() >= 0) {
                population[r.pointCell()] += r.population();
            }
        }
        return population;
    }

    /**
     * The cells of a band of rows whose centre lies inside the kab/kota. Without JIT: the planner cannot see how many
     * rows {@code generate_series} over parameters gives (it assumes a million), and JIT-compiled a query that runs in
     * about a second for longer than the query itself (measured on the demo: 2.4 s with, 1.2 s without).
     */
    private List<Cell> cells(String k, SurfaceGrid grid, int rowFrom, int rowTo) {
        return transactions.execute(status -> {
            jdbc.sql("SET LOCAL jit = off").update();
            return jdbc.sql(Sql.load("sql/surface/cells.sql"))
                    .params(gridParams(k, grid))
                    .param("rowFrom", rowFrom)
                    .param("rowTo", rowTo)
                    .query((rs, i) -> new Cell(
                            rs.getInt("cell"),
                            rs.getDouble("longitude"),
                            rs.getDouble("latitude"),
                            rs.getString("rw_code"),
                            rs.getString("status"),
                            (Long) rs.getObject("facility_id")))
                    .list();
        });
    }

    private List<Rw> rws(String k, SurfaceGrid grid) {
        return jdbc.sql(Sql.load("sql/surface/rw-population.sql"))
                .params(gridParams(k, grid))
                .query((rs, i) -> {
                    int cell = rs.getInt("cell");
                    return new Rw(rs.getString("code"), (Integer) rs.getObject("population"), rs.wasNull() ? -1 : cell);
                })
                .list();
    }

    private static Map<String, Object> gridParams(String k, SurfaceGrid grid) {
        return Map.of(
                "k",
                k,
                "srid",
                grid.srid(),
                "minX",
                grid.minX(),
                "maxY",
                grid.maxY(),
                "cell",
                grid.cellMeters(),
                "columns",
                grid.columns(),
                "rows",
                grid.rows());
    }

    /**
     * The puskesmas a nearest-by-time cell may go to: the active puskesmas of the kab/kota and the nearest puskesmas
     * of each of its RWs (across the border too), ordered by code (ties go to the first).
     */
    private List<Puskesmas> nearestCandidates(String k) {
        return jdbc.sql("""
                        SELECT f.id, ST_X(f.location) AS x, ST_Y(f.location) AS y FROM facilities f
                         WHERE f.type = 'PUSKESMAS' AND f.active
                           AND (f.kabkota_code = :k
                                OR f.id IN (SELECT facility_id FROM rw_access
                                             WHERE kabkota_code = :k AND target = 'NEAREST_PUSKESMAS'))
                         ORDER BY f.code""")
                .param("k", k)
                .query((rs, i) -> new Puskesmas(rs.getLong("id"), point(rs.getDouble("x"), rs.getDouble("y"))))
                .list();
    }

    private void load(List<Long> ids, Map<Long, Puskesmas> into) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT id, ST_X(location) AS x, ST_Y(location) AS y FROM facilities WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, i) -> into.put(
                        rs.getLong("id"), new Puskesmas(rs.getLong("id"), point(rs.getDouble("x"), rs.getDouble("y")))))
                .list();
    }

    /**
     * The per-RW figures of the same kab/kota, target and mode ({@link RwAccessService#coverage}, as {@code
     * accessCoverage(withinMinutes)} computes them): the population of the RWs whose representative point's trip is
     * within each threshold, beside the surface's.
     */
    public RwPopulation rwPopulation(TravelTimeSurface surface) {
        List<PopulationWithin> within = new ArrayList<>();
        long population = 0;
        long unassigned = 0;
        for (double minutes : TravelTimeSurface.POPULATION_THRESHOLDS_MINUTES) {
            RwAccessService.CoverageCount total = access.coverage(
                            surface.kabkotaCode(), null, minutes, surface.mode(), surface.target())
                    .total();
            population = total.population();
            unassigned = total.populationUnassigned();
            within.add(new PopulationWithin(
                    minutes, Math.round(surface.populationWithin(minutes)), total.populationWithin()));
        }
        return new RwPopulation(population, unassigned, within);
    }

    /**
     * What a reader of the surface must know: approximate puskesmas points, cells by estimate, cells in no or
     * several wilayah kerja.
     */
    public List<AccessWarning> warnings(TravelTimeSurface surface) {
        List<AccessWarning> warnings = new ArrayList<>();
        jdbc.sql("""
                        SELECT name FROM facilities
                         WHERE id = ANY(:ids) AND location_quality = 'APPROXIMATE' ORDER BY code""")
                .param("ids", surface.puskesmasIds().toArray(Long[]::new))
                .query(String.class)
                .list()
                .forEach(name -> warnings.add(AccessWarning.approximate(name, "the times of the cells going to it")));
        if (surface.estimateCellCount() > 0) {
            warnings.add(new AccessWarning(
                    AccessWarning.Code.ROAD_ESTIMATE,
                    String.format(
                            Locale.ROOT,
                            "%d of %d cells with a value are estimates (straight line × the detour factor calibrated on the "
                                    + "network): the road network does not reach them within %.0f m",
                            surface.estimateCellCount(),
                            surface.valueCellCount(),
                            TravelModel.MAX_CONNECTOR_METERS)));
        }
        Map<TravelTimeSurface.NoData, Integer> counts = surface.noDataCellCounts();
        if (counts.get(TravelTimeSurface.NoData.NO_WILAYAH_KERJA) > 0) {
            warnings.add(new AccessWarning(
                    AccessWarning.Code.NO_WILAYAH_KERJA,
                    counts.get(TravelTimeSurface.NoData.NO_WILAYAH_KERJA)
                            + " cells lie in RWs or kelurahan that no puskesmas "
                            + "lists in its wilayah kerja: they have no value until the registry assigns them"));
        }
        if (counts.get(TravelTimeSurface.NoData.SEVERAL_WILAYAH_KERJA) > 0) {
            warnings.add(
                    new AccessWarning(
                            AccessWarning.Code.SEVERAL_WILAYAH_KERJA,
                            counts.get(TravelTimeSurface.NoData.SEVERAL_WILAYAH_KERJA)
                                    + " cells lie in RWs or kelurahan that several "
                                    + "puskesmas list in their wilayah kerja: they have no value until the registry says which one"));
        }
        warnings.addAll(AccessWarning.network(quality.assess(surface.kabkotaCode(), surface.mode())));
        return warnings;
    }

    /** The region of a surface's kab/kota. */
    public Region kabkota(TravelTimeSurface surface) {
        return regions.findByCode(surface.kabkotaCode()).orElseThrow();
    }

    private static byte code(TravelTimeSurface.NoData reason) {
        return (byte) (reason.ordinal() + 1);
    }

    private static Point point(double longitude, double latitude) {
        return WGS84.createPoint(new Coordinate(longitude, latitude));
    }

    /** A cell size as written in names and messages: 50, 12.5. */
    static String fmt(double meters) {
        return meters == Math.rint(meters) ? Long.toString((long) meters) : Double.toString(meters);
    }
}
