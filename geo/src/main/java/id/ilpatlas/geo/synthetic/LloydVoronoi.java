package id.ilpatlas.geo.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Voronoi cells of seed points over a polygonal area, all in one planar coordinate system (the caller's
 * {@link LocalPlane}), with Lloyd relaxation to make the cells compact.
 */
final class LloydVoronoi {

    private final Geometry area;
    private final PreparedGeometry preparedArea;
    private final Envelope clipEnvelope;
    private final GeometryFactory factory;

    /** @param area the polygonal region the seeds live in (planar coordinates) */
    LloydVoronoi(Geometry area) {
        this.area = area;
        this.preparedArea = PreparedGeometryFactory.prepare(area);
        this.factory = area.getFactory();
        Envelope envelope = area.getEnvelopeInternal();
        // Well larger than the area, so clipping the diagram never cuts into it.
        this.clipEnvelope = new Envelope(envelope);
        this.clipEnvelope.expandBy(Math.max(envelope.getDiameter(), 1e-9));
    }

    /**
     * Lloyd relaxation: moves each site to the centroid of its cell clipped to the area, or to the cell's
     * interior point when the centroid falls outside the area (concave shapes). A site that cannot move
     * (the new position is outside the area or collides with another site) stays put.
     *
     * @param sites distinct sites strictly inside the area
     * @return the relaxed sites, still distinct and strictly inside the area
     */
    List<Coordinate> relax(List<Coordinate> sites, int iterations) {
        List<Coordinate> current = sites;
        for (int iteration = 0; iteration < iterations; iteration++) {
            Set<Coordinate> moved = new LinkedHashSet<>();
            for (Geometry cell : cells(current)) {
                Coordinate site = (Coordinate) cell.getUserData();
                Coordinate target = relaxedPosition(cell, site);
                moved.add(moved.contains(target) ? site : target);
            }
            if (moved.size() != current.size()) {
                return current; // a degenerate collision; the previous sites are still valid
            }
            current = new ArrayList<>(moved);
        }
        return current;
    }

    /**
     * The Voronoi cells of {@code sites}, clipped only to an envelope well larger than the area (so they
     * cover it completely). Each cell's user data is its site {@link Coordinate}.
     */
    List<Geometry> cells(List<Coordinate> sites) {
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(sites);
        builder.setClipEnvelope(clipEnvelope);
        Geometry diagram = builder.getDiagram(factory);
        List<Geometry> cells = new ArrayList<>(diagram.getNumGeometries());
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            cells.add(diagram.getGeometryN(i));
        }
        return cells;
    }

    private Coordinate relaxedPosition(Geometry cell, Coordinate site) {
        Geometry clipped = OverlayNGRobust.overlay(cell, area, OverlayNG.INTERSECTION);
        if (clipped.isEmpty() || clipped.getArea() <= 0) {
            return site;
        }
        Coordinate centroid = clipped.getCentroid().getCoordinate();
        if (isStrictlyInside(centroid)) {
            return centroid;
        }
        Coordinate interior = clipped.getInteriorPoint().getCoordinate();
        return interior != null && isStrictlyInside(interior) ? interior : site;
    }

    private boolean isStrictlyInside(Coordinate coordinate) {
        return coordinate != null && preparedArea.contains(factory.createPoint(coordinate));
    }
}
