package id.ilpatlas.geo.synthetic;

import id.ilpatlas.geo.rw.Apportionment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Generates synthetic RWs inside a kelurahan/desa polygon, deterministically.
 *
 * <p>Method, for {@code n} RWs:
 *
 * <ol>
 *   <li>A {@link SplittableRandom} is seeded per kelurahan with
 *       {@code seed ^ (kelurahanCode.hashCode() * 0x9E3779B97F4A7C15L)} ({@link String#hashCode()} is fixed
 *       by the JLS, so output is stable across JVMs and runs).
 *   <li>{@code n} distinct seed points are drawn uniformly inside the kelurahan by rejection sampling
 *       (a part chosen by area, then its envelope, tested with a prepared geometry).
 *   <li>Five iterations of Lloyd relaxation make the cells compact; all Voronoi work
 *       happens in a local equirectangular plane (x scaled by the cosine of the kelurahan's central
 *       latitude) so cells are not stretched east-west.
 *   <li>Each final Voronoi cell is mapped back to {@code [lon, lat]} and intersected with the
 *       <em>original</em> kelurahan geometry, so the RWs tile it exactly (no gaps, no overlaps beyond
 *       floating-point noise) and share its boundary coordinates. A kelurahan part without a seed point
 *       joins the cell(s) covering it, so an RW may have several parts.
 *   <li>RWs are numbered 1..n north to south, then west to east, by each RW's interior point.
 *   <li>Populations: weights uniform in [0.7, 1.3] drawn from the same random stream, apportioned by
 *       {@link Apportionment#largestRemainder(long, double[])} so they sum exactly to the kelurahan's.
 * </ol>
 *
 * <p>Every RW geometry is a valid, non-empty {@link MultiPolygon} (lines and points from the intersection
 * are dropped; an invalid intersection is repaired with {@link GeometryFixer}) created with the input
 * geometry's {@link GeometryFactory} (so it keeps its SRID). An invalid input kelurahan is first repaired
 * with {@link GeometryFixer}; the RWs then tile the repaired geometry.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SyntheticRwGenerator {

    /** Default seed (any fixed value works; this one is documented so published RWs can be regenerated). */
    public static final long DEFAULT_SEED = 20171;
    /** Target residents per RW used by {@link #rwCount(long)}. */
    public static final int PEOPLE_PER_RW = 1100;
    /** Minimum number of RWs per kelurahan chosen by {@link #rwCount(long)}. */
    public static final int MIN_RWS = 3;

    /** Largest RW count: RW numbers have three digits ({@code RW001..RW999}). */
    private static final int MAX_RWS = 999;

    private static final int LLOYD_ITERATIONS = 5;
    private static final long SEED_MIXER = 0x9E3779B97F4A7C15L;
    private static final double MIN_WEIGHT = 0.7;
    private static final double MAX_WEIGHT = 1.3;
    /** RW numbering order of interior points: north to south, then west to east. */
    private static final Comparator<Coordinate> NORTH_TO_SOUTH_THEN_WEST_TO_EAST =
            Comparator.comparingDouble((Coordinate c) -> -c.y).thenComparingDouble(c -> c.x);

    private final long seed;

    /** @param seed base seed; combined with each kelurahan code to seed that kelurahan's random stream */
    public SyntheticRwGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Number of RWs for a kelurahan population: {@code max(MIN_RWS, round(population / 1100.0))}, e.g.
     * 296 → 3, 13883 → 13.
     *
     * @param population kelurahan population, {@code >= 0}
     * @throws IllegalArgumentException if {@code population} is negative
     */
    public static int rwCount(long population) {
        if (population < 0) {
            throw new IllegalArgumentException("population must be >= 0, got " + population);
        }
        return (int) Math.max(MIN_RWS, Math.round(population / (double) PEOPLE_PER_RW));
    }

    /**
     * RWs numbered 1..n that tile the kelurahan exactly; populations sum to {@code population}. The number
     * of RWs is {@link #rwCount(long) rwCount(population)}.
     *
     * @param kelurahanCode kode wilayah of the kelurahan (seeds the random stream; used in error messages)
     * @param kelurahan the kelurahan's {@link Polygon} or {@link MultiPolygon}, EPSG:4326 {@code [lon, lat]}
     * @param population kelurahan population, {@code >= 0}
     * @throws IllegalArgumentException on an empty or non-polygonal geometry or a negative population
     */
    public List<SyntheticRw> generate(String kelurahanCode, Geometry kelurahan, long population) {
        if (population < 0) {
            throw new IllegalArgumentException(
                    "kelurahan " + kelurahanCode + ": population must be >= 0, got " + population);
        }
        return generate(kelurahanCode, kelurahan, population, rwCount(population));
    }

    /**
     * RWs numbered 1..{@code rwCount} that tile the kelurahan exactly; populations sum to {@code population}.
     *
     * @param kelurahanCode kode wilayah of the kelurahan (seeds the random stream; used in error messages)
     * @param kelurahan the kelurahan's {@link Polygon} or {@link MultiPolygon}, EPSG:4326 {@code [lon, lat]}
     * @param population kelurahan population, {@code >= 0}
     * @param rwCount number of RWs, 1..999
     * @return the RWs ordered by number
     * @throws IllegalArgumentException on an empty or non-polygonal geometry, a negative population or an
     *     {@code rwCount} outside 1..999; the message names the kelurahan code
     * @throws IllegalStateException if the geometry is too degenerate to place {@code rwCount} distinct cells
     */
    public List<SyntheticRw> generate(String kelurahanCode, Geometry kelurahan, long population, int rwCount) {
        if (kelurahanCode == null) {
            throw new IllegalArgumentException("kelurahanCode must not be null");
        }
        if (population < 0) {
            throw new IllegalArgumentException(
                    "kelurahan " + kelurahanCode + ": population must be >= 0, got " + population);
        }
        if (rwCount < 1 || rwCount > MAX_RWS) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "kelurahan %s: rwCount must be 1..%d, got %d", kelurahanCode, MAX_RWS, rwCount));
        }
        Geometry area = polygonalArea(kelurahanCode, kelurahan);
        SplittableRandom random = new SplittableRandom(seed ^ (kelurahanCode.hashCode() * SEED_MIXER));

        List<MultiPolygon> parts = rwCount == 1
                ? List.of(polygonalPart(area, area.getFactory()))
                : partition(kelurahanCode, area, rwCount, random);
        List<MultiPolygon> numbered = inNumberingOrder(parts);

        double[] weights = new double[rwCount];
        for (int i = 0; i < rwCount; i++) {
            weights[i] = MIN_WEIGHT + (MAX_WEIGHT - MIN_WEIGHT) * random.nextDouble();
        }
        long[] populations = Apportionment.largestRemainder(population, weights);

        List<SyntheticRw> rws = new ArrayList<>(rwCount);
        for (int i = 0; i < rwCount; i++) {
            rws.add(new SyntheticRw(i + 1, numbered.get(i), populations[i]));
        }
        return List.copyOf(rws);
    }

    // ---------------------------------------------------------------------------------------------

    /** Sorts RW geometries north to south, then west to east, by their interior points. */
    private static List<MultiPolygon> inNumberingOrder(List<MultiPolygon> rws) {
        Map<MultiPolygon, Coordinate> interiorPoints = new IdentityHashMap<>();
        for (MultiPolygon rw : rws) {
            interiorPoints.put(rw, rw.getInteriorPoint().getCoordinate());
        }
        List<MultiPolygon> sorted = new ArrayList<>(rws);
        sorted.sort(Comparator.comparing(interiorPoints::get, NORTH_TO_SOUTH_THEN_WEST_TO_EAST));
        return sorted;
    }

    private static Geometry polygonalArea(String kelurahanCode, Geometry kelurahan) {
        if (kelurahan == null || kelurahan.isEmpty()) {
            throw new IllegalArgumentException("kelurahan " + kelurahanCode + ": geometry is null or empty");
        }
        if (!(kelurahan instanceof Polygonal)) {
            throw new IllegalArgumentException("kelurahan " + kelurahanCode
                    + ": geometry must be a Polygon or MultiPolygon, got " + kelurahan.getGeometryType());
        }
        Geometry area =
                kelurahan.isValid() ? kelurahan : polygonalPart(GeometryFixer.fix(kelurahan), kelurahan.getFactory());
        if (area.isEmpty() || !(area.getArea() > 0)) {
            throw new IllegalArgumentException("kelurahan " + kelurahanCode + ": geometry has no area");
        }
        return area;
    }

    private static List<MultiPolygon> partition(
            String kelurahanCode, Geometry area, int rwCount, SplittableRandom random) {
        LocalPlane plane = LocalPlane.centredOn(area);
        LloydVoronoi voronoi = new LloydVoronoi(plane.toLocal(area));
        List<Coordinate> sites = new ArrayList<>(rwCount);
        for (Coordinate lonLat : new SeedSampler(area).sample(rwCount, random, kelurahanCode)) {
            sites.add(plane.toLocal(lonLat));
        }
        sites = voronoi.relax(sites, LLOYD_ITERATIONS);

        List<MultiPolygon> rws = new ArrayList<>(rwCount);
        for (Geometry localCell : voronoi.cells(sites)) {
            Geometry cell = plane.toLonLat(localCell);
            Geometry clipped = OverlayNGRobust.overlay(cell, area, OverlayNG.INTERSECTION);
            MultiPolygon rw = polygonalPart(clipped, area.getFactory());
            if (!rw.isEmpty()) {
                rws.add(rw);
            }
        }
        if (rws.size() != rwCount) {
            throw new IllegalStateException(String.format(
                    Locale.ROOT,
                    "kelurahan %s: produced %d non-empty RW cells instead of %d (degenerate geometry?)",
                    kelurahanCode,
                    rws.size(),
                    rwCount));
        }
        return rws;
    }

    /** The polygonal components of {@code geometry} as a valid {@link MultiPolygon}. */
    private static MultiPolygon polygonalPart(Geometry geometry, GeometryFactory factory) {
        MultiPolygon polygons = multiPolygonOf(geometry, factory);
        return polygons.isValid() ? polygons : multiPolygonOf(GeometryFixer.fix(polygons), factory);
    }

    private static MultiPolygon multiPolygonOf(Geometry geometry, GeometryFactory factory) {
        @SuppressWarnings("unchecked")
        List<Polygon> polygons = PolygonExtracter.getPolygons(geometry);
        List<Polygon> nonEmpty = polygons.stream().filter(p -> !p.isEmpty()).toList();
        return factory.createMultiPolygon(GeometryFactory.toPolygonArray(nonEmpty));
    }
}
