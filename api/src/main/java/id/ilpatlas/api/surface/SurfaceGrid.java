package id.ilpatlas.api.surface;

/**
 * The raster frame of a travel-time surface: square cells of {@code cellMeters} in a UTM zone ({@code srid}, WGS 84,
 * EPSG 326zz or 327zz), {@code columns} × {@code rows}, whose upper-left corner is ({@code minX}, {@code maxY})
 * (easting, northing in metres). Row 0 is the northernmost; a cell's index is {@code row * columns + column}, the
 * order of a GeoTIFF's pixels.
 */
public record SurfaceGrid(int srid, double minX, double maxY, double cellMeters, int columns, int rows) {

    /** The finest cell computed. */
    public static final double MIN_CELL_METERS = 25;
    /** The coarsest cell computed. */
    public static final double MAX_CELL_METERS = 1000;
    /** The most cells (of the whole frame, outside cells included) one surface may have. */
    public static final long MAX_CELLS = 3_000_000;

    /**
     * The frame of cells of {@code cellMeters} covering an extent in a UTM zone, its corners on multiples of the cell
     * size (so that surfaces of one zone and cell size line up).
     */
    public static SurfaceGrid covering(
            int srid, double minX, double minY, double maxX, double maxY, double cellMeters) {
        double left = Math.floor(minX / cellMeters) * cellMeters;
        double top = Math.ceil(maxY / cellMeters) * cellMeters;
        long columns = Math.max(1, (long) Math.ceil((maxX - left) / cellMeters));
        long rows = Math.max(1, (long) Math.ceil((top - minY) / cellMeters));
        if (columns > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "an extent of " + (maxX - minX) + " × " + (maxY - minY) + " m is too large for a grid");
        }
        return new SurfaceGrid(srid, left, top, cellMeters, (int) columns, (int) rows);
    }

    /** The number of cells of an extent at a cell size, without building the grid. */
    public static long cellCount(double minX, double minY, double maxX, double maxY, double cellMeters) {
        double left = Math.floor(minX / cellMeters) * cellMeters;
        double top = Math.ceil(maxY / cellMeters) * cellMeters;
        return Math.max(1, (long) Math.ceil((maxX - left) / cellMeters))
                * Math.max(1, (long) Math.ceil((top - minY) / cellMeters));
    }

    /** The smallest whole number of metres (at least {@link #MIN_CELL_METERS}) whose grid stays within {@link #MAX_CELLS}. */
    public static double smallestCellMeters(double minX, double minY, double maxX, double maxY) {
        double meters = Math.max(MIN_CELL_METERS, Math.ceil(Math.sqrt((maxX - minX) * (maxY - minY) / MAX_CELLS)));
        while (cellCount(minX, minY, maxX, maxY, meters) > MAX_CELLS) {
            meters++;
        }
        return meters;
    }

    /** {@code EPSG:<srid>}. */
    public String crs() {
        return "EPSG:" + srid;
    }

    public long cellCount() {
        return (long) columns * rows;
    }

    public double maxX() {
        return minX + columns * cellMeters;
    }

    public double minY() {
        return maxY - rows * cellMeters;
    }

    /** The index of the cell holding a point (easting, northing), or -1 off the grid. */
    public int cellAt(double x, double y) {
        double column = Math.floor((x - minX) / cellMeters);
        double row = Math.floor((maxY - y) / cellMeters);
        if (!(column >= 0 && column < columns && row >= 0 && row < rows)) {
            return -1;
        }
        return (int) row * columns + (int) column;
    }
}
