package id.ilpatlas.geo.tile;

/**
 * One XYZ tile: zoom {@code z} (0-{@value #MAX_ZOOM}), column {@code x} and row {@code y} in 0..2^z-1 (row 0 at the
 * north edge).
 */
public record TileId(int z, int x, int y) {

    /** The deepest zoom served. */
    public static final int MAX_ZOOM = 22;

    /** Half the width of the Web Mercator square, in metres. */
    public static final double ORIGIN_SHIFT_METERS = Math.PI * 6378137.0;

    public TileId {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom must be 0-" + MAX_ZOOM + ", was " + z);
        }
        long n = 1L << z;
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException(
                    "at zoom " + z + " x and y must be 0-" + (n - 1) + ", were " + x + "/" + y);
        }
    }

    /** Static one-liner: the tile's bounds in EPSG:4326. */
    public static Bounds lonLatBounds(int z, int x, int y) {
        return new TileId(z, x, y).lonLatBounds();
    }

    /** Bounds of a tile: {@code minX, minY, maxX, maxY} (lon/lat degrees or metres, as the method says). */
    public record Bounds(double minX, double minY, double maxX, double maxY) {

        public boolean contains(double px, double py) {
            return px >= minX && px <= maxX && py >= minY && py <= maxY;
        }
    }

    /** The tile's bounds in EPSG:3857 metres (what {@code ST_TileEnvelope(z, x, y)} returns). */
    public Bounds mercatorBounds() {
        double size = 2 * ORIGIN_SHIFT_METERS / (1L << z);
        double minX = -ORIGIN_SHIFT_METERS + x * size;
        double maxY = ORIGIN_SHIFT_METERS - y * size;
        return new Bounds(minX, maxY - size, minX + size, maxY);
    }

    /** The tile's bounds in EPSG:4326, {@code [lon, lat]} degrees. */
    public Bounds lonLatBounds() {
        Bounds m = mercatorBounds();
        return new Bounds(longitude(m.minX()), latitude(m.minY()), longitude(m.maxX()), latitude(m.maxY()));
    }

    /** The tile at zoom z containing a point ({@code longitudeDegrees, latitudeDegrees}). */
    public static TileId containing(int z, double longitudeDegrees, double latitudeDegrees) {
        long n = 1L << z;
        double mx = longitudeDegrees * ORIGIN_SHIFT_METERS / 180.0;
        double my = Math.log(Math.tan((90 + latitudeDegrees) * Math.PI / 360.0)) * 6378137.0;
        int x = (int)
                Math.min(n - 1, Math.max(0, Math.floor((mx + ORIGIN_SHIFT_METERS) / (2 * ORIGIN_SHIFT_METERS) * n)));
        int y = (int)
                Math.min(n - 1, Math.max(0, Math.floor((ORIGIN_SHIFT_METERS - my) / (2 * ORIGIN_SHIFT_METERS) * n)));
        return new TileId(z, x, y);
    }

    private static double longitude(double mx) {
        return mx / ORIGIN_SHIFT_METERS * 180.0;
    }

    private static double latitude(double my) {
        return Math.toDegrees(2 * Math.atan(Math.exp(my / 6378137.0)) - Math.PI / 2);
    }
}
