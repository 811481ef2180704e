package id.ilpatlas.geo.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Uniformly random, distinct points strictly inside a polygonal geometry, by rejection sampling.
 *
 * <p>A part is first chosen with probability proportional to its area, then a point is drawn uniformly in
 * that part's envelope and kept if the part contains it. The result is uniform over the whole geometry,
 * and a multipolygon with far-apart parts does not waste draws on the empty space between them.
 */
final class SeedSampler {

    /** Draws allowed per point before giving up (acceptance below 1e-5 of the envelope is pathological). */
    private static final int MAX_DRAWS_PER_POINT = 100_000;

    private final List<Geometry> parts = new ArrayList<>();
    private final List<PreparedGeometry> preparedParts = new ArrayList<>();
    private final double[] cumulativeArea;
    private final GeometryFactory factory;

    SeedSampler(Geometry polygonal) {
        this.factory = polygonal.getFactory();
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Geometry part = polygonal.getGeometryN(i);
            if (part.getArea() > 0) {
                parts.add(part);
                preparedParts.add(PreparedGeometryFactory.prepare(part));
            }
        }
        cumulativeArea = new double[parts.size()];
        double sum = 0;
        for (int i = 0; i < parts.size(); i++) {
            sum += parts.get(i).getArea();
            cumulativeArea[i] = sum;
        }
    }

    /**
     * Draws {@code count} distinct points strictly inside the geometry.
     *
     * @throws IllegalStateException if the geometry is so thin that rejection sampling does not converge
     */
    List<Coordinate> sample(int count, SplittableRandom random, String kelurahanCode) {
        Set<Coordinate> points = new LinkedHashSet<>();
        long draws = 0;
        long maxDraws = (long) MAX_DRAWS_PER_POINT * count;
        while (points.size() < count) {
            if (++draws > maxDraws) {
                throw new IllegalStateException("kelurahan " + kelurahanCode + ": could not place " + count
                        + " RW seed points by rejection sampling (geometry too thin?)");
            }
            int part = choosePart(random.nextDouble() * cumulativeArea[cumulativeArea.length - 1]);
            Envelope envelope = parts.get(part).getEnvelopeInternal();
            Coordinate candidate = new Coordinate(
                    envelope.getMinX() + random.nextDouble() * envelope.getWidth(),
                    envelope.getMinY() + random.nextDouble() * envelope.getHeight());
            if (preparedParts.get(part).contains(factory.createPoint(candidate))) {
                points.add(candidate);
            }
        }
        return new ArrayList<>(points);
    }

    private int choosePart(double areaPosition) {
        for (int i = 0; i < cumulativeArea.length - 1; i++) {
            if (areaPosition < cumulativeArea[i]) {
                return i;
            }
        }
        return cumulativeArea.length - 1;
    }
}
