package id.ilpatlas.api.surface;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageWriteParam;
import javax.media.jai.RasterFactory;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.grid.io.AbstractGridFormat;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.gce.geotiff.GeoTiffFormat;
import org.geotools.gce.geotiff.GeoTiffWriteParams;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.opengis.parameter.GeneralParameterValue;
import org.opengis.parameter.ParameterValueGroup;
import org.opengis.referencing.FactoryException;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * A travel-time surface as a GeoTIFF, written by GeoTools' GeoTIFF writer: one float32 band of minutes, the grid's
 * UTM CRS embedded (its EPSG code as a GeoKey), the nodata value {@link TravelTimeSurface#NO_DATA} in the
 * {@code GDAL_NODATA} tag (QGIS and GDAL read it), DEFLATE-compressed in 256 × 256 tiles.
 */
final class SurfaceGeoTiff {

    private SurfaceGeoTiff() {}

    /** The CRS of an EPSG code, from GeoTools' EPSG database. */
    static CoordinateReferenceSystem crs(int srid) {
        try {
            return CRS.decode("EPSG:" + srid);
        } catch (FactoryException e) {
            throw new IllegalStateException("GeoTools does not know EPSG:" + srid, e);
        }
    }

    static byte[] write(TravelTimeSurface surface) {
        SurfaceGrid grid = surface.grid();
        WritableRaster raster =
                RasterFactory.createBandedRaster(DataBuffer.TYPE_FLOAT, grid.columns(), grid.rows(), 1, null);
        raster.setSamples(0, 0, grid.columns(), grid.rows(), 0, surface.minutes());
        ReferencedEnvelope envelope =
                new ReferencedEnvelope(grid.minX(), grid.maxX(), grid.minY(), grid.maxY(), crs(grid.srid()));
        Map<String, Object> properties = new HashMap<>();
        CoverageUtilities.setNoDataProperty(properties, (double) TravelTimeSurface.NO_DATA);
        ComponentColorModel gray = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        GridCoverage2D coverage = new GridCoverageFactory()
                .create(
                        "travel_time_minutes",
                        new BufferedImage(gray, raster, false, null),
                        envelope,
                        null,
                        null,
                        properties);
        GeoTiffWriteParams write = new GeoTiffWriteParams();
        write.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        write.setCompressionType("Deflate");
        write.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
        write.setTiling(256, 256);
        ParameterValueGroup parameters = new GeoTiffFormat().getWriteParameters();
        parameters
                .parameter(AbstractGridFormat.GEOTOOLS_WRITE_PARAMS.getName().toString())
                .setValue(write);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            GeoTiffWriter writer = new GeoTiffWriter(out);
            try {
                writer.write(coverage, parameters.values().toArray(new GeneralParameterValue[0]));
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the GeoTIFF in memory failed", e);
        } finally {
            coverage.dispose(true);
        }
        return out.toByteArray();
    }
}
