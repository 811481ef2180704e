package id.ilpatlas.geo.synthetic;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Local equirectangular plane around a region: {@code x = (lon - lon0) * cos(lat0)}, {@code y = lat - lat0},
 * both in degrees of latitude, so distances are roughly isotropic and Voronoi cells are not stretched
 * east-west. The mapping is affine, hence preserves centroids and point-in-polygon relations.
 */
final class LocalPlane {

    private final double originLon;
    private final double originLat;
    private final double lonScale;

    private LocalPlane(double originLon, double originLat) {
        this.originLon = originLon;
        this.originLat = originLat;
        this.lonScale = Math.cos(Math.toRadians(originLat));
    }

    /** A plane centred on the envelope of {@code lonLatGeometry}. */
    static LocalPlane centredOn(Geometry lonLatGeometry) {
        Envelope envelope = lonLatGeometry.getEnvelopeInternal();
        return new LocalPlane(
                (envelope.getMinX() + envelope.getMaxX()) / 2, (envelope.getMinY() + envelope.getMaxY()) / 2);
    }

    /** Local coordinate of a {@code [lon, lat]} coordinate. */
    Coordinate toLocal(Coordinate lonLat) {
        return new Coordinate((lonLat.x - originLon) * lonScale, lonLat.y - originLat);
    }

    /** A copy of {@code lonLatGeometry} in local coordinates. */
    Geometry toLocal(Geometry lonLatGeometry) {
        return transformed(lonLatGeometry, c -> {
            c.x = (c.x - originLon) * lonScale;
            c.y = c.y - originLat;
        });
    }

    /** A copy of {@code localGeometry} in {@code [lon, lat]} coordinates. */
    Geometry toLonLat(Geometry localGeometry) {
        return transformed(localGeometry, c -> {
            c.x = c.x / lonScale + originLon;
            c.y = c.y + originLat;
        });
    }

    private static Geometry transformed(Geometry geometry, CoordinateFilter filter) {
        Geometry copy = geometry.copy();
        copy.apply(filter);
        copy.geometryChanged();
        return copy;
    }
}
