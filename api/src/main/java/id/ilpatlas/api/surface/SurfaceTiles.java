package id.ilpatlas.api.surface;

import id.ilpatlas.geo.tile.TileId;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.opengis.referencing.FactoryException;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;

/**
 * PNG raster tiles (XYZ, Web Mercator, 256 × 256) of a travel-time surface: each pixel takes the class of the cell
 * holding its centre ({@link TravelTimeSurface#LEGEND}: 0–15, 15–30, 30–60, more than 60 minutes), nodata and
 * off-grid pixels transparent; an 8-bit palette image. A raster rather than a vector tile: the surface is a grid
 * (AccessMod's and QGIS's shape), and a 50 m grid of a city is tens of thousands of squares a vector tile would carry
 * as polygons; a PNG of four colours is a few kilobytes and drawn by any web map.
 */
final class SurfaceTiles {

    /** Pixels per side. */
    static final int SIZE = 256;

    private static final IndexColorModel PALETTE = palette();

    private SurfaceTiles() {}

    /** The PNG of one tile, or null when no pixel has a value. */
    static byte[] png(TravelTimeSurface surface, TileId tile) {
        SurfaceGrid grid = surface.grid();
        MathTransform toGrid;
        double[] box;
        try {
            toGrid = CRS.findMathTransform(DefaultGeographicCRS.WGS84, SurfaceGeoTiff.crs(grid.srid()), true);
            box = lonLatBounds(grid, toGrid.inverse());
        } catch (FactoryException | TransformException e) {
            throw new IllegalStateException("no transform between EPSG:4326 and " + grid.crs(), e);
        }
        TileId.Bounds m = tile.mercatorBounds();
        double step = (m.maxX() - m.minX()) / SIZE;
        int[] pixel = new int[SIZE * SIZE];
        double[] points = new double[SIZE * SIZE * 2];
        int count = 0;
        for (int py = 0; py < SIZE; py++) {
            double latitude = latitude(m.maxY() - (py + 0.5) * step);
            if (latitude < box[1] || latitude > box[3]) {
                continue;
            }
            for (int px = 0; px < SIZE; px++) {
                double longitude = (m.minX() + (px + 0.5) * step) / TileId.ORIGIN_SHIFT_METERS * 180.0;
                if (longitude >= box[0] && longitude <= box[2]) {
                    pixel[count] = py * SIZE + px;
                    points[2 * count] = longitude;
                    points[2 * count + 1] = latitude;
                    count++;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        try {
            toGrid.transform(points, 0, points, 0, count);
        } catch (TransformException e) {
            throw new IllegalStateException("could not project tile " + tile + " to " + grid.crs(), e);
        }
        byte[] classes = new byte[SIZE * SIZE];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            int cell = grid.cellAt(points[2 * i], points[2 * i + 1]);
            int c = cell < 0 ? -1 : TravelTimeSurface.legendClass(surface.minutes(cell));
            if (c >= 0) {
                classes[pixel[i]] = (byte) (c + 1);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
        image.getRaster().setDataElements(0, 0, SIZE, SIZE, classes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG in memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * {minLon, minLat, maxLon, maxLat} of the grid, from points along its edges (a UTM rectangle is not one in
     * degrees), widened by a cell.
     */
    private static double[] lonLatBounds(SurfaceGrid grid, MathTransform toLonLat) throws TransformException {
        int steps = 16;
        double[] edge = new double[4 * (steps + 1) * 2];
        int n = 0;
        for (int i = 0; i <= steps; i++) {
            double x = grid.minX() + (grid.maxX() - grid.minX()) * i / steps;
            double y = grid.minY() + (grid.maxY() - grid.minY()) * i / steps;
            for (double[] c : new double[][] {{x, grid.minY()}, {x, grid.maxY()}, {grid.minX(), y}, {grid.maxX(), y}}) {
                edge[n++] = c[0];
                edge[n++] = c[1];
            }
        }
        toLonLat.transform(edge, 0, edge, 0, n / 2);
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < n; i += 2) {
            box[0] = Math.min(box[0], edge[i]);
            box[1] = Math.min(box[1], edge[i + 1]);
            box[2] = Math.max(box[2], edge[i]);
            box[3] = Math.max(box[3], edge[i + 1]);
        }
        double margin = grid.cellMeters() / 100_000;
        return new double[] {box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin};
    }

    private static double latitude(double mercatorY) {
        return Math.toDegrees(2 * Math.atan(Math.exp(mercatorY / 6378137.0)) - Math.PI / 2);
    }

    /** Index 0 transparent, then the legend's colours, opaque. */
    private static IndexColorModel palette() {
        List<TravelTimeSurface.LegendClass> legend = TravelTimeSurface.LEGEND;
        int size = legend.size() + 1;
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        byte[] a = new byte[size];
        for (int i = 0; i < legend.size(); i++) {
            int rgb = Integer.parseInt(legend.get(i).color().substring(1), 16);
            r[i + 1] = (byte) (rgb >> 16);
            g[i + 1] = (byte) (rgb >> 8);
            b[i + 1] = (byte) rgb;
            a[i + 1] = (byte) 255;
        }
        return new IndexColorModel(8, size, r, g, b, a);
    }
}
