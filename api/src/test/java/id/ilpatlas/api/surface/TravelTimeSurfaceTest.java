package id.ilpatlas.api.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.LoggerContext;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.access.WilayahKerjaGaps;
import id.ilpatlas.api.road.RoadGraphOracle;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import id.ilpatlas.geo.classify.ColorRamp;
import id.ilpatlas.geo.testing.Slow;
import id.ilpatlas.geo.tile.TileId;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The travel-time surface of Kota Pekalongan through its public interface: the GeoTIFF download opened by GDAL
 * ({@code gdalinfo -json}, {@code gdal_translate -of XYZ}; the Debian package gdal-bin, which {@code ./atlas test}
 * installs: without it these tests FAIL) with the UTM CRS, extent and nodata of the grid; sampled cells (seeded, the
 * seed in every message; {@code -Dsurface.seed=N} repeats a run) equal to legs computed independently (the shortest
 * path with edge snapping of {@link RoadGraphOracle} where the network reaches, the calibration formula where it does
 * not) and to {@link TravelModel#legs}; population within a travel time recomputed from the raster; the PNG tiles; the
 * bounds refused with errors naming the argument.
 */
@Slow
class TravelTimeSurfaceTest extends IntegrationTest {

    private static final String KOTA = "33.75";
    /** Kota Pekalongan lies at 109.68° E, 6.89° S: UTM zone 49 (108°–114° E), south. */
    private static final int UTM_49S = 32749;

    private static final long SEED = Long.getLong("surface.seed", System.nanoTime() % 100_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    /** Roads within 1 % of the same distance from a point are a near tie (as TravelModelTest reads them). */
    private static final double TIE = 0.01;

    @LocalServerPort
    int port;

    @Autowired
    RwAccessService access;

    @Autowired
    TravelModel travel;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void fresh() {
        access.refreshIfStale(KOTA);
    }

    // ------------------------------------------------------------------------------------------------ the GeoTIFF

    @Test
    void theGeoTiffOpensInGdalWithTheUtmCrsTheExtentAndNodata() throws Exception {
        Map<String, Object> s = surface("RESPONSIBLE_PUSKESMAS", "MOTORBIKE", 50);
        assertThat(s.get("crs")).isEqualTo("EPSG:" + UTM_49S);
        Path tif = download((String) s.get("downloadUrl"), "surface.tif");
        JsonNode info = JSON.readTree(run("gdalinfo", "-json", tif.toString()));

        String wkt = info.get("coordinateSystem").get("wkt").asString();
        assertThat(wkt).as("CRS of the GeoTIFF").contains("UTM zone 49S").contains("ID[\"EPSG\"," + UTM_49S + "]");
        int columns = ((Number) s.get("columns")).intValue();
        int rows = ((Number) s.get("rows")).intValue();
        assertThat(info.get("size").get(0).asInt()).isEqualTo(columns);
        assertThat(info.get("size").get(1).asInt()).isEqualTo(rows);
        @SuppressWarnings("unchecked")
        Map<String, Number> extent = (Map<String, Number>) s.get("extent");
        JsonNode gt = info.get("geoTransform");
        assertThat(gt.get(0).asDouble())
                .as("west")
                .isCloseTo(extent.get("minEastingMeters").doubleValue(), within(1e-6));
        assertThat(gt.get(1).asDouble()).as("cell width").isCloseTo(50, within(1e-9));
        assertThat(gt.get(2).asDouble()).isZero();
        assertThat(gt.get(3).asDouble())
                .as("north")
                .isCloseTo(extent.get("maxNorthingMeters").doubleValue(), within(1e-6));
        assertThat(gt.get(5).asDouble()).as("cell height").isCloseTo(-50, within(1e-9));
        JsonNode band = info.get("bands").get(0);
        assertThat(band.get("type").asString()).isEqualTo("Float32");
        assertThat(band.get("noDataValue").asDouble()).isEqualTo(-9999);

        // The extent covers the kab/kota boundary (projected by PostGIS) by less than a cell on every side.
        Map<String, Object> box =
                jdbc.sql("""
                        SELECT ST_XMin(b) AS x0, ST_YMin(b) AS y0, ST_XMax(b) AS x1, ST_YMax(b) AS y1
                          FROM (SELECT ST_Transform(geom, :srid)::box2d AS b FROM regions WHERE code = :k) t""").param("srid", UTM_49S).param("k", KOTA).query().singleRow();
        double west = gt.get(0).asDouble();
        double north = gt.get(3).asDouble();
        double east = west + 50 * columns;
        double south = north - 50 * rows;
        assertThat(d(box, "x0") - west).isBetween(0.0, 50.0);
        assertThat(east - d(box, "x1")).isBetween(0.0, 50.0);
        assertThat(d(box, "y0") - south).isBetween(0.0, 50.0);
        assertThat(north - d(box, "y1")).isBetween(0.0, 50.0);
        assertThat(west % 50).as("corners on multiples of the cell").isZero();

        // Every cell: nodata exactly where the figures say, the cells outside exactly those whose centre is outside.
        List<double[]> xyz = xyz(tif);
        assertThat(xyz).hasSize(columns * rows);
        long values = xyz.stream().filter(c -> c[2] != -9999).count();
        assertThat(values).isEqualTo(((Number) s.get("valueCellCount")).longValue());
        long outside = outsideCount(xyz);
        assertThat(outside).as("cells whose centre lies outside the kota").isEqualTo(noData(s, "OUTSIDE_KABKOTA"));
        assertThat(((Number) s.get("roadCellCount")).longValue() + ((Number) s.get("estimateCellCount")).longValue())
                .isEqualTo(values);
        System.out.printf(
                Locale.ROOT,
                "travel-time surface %s to the responsible puskesmas by motorbike at 50 m: "
                        + "%d × %d cells, %d with a value (%s by road, %s by estimate), no value %s; computed in %.1f s; "
                        + "GeoTIFF %,d bytes%n",
                KOTA,
                columns,
                rows,
                values,
                s.get("roadCellCount"),
                s.get("estimateCellCount"),
                s.get("noData"),
                d(s, "computeSeconds"),
                Files.size(tif));
    }

    // ------------------------------------------------------------------------------------------ the cell values

    @Test
    void sampledCellsEqualIndependentLegsAndTheTravelModel() throws Exception {
        for (String to : List.of("RESPONSIBLE_PUSKESMAS", "NEAREST_PUSKESMAS")) {
            checkSampledCells(to, TravelMode.MOTORBIKE, 50);
        }
        checkSampledCells("RESPONSIBLE_PUSKESMAS", TravelMode.WALK, 100);
    }

    private void checkSampledCells(String to, TravelMode mode, double cellMeters) throws Exception {
        Map<String, Object> s = surface(to, mode.name(), cellMeters);
        List<double[]> xyz = xyz(download((String) s.get("downloadUrl"), "cells.tif"));
        Random random = new Random(SEED);
        String as = String.format(Locale.ROOT, "seed %d, %s by %s at %.0f m", SEED, to, mode, cellMeters);

        // 30 cells with a value anywhere, 15 with a value more than 500 m from every road (the fallback), 15 without.
        List<double[]> withValue =
                new ArrayList<>(xyz.stream().filter(c -> c[2] != -9999).toList());
        Collections.shuffle(withValue, random);
        List<double[]> sample = new ArrayList<>(withValue.subList(0, 30));
        List<double[]> far = farFromRoads(withValue);
        Collections.shuffle(far, random);
        sample.addAll(far.subList(0, Math.min(15, far.size())));
        List<double[]> without =
                new ArrayList<>(xyz.stream().filter(c -> c[2] == -9999).toList());
        Collections.shuffle(without, random);
        sample.addAll(without.subList(0, 15));
        assertThat(far).as(as + ": cells off the network exist on the demo").isNotEmpty();

        List<Map<String, Object>> cells = locate(sample);
        List<Map<String, Object>> nearestCandidates =
                jdbc.sql("""
                        SELECT f.id, ST_X(f.location) AS x, ST_Y(f.location) AS y FROM facilities f
                         WHERE f.type = 'PUSKESMAS' AND f.active
                           AND (f.kabkota_code = :k OR f.id IN (SELECT facility_id FROM rw_access
                                                                 WHERE kabkota_code = :k AND target = 'NEAREST_PUSKESMAS'))
                         ORDER BY f.code""").param("k", KOTA).query().listOfRows();
        Map<String, Object> calibration = jdbc.sql("""
                        SELECT detour_factor, speed_kmh FROM road_network_calibrations WHERE kabkota_code = :k
                           AND mode = :mode""")
                .param("k", KOTA)
                .param("mode", mode.name())
                .query()
                .singleRow();
        RoadGraphOracle oracle = RoadGraphOracle.load(jdbc, KOTA);
        int road = 0;
        int fallback = 0;
        int ties = 0;
        for (int i = 0; i < sample.size(); i++) {
            double[] c = sample.get(i);
            Map<String, Object> cell = cells.get(i);
            String at = String.format(
                    Locale.ROOT,
                    "%s: cell at E %.1f N %.1f (%.6f, %.6f, RW %s)",
                    as,
                    c[0],
                    c[1],
                    d(cell, "lon"),
                    d(cell, "lat"),
                    cell.get("rw_code"));
            List<Map<String, Object>> targets;
            if (!Boolean.TRUE.equals(cell.get("inside"))) {
                assertThat(c[2]).as(at + ": outside the kota, no value").isEqualTo(-9999);
                continue;
            } else if (to.equals("NEAREST_PUSKESMAS")) {
                targets = nearestCandidates;
            } else if (cell.get("facility_id") == null) {
                assertThat(c[2])
                        .as(at + ": no single responsible puskesmas (" + cell.get("status") + "), no value")
                        .isEqualTo(-9999);
                continue;
            } else {
                targets = nearestCandidates.stream()
                        .filter(f -> f.get("id").equals(cell.get("facility_id")))
                        .toList();
                if (targets.isEmpty()) {
                    targets = jdbc.sql("SELECT id, ST_X(location) AS x, ST_Y(location) AS y FROM facilities "
                                    + "WHERE id = :id")
                            .param("id", cell.get("facility_id"))
                            .query()
                            .listOfRows();
                }
            }
            assertThat(c[2]).as(at + ": a value").isNotEqualTo(-9999);
            // Independently: the oracle's road leg, else the calibration formula; the fastest over the targets. Where
            // two roads are within 1 % of the same distance from an end (a tie that sphere and spheroid may break
            // differently) or a connector is within 3 m of the limit, every reading is a candidate: per way of joining
            // the cell, the value lies between the fastest target's least and greatest candidate.
            List<RoadGraphOracle.Join> joins = oracle.joins(d(cell, "lon"), d(cell, "lat"), mode, TIE);
            double[] low = new double[joins.size()];
            double[] high = new double[joins.size()];
            java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(high, Double.POSITIVE_INFINITY);
            boolean byRoad = false;
            double fastest = Double.POSITIVE_INFINITY;
            for (Map<String, Object> f : targets) {
                double straight = jdbc.sql("""
                                SELECT ST_Distance(ST_SetSRID(ST_MakePoint(:ax, :ay), 4326)::geography,
                                                   ST_SetSRID(ST_MakePoint(:bx, :by), 4326)::geography)""")
                        .param("ax", d(cell, "lon"))
                        .param("ay", d(cell, "lat"))
                        .param("bx", d(f, "x"))
                        .param("by", d(f, "y"))
                        .query(Double.class)
                        .single();
                double formula = straight * d(calibration, "detour_factor") / (d(calibration, "speed_kmh") / 3.6);
                int targetJoins = oracle.joins(d(f, "x"), d(f, "y"), mode, TIE).size();
                List<RoadGraphOracle.Leg> legs =
                        oracle.legs(d(cell, "lon"), d(cell, "lat"), d(f, "x"), d(f, "y"), mode, TIE);
                for (int a = 0; a < joins.size(); a++) {
                    RoadGraphOracle.Join join = joins.get(a);
                    List<Double> values = new ArrayList<>();
                    List<RoadGraphOracle.Leg> through = legs.stream()
                            .filter(l -> l.from().edge().id() == join.edge().id()
                                    && l.from().fraction() == join.fraction())
                            .toList();
                    for (RoadGraphOracle.Leg leg : through) {
                        double max =
                                Math.max(leg.from().connectorMeters(), leg.to().connectorMeters());
                        if (max <= TravelModel.MAX_CONNECTOR_METERS + 3) {
                            values.add(leg.durationSeconds());
                        }
                        if (max > TravelModel.MAX_CONNECTOR_METERS - 3) {
                            values.add(Math.max(formula, leg.durationSeconds()));
                        }
                        if (a == 0 && leg == through.get(0) && values.get(0) < fastest) {
                            fastest = values.get(0);
                            byRoad = max <= TravelModel.MAX_CONNECTOR_METERS;
                        }
                    }
                    if (through.size() < targetJoins) {
                        values.add(formula); // a way of joining that the network does not connect
                        if (a == 0 && through.isEmpty() && formula < fastest) {
                            fastest = formula;
                            byRoad = false;
                        }
                    }
                    low[a] = Math.min(
                            low[a],
                            values.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .min()
                                    .orElseThrow());
                    high[a] = Math.min(
                            high[a],
                            values.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .max()
                                    .orElseThrow());
                }
            }
            boolean tie = false;
            boolean matches = false;
            for (int a = 0; a < joins.size(); a++) {
                tie |= high[a] - low[a] > 2 || Math.abs(low[a] - low[0]) > 2;
                double tolerance = (2 + 0.005 * high[a]) / 60;
                matches |= c[2] >= low[a] / 60 - tolerance && c[2] <= high[a] / 60 + tolerance;
            }
            String expected = String.format(
                    Locale.ROOT,
                    "%s %.3f min%s",
                    byRoad ? "the independent shortest path" : "the calibration formula",
                    low[0] / 60,
                    tie
                            ? String.format(
                                    Locale.ROOT,
                                    " (a tie: %s to %s)",
                                    java.util.Arrays.stream(low)
                                            .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v / 60))
                                            .toList(),
                                    java.util.Arrays.stream(high)
                                            .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v / 60))
                                            .toList())
                            : "");
            assertThat(matches)
                    .as(at + ": %.3f min, independently %s", c[2], expected)
                    .isTrue();
            if (tie) {
                ties++;
            } else if (byRoad) {
                road++;
            } else {
                fallback++;
            }
            // The same point through the model the app uses: TravelModel.legs, the fastest over the targets.
            Point centre = WGS84.createPoint(new Coordinate(d(cell, "lon"), d(cell, "lat")));
            double model = travel
                    .legs(
                            KOTA,
                            List.of(centre),
                            targets.stream()
                                    .map(f -> WGS84.createPoint(new Coordinate(d(f, "x"), d(f, "y"))))
                                    .toList(),
                            mode,
                            true)
                    .stream()
                    .mapToDouble(TravelModel.Leg::durationSeconds)
                    .min()
                    .orElseThrow();
            assertThat(c[2]).as(at + ": equals TravelModel.legs").isCloseTo(model / 60, within(1e-3));
        }
        assertThat(road).as(as + ": road cells checked").isGreaterThan(10);
        assertThat(fallback).as(as + ": fallback cells checked").isGreaterThan(0);
        System.out.printf(
                Locale.ROOT,
                "%s: %d cells checked by road, %d by the calibration formula, %d with a near "
                        + "tie between two roads or at the connector limit (any reading accepted)%n",
                as,
                road,
                fallback,
                ties);
    }

    /** The cells whose centre lies more than 500 m (+ 5 m) from every road edge. */
    private List<double[]> farFromRoads(List<double[]> cells) {
        List<Boolean> far = jdbc.sql("""
                        WITH c AS (SELECT o, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), :srid), 4326) AS pt
                                     FROM unnest(CAST(:xs AS float8[]), CAST(:ys AS float8[])) WITH ORDINALITY t(x, y, o))
                        -- 0.006 degrees exceed 505 m here: the planar test takes the GiST index.
                        SELECT NOT EXISTS (SELECT 1 FROM road_edges e WHERE e.kabkota_code = :k
                                              AND ST_DWithin(e.geom, c.pt, 0.006)
                                              AND ST_DWithin(e.geom::geography, c.pt::geography, 505))
                          FROM c ORDER BY o""")
                .param("srid", UTM_49S)
                .param("k", KOTA)
                .param("xs", cells.stream().map(c -> c[0]).toArray(Double[]::new))
                .param("ys", cells.stream().map(c -> c[1]).toArray(Double[]::new))
                .query(Boolean.class)
                .list();
        List<double[]> result = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (far.get(i)) {
                result.add(cells.get(i));
            }
        }
        return result;
    }

    /**
     * Each cell's centre in EPSG:4326 (PostGIS), whether it lies inside the kota, its RW and the responsible
     * puskesmas by the wilayah kerja rule: the RW's stored row, or outside every RW the active puskesmas listing the
     * kelurahan or its kecamatan.
     */
    private List<Map<String, Object>> locate(List<double[]> cells) {
        return jdbc.sql("""
                        WITH c AS (SELECT o, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), :srid), 4326) AS pt
                                     FROM unnest(CAST(:xs AS float8[]), CAST(:ys AS float8[])) WITH ORDINALITY t(x, y, o))
                        SELECT c.o, ST_X(c.pt) AS lon, ST_Y(c.pt) AS lat,
                               ST_Intersects((SELECT geom FROM regions WHERE code = :k), c.pt) AS inside,
                               rw.code AS rw_code, coalesce(rp.status, kel.status) AS status,
                               CASE WHEN rw.code IS NOT NULL THEN rp.facility_id ELSE kel.facility_id END AS facility_id
                          FROM c
                          LEFT JOIN LATERAL (SELECT code FROM regions WHERE level = 'RW' AND kabkota_code = :k
                                                AND ST_Intersects(geom, c.pt) ORDER BY code LIMIT 1) rw ON true
                          LEFT JOIN rw_responsible_puskesmas rp ON rp.rw_code = rw.code
                          LEFT JOIN LATERAL (
                              SELECT CASE count(DISTINCT f.id) WHEN 0 THEN 'NO_WILAYAH_KERJA' WHEN 1 THEN 'ASSIGNED'
                                     ELSE 'SEVERAL_WILAYAH_KERJA' END AS status,
                                     CASE WHEN count(DISTINCT f.id) = 1 THEN min(f.id) END AS facility_id
                                FROM regions kl
                                JOIN facility_catchments fc ON fc.region_code IN (kl.code, kl.parent_code)
                                JOIN facilities f ON f.id = fc.facility_id AND f.type = 'PUSKESMAS' AND f.active
                               WHERE rw.code IS NULL AND kl.level = 'KELURAHAN' AND kl.kabkota_code = :k
                                 AND ST_Intersects(kl.geom, c.pt)) kel ON true
                         ORDER BY c.o""")
                .param("srid", UTM_49S)
                .param("k", KOTA)
                .param("xs", cells.stream().map(c -> c[0]).toArray(Double[]::new))
                .param("ys", cells.stream().map(c -> c[1]).toArray(Double[]::new))
                .query()
                .listOfRows();
    }

    /**
     * Cells in no or several wilayah kerja have no value and are counted, never given the nearest; a change to the
     * registry recomputes the cached grid. Kelurahan Tirto (33.75.01.1009, Puskesmas Tirto's) is claimed by Buaran
     * too, Medono (33.75.01.1002) by nobody; restored afterwards.
     */
    @Test
    void cellsInNoOrSeveralWilayahKerjaHaveNoValueAndAreCounted() throws Exception {
        Map<String, Object> before = surface("RESPONSIBLE_PUSKESMAS", "MOTORBIKE", 200);
        assertThat(noData(before, "NO_WILAYAH_KERJA") + noData(before, "SEVERAL_WILAYAH_KERJA"))
                .as("the demo registry assigns every cell")
                .isZero();
        try (WilayahKerjaGaps gaps = WilayahKerjaGaps.open(jdbc, access)) {

            Map<String, Object> after = surface("RESPONSIBLE_PUSKESMAS", "MOTORBIKE", 200);
            assertThat(d(after, "computeSeconds"))
                    .as("recomputed after the registry changed")
                    .isNotEqualTo(d(before, "computeSeconds"));
            List<double[]> xyz = xyz(download((String) after.get("downloadUrl"), "unassigned.tif"));
            List<Map<String, Object>> cells = locate(xyz);
            long medono = 0;
            long tirto = 0;
            for (int i = 0; i < xyz.size(); i++) {
                String rw = (String) cells.get(i).get("rw_code");
                if (rw != null && (rw.startsWith("33.75.01.1002.") || rw.startsWith("33.75.01.1009."))) {
                    assertThat(xyz.get(i)[2])
                            .as("cell in " + rw + ": no value, not the nearest")
                            .isEqualTo(-9999);
                    if (rw.startsWith("33.75.01.1002.")) {
                        medono++;
                    } else {
                        tirto++;
                    }
                }
            }
            assertThat(medono).isPositive();
            assertThat(noData(after, "NO_WILAYAH_KERJA")).isEqualTo(medono);
            assertThat(noData(after, "SEVERAL_WILAYAH_KERJA")).isEqualTo(tirto);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> warnings = (List<Map<String, Object>>) after.get("warnings");
            assertThat(warnings).extracting(w -> w.get("code")).contains("NO_WILAYAH_KERJA", "SEVERAL_WILAYAH_KERJA");
            long unassigned = jdbc.sql("""
                            SELECT coalesce(sum(population), 0) FROM regions WHERE level = 'RW'
                               AND (code LIKE '33.75.01.1002.%' OR code LIKE '33.75.01.1009.%')""").query(Long.class).single();
            assertThat(((Number) after.get("rwPopulationUnassigned")).longValue())
                    .isEqualTo(unassigned);
            // Their people are on cells without a value, but for the small RWs without a cell centre of their own
            // at 200 m, whose people sit on the cell of their representative point: that cell may have a value.
            double[] spread = spreadPopulation(xyz, 200, new double[0]);
            assertThat(((Number) after.get("populationWithoutValue")).longValue())
                    .as("people on cells without a value")
                    .isCloseTo(Math.round(spread[1]), within(1L))
                    .isLessThanOrEqualTo(unassigned + 1)
                    .isGreaterThan(unassigned / 2);
        }
    }

    // ------------------------------------------------------------------------------------------ population

    @Test
    void populationWithinATravelTimeIsRecomputedFromTheRasterAndSetBesideThePerRwFigures() throws Exception {
        // On foot: by motorbike every person of the compact demo kota is within 15 minutes of a puskesmas.
        for (String to : List.of("RESPONSIBLE_PUSKESMAS", "NEAREST_PUSKESMAS")) {
            Map<String, Object> s = surface(to, "WALK", 100);
            long population = jdbc.sql("SELECT coalesce(sum(population), 0) FROM regions WHERE level = 'RW' "
                            + "AND kabkota_code = :k")
                    .param("k", KOTA)
                    .query(Long.class)
                    .single();
            assertThat(((Number) s.get("population")).longValue())
                    .as(to + " population")
                    .isEqualTo(population);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> within = (List<Map<String, Object>>) s.get("populationWithin");
            assertThat(within).extracting(w -> d(w, "withinMinutes")).containsExactly(15.0, 30.0, 60.0);

            List<double[]> xyz = xyz(download((String) s.get("downloadUrl"), "population.tif"));
            double[] recomputed = spreadPopulation(xyz, 100, new double[] {15, 30, 60});
            long previous = 0;
            for (int i = 0; i < within.size(); i++) {
                Map<String, Object> w = within.get(i);
                String as = to + " on foot within " + w.get("withinMinutes") + " min";
                long surface = ((Number) w.get("surfacePopulation")).longValue();
                assertThat(surface)
                        .as(as + ": recomputed from the GeoTIFF")
                        .isCloseTo(Math.round(recomputed[i]), within(1L));
                assertThat(surface)
                        .as(as + ": never fewer than within a shorter time")
                        .isGreaterThanOrEqualTo(previous);
                previous = surface;
                long rw = accessCoveragePopulationWithin(d(w, "withinMinutes"), to);
                assertThat(((Number) w.get("rwPopulation")).longValue())
                        .as(as + ": accessCoverage")
                        .isEqualTo(rw);
                assertThat(((Number) w.get("differencePopulation")).longValue()).isEqualTo(surface - rw);
                System.out.printf(
                        Locale.ROOT, "%s: surface %,d, per RW %,d, difference %+,d%n", as, surface, rw, surface - rw);
            }
            // Every person is somewhere: within 60 min, beyond it, or on a cell without a value.
            assertThat(previous + ((Number) s.get("populationWithoutValue")).longValue())
                    .isLessThanOrEqualTo(population + 1);
            assertThat(recomputed[3])
                    .as(to + ": the spread population sums to the RWs'")
                    .isCloseTo(population, within(1.0));
            assertThat(((Number) s.get("populationWithoutValue")).longValue())
                    .as(to + ": people without a value")
                    .isCloseTo(Math.round(recomputed[4]), within(1L));
        }
    }

    /**
     * The population within each threshold recomputed from the raster: each RW's population spread evenly over the
     * cells whose centre lies in it, an RW without any on the cell of its representative point; then the whole
     * population spread, and the population on cells without a value.
     */
    private double[] spreadPopulation(List<double[]> xyz, double cellMeters, double[] thresholds) {
        List<String> rwOfCell = jdbc.sql("""
                        WITH c AS (SELECT o, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), :srid), 4326) AS pt
                                     FROM unnest(CAST(:xs AS float8[]), CAST(:ys AS float8[])) WITH ORDINALITY t(x, y, o))
                        SELECT CASE WHEN ST_Intersects((SELECT geom FROM regions WHERE code = :k), c.pt) THEN
                                    (SELECT code FROM regions WHERE level = 'RW' AND kabkota_code = :k
                                        AND ST_Intersects(geom, c.pt) ORDER BY code LIMIT 1) END
                          FROM c ORDER BY o""")
                .param("srid", UTM_49S)
                .param("k", KOTA)
                .param("xs", xyz.stream().map(c -> c[0]).toArray(Double[]::new))
                .param("ys", xyz.stream().map(c -> c[1]).toArray(Double[]::new))
                .query((rs, n) -> rs.getString(1))
                .list();
        Map<String, Integer> cellsOfRw = new HashMap<>();
        rwOfCell.stream().filter(r -> r != null).forEach(r -> cellsOfRw.merge(r, 1, Integer::sum));
        Map<String, Double> populationOf = new HashMap<>();
        Map<String, double[]> pointOf = new HashMap<>();
        jdbc.sql("""
                        SELECT r.code, r.population, ST_X(ST_Transform(p.point, :srid)) AS x,
                               ST_Y(ST_Transform(p.point, :srid)) AS y
                          FROM regions r JOIN rw_representative_points p ON p.rw_code = r.code
                         WHERE r.level = 'RW' AND r.kabkota_code = :k AND r.population IS NOT NULL""")
                .param("srid", UTM_49S)
                .param("k", KOTA)
                .query((rs, n) -> {
                    populationOf.put(rs.getString(1), rs.getDouble(2));
                    return pointOf.put(rs.getString(1), new double[] {rs.getDouble(3), rs.getDouble(4)});
                })
                .list();
        double[] sums = new double[thresholds.length + 2];
        for (int i = 0; i < xyz.size(); i++) {
            String rw = rwOfCell.get(i);
            if (rw != null && populationOf.containsKey(rw)) {
                add(sums, thresholds, xyz.get(i)[2], populationOf.get(rw) / cellsOfRw.get(rw));
            }
        }
        for (Map.Entry<String, double[]> e : pointOf.entrySet()) {
            if (!cellsOfRw.containsKey(e.getKey())) {
                double[] p = e.getValue();
                double[] cell = xyz.stream()
                        .filter(c -> Math.abs(c[0] - p[0]) <= cellMeters / 2 && Math.abs(c[1] - p[1]) <= cellMeters / 2)
                        .findFirst()
                        .orElseThrow();
                add(sums, thresholds, cell[2], populationOf.get(e.getKey()));
            }
        }
        return sums;
    }

    private static void add(double[] sums, double[] thresholds, double minutes, double people) {
        for (int t = 0; t < thresholds.length; t++) {
            if (minutes != -9999 && minutes <= thresholds[t]) {
                sums[t] += people;
            }
        }
        sums[thresholds.length] += people;
        if (minutes == -9999) {
            sums[thresholds.length + 1] += people;
        }
    }

    private long accessCoveragePopulationWithin(double minutes, String groupBy) {
        return anonymous()
                .documentName("rwAccessCoverage")
                .variable("regionCode", KOTA)
                .variable("withinMinutes", minutes)
                .variable("mode", "WALK")
                .variable("groupBy", groupBy)
                .execute()
                .path("accessCoverage.total.populationWithin")
                .entity(Long.class)
                .get();
    }

    // ------------------------------------------------------------------------------------------ tiles and cache

    @Test
    void tilesColourTheCachedGridWithTheLegend() throws Exception {
        Map<String, Object> s = surface("RESPONSIBLE_PUSKESMAS", "MOTORBIKE", 50);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> legend = (List<Map<String, Object>>) s.get("legend");
        assertThat(legend).extracting(l -> l.get("color")).containsExactlyElementsOf(ColorRamp.sequential(4));
        assertThat(legend).extracting(l -> l.get("maxMinutes")).containsExactly(15.0, 30.0, 60.0, null);

        // The tile holding Puskesmas Tirto: its own pixel is in the first class (0–15 min).
        Map<String, Object> tirto = jdbc.sql("SELECT ST_X(location) AS x, ST_Y(location) AS y FROM facilities "
                        + "WHERE code = 'PKM-3375-TIRTO'")
                .query()
                .singleRow();
        TileId tile = TileId.containing(15, d(tirto, "x"), d(tirto, "y"));
        String template = (String) s.get("tileUrlTemplate");
        String url = template.replace("{z}", "15")
                .replace("{x}", Integer.toString(tile.x()))
                .replace("{y}", Integer.toString(tile.y()));
        HttpResponse<byte[]> png = get(url, null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(256);
        TileId.Bounds b = tile.lonLatBounds();
        int px = (int) ((d(tirto, "x") - b.minX()) / (b.maxX() - b.minX()) * 256);
        double my = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(d(tirto, "y")) / 2));
        double top = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(b.maxY()) / 2));
        double bottom = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(b.minY()) / 2));
        int py = (int) ((top - my) / (top - bottom) * 256);
        int argb = image.getRGB(px, py);
        assertThat(String.format("#%06x", argb & 0xffffff))
                .as("Tirto's own pixel")
                .isEqualTo(legend.get(0).get("color"));
        assertThat(argb >>> 24).isEqualTo(255);

        // A second request: 304 on its ETag; the grid is read from the cache, not recomputed.
        String etag = png.headers().firstValue("ETag").orElseThrow();
        assertThat(get(url, etag).statusCode()).isEqualTo(304);
        assertThat(d(surface("RESPONSIBLE_PUSKESMAS", "MOTORBIKE", 50), "computeSeconds"))
                .as("the cached grid's compute time")
                .isEqualTo(d(s, "computeSeconds"));
        // The whole kota at zoom 12 (a pixel of 38 m): drawn. A tile over Jakarta has no cell: 204.
        TileId kota = TileId.containing(12, d(tirto, "x"), d(tirto, "y"));
        assertThat(get(
                                template.replace("{z}", "12")
                                        .replace("{x}", Integer.toString(kota.x()))
                                        .replace("{y}", Integer.toString(kota.y())),
                                null)
                        .statusCode())
                .isEqualTo(200);
        TileId jakarta = TileId.containing(15, 106.8, -6.2);
        assertThat(get(
                                template.replace("{z}", "15")
                                        .replace("{x}", Integer.toString(jakarta.x()))
                                        .replace("{y}", Integer.toString(jakarta.y())),
                                null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(get(template.replace("{z}", "15").replace("{x}", "99999999").replace("{y}", "0"), null)
                        .statusCode())
                .isEqualTo(400);
    }

    // ------------------------------------------------------------------------------------------ bounds

    @Test
    void boundsAreRefusedBeforeAnyWorkWithErrorsNamingTheArgument() throws Exception {
        expectBadArgument(Map.of("kabkotaCode", KOTA, "cellMeters", 10.0), "cellMeters", "between 25 and 1000");
        expectBadArgument(Map.of("kabkotaCode", KOTA, "cellMeters", 5000.0), "cellMeters", "between 25 and 1000");
        expectBadArgument(Map.of("kabkotaCode", "33.75.01"), "kabkotaCode", "must be a kab/kota code");
        expectBadArgument(Map.of("kabkotaCode", "33.99"), "kabkotaCode", "no kab/kota has code 33.99");
        expectBadArgument(Map.of("kabkotaCode", "not a code"), "kabkotaCode", "");

        // A kab/kota of 70 × 70 km at 25 m: 7.8 million cells, refused naming the smallest cell size allowed.
        try {
            jdbc.sql("""
                            INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, synthetic)
                            VALUES ('33.98', 'KABKOTA', 'Kabupaten Uji Batas', '33', '33.98',
                                    ST_Multi(ST_Transform(ST_MakeEnvelope(300000, 9200000, 370000, 9270000, 32749), 4326)),
                                    true)""").update();
            expectBadArgument(
                    Map.of("kabkotaCode", "33.98", "cellMeters", 25.0),
                    "cellMeters",
                    "at most 3,000,000 are computed: use cellMeters of at least 41");
            assertThat(jdbc.sql("SELECT count(*) FROM road_network_calibrations WHERE kabkota_code = '33.98'")
                            .query(Integer.class)
                            .single())
                    .as("nothing was computed for it")
                    .isZero();
        } finally {
            jdbc.sql("DELETE FROM regions WHERE code = '33.98'").update();
        }

        HttpResponse<byte[]> bad = get("/exports/travel-time/33.75.tif?cellMeters=10", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body(), StandardCharsets.UTF_8)).contains("Argument 'cellMeters'");
        assertThat(new String(
                        get("/exports/travel-time/33.75.tif?mode=BICYCLE", null).body(), StandardCharsets.UTF_8))
                .contains("Argument 'mode'");
        assertThat(new String(
                        get("/exports/travel-time/3375.tif?to=NEAREST_FACILITY", null)
                                .body(),
                        StandardCharsets.UTF_8))
                .contains("Argument 'to'");
    }

    private void expectBadArgument(Map<String, Object> variables, String argument, String contains) {
        GraphQlTester.Request<?> request = anonymous().documentName("travelTimeSurface");
        for (Map.Entry<String, Object> v : variables.entrySet()) {
            request = request.variable(v.getKey(), v.getValue());
        }
        request.execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(errors.get(0).getMessage())
                    .startsWith("Argument '" + argument + "': ")
                    .contains(contains);
        });
    }

    /** geotools-wrapper carries an old slf4j-api: it must never be the one loaded. */
    @Test
    void loggingStillGoesThroughLogback() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
        assertThat(LoggerFactory.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toString())
                .contains("slf4j-api-2.");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Map<String, Object> surface(String to, String mode, double cellMeters) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = anonymous()
                .documentName("travelTimeSurface")
                .variable("kabkotaCode", KOTA)
                .variable("to", to)
                .variable("mode", mode)
                .variable("cellMeters", cellMeters)
                .execute()
                .path("travelTimeSurface")
                .entity(Map.class)
                .get();
        return s;
    }

    private static long noData(Map<String, Object> s, String reason) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> counts = (List<Map<String, Object>>) s.get("noData");
        return counts.stream()
                .filter(c -> c.get("reason").equals(reason))
                .mapToLong(c -> ((Number) c.get("cellCount")).longValue())
                .sum();
    }

    private long outsideCount(List<double[]> xyz) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE NOT ST_Intersects(k.geom,
                                   ST_Transform(ST_SetSRID(ST_MakePoint(x, y), :srid), 4326)))
                          FROM unnest(CAST(:xs AS float8[]), CAST(:ys AS float8[])) AS t(x, y),
                               (SELECT geom FROM regions WHERE code = :k) k""")
                .param("srid", UTM_49S)
                .param("k", KOTA)
                .param("xs", xyz.stream().map(c -> c[0]).toArray(Double[]::new))
                .param("ys", xyz.stream().map(c -> c[1]).toArray(Double[]::new))
                .query(Long.class)
                .single();
    }

    private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private Path download(String path, String name) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(path, null);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("image/tiff");
        Path file = dir.resolve(name);
        Files.write(file, response.body());
        return file;
    }

    /** Every cell of a GeoTIFF as {easting, northing, value} of its centre, by {@code gdal_translate -of XYZ}. */
    private List<double[]> xyz(Path tif) throws Exception {
        Path out = dir.resolve(tif.getFileName() + ".xyz");
        Files.deleteIfExists(out);
        run("gdal_translate", "-q", "-of", "XYZ", tif.toString(), out.toString());
        List<double[]> cells = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            String[] f = line.trim().split("\\s+");
            cells.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        return cells;
    }

    /** Runs a GDAL command; its absence fails the test (gdal-bin is a test requirement, installed by ./atlas test). */
    private static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail(command[0] + " is missing: these tests need GDAL's command-line tools (Debian package "
                    + "gdal-bin; ./atlas test installs it): " + e.getMessage());
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as(command[0] + " finished")
                .isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ":\n" + text)
                .isZero();
        return text;
    }

    private static double d(Map<String, ?> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }
}
