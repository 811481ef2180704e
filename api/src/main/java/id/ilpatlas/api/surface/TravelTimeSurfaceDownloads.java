package id.ilpatlas.api.surface;

import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.geo.tile.TileId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The travel-time surface over HTTP: {@code GET /exports/travel-time/{kabkota}.tif} (the GeoTIFF, for QGIS) and
 * {@code GET /tiles/travel-time/{kabkota}/{z}/{x}/{y}.png} (PNG tiles, for web maps), both with {@code to}
 * (RESPONSIBLE_PUSKESMAS, the default, or NEAREST_PUSKESMAS), {@code mode} (default MOTORBIKE) and {@code cellMeters}
 * (default 50). Public, as the facilities export and tiles are: the surface is made of public road and facility data
 * and public RW aggregates, no person. The download is {@code private, no-store} like every export; tiles are
 * {@code public} for 60 s with an {@code ETag} (304 on {@code If-None-Match}), 204 where the tile has no cell with a
 * value; a bad argument is a 400 naming it.
 */
@RestController
class TravelTimeSurfaceDownloads {

    static final MediaType GEOTIFF = MediaType.parseMediaType("image/tiff; application=geotiff");
    private static final CacheControl PUBLIC =
            CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

    private final TravelTimeSurfaces surfaces;

    TravelTimeSurfaceDownloads(TravelTimeSurfaces surfaces) {
        this.surfaces = surfaces;
    }

    @GetMapping("/exports/travel-time/{kabkota}.tif")
    ResponseEntity<byte[]> geoTiff(
            @PathVariable String kabkota,
            @RequestParam(defaultValue = "RESPONSIBLE_PUSKESMAS") String to,
            @RequestParam(defaultValue = "MOTORBIKE") String mode,
            @RequestParam(defaultValue = "50") String cellMeters) {
        TravelTimeSurface surface = surfaces.surface(kabkota, target(to), mode(mode), cellMeters(cellMeters));
        String name = String.format(
                Locale.ROOT,
                "travel-time-%s-%s-%s-%sm.tif",
                surface.kabkotaCode(),
                surface.target().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                surface.mode().name().toLowerCase(Locale.ROOT),
                TravelTimeSurfaces.fmt(surface.grid().cellMeters()));
        return ResponseEntity.ok()
                .contentType(GEOTIFF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(SurfaceGeoTiff.write(surface));
    }

    @GetMapping("/tiles/travel-time/{kabkota}/{z}/{x}/{y}.png")
    ResponseEntity<byte[]> tile(
            @PathVariable String kabkota,
            @PathVariable String z,
            @PathVariable String x,
            @PathVariable String y,
            @RequestParam(defaultValue = "RESPONSIBLE_PUSKESMAS") String to,
            @RequestParam(defaultValue = "MOTORBIKE") String mode,
            @RequestParam(defaultValue = "50") String cellMeters,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        TileId tile;
        try {
            tile = new TileId(Integer.parseInt(z), Integer.parseInt(x), Integer.parseInt(y));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(
                    "z/x/y", e instanceof NumberFormatException ? "z, x and y must be whole numbers" : e.getMessage());
        }
        TravelTimeSurface surface = surfaces.surface(kabkota, target(to), mode(mode), cellMeters(cellMeters));
        HttpHeaders headers = new HttpHeaders();
        String etag = etag(surface, tile);
        headers.setETag(etag);
        headers.setCacheControl(PUBLIC);
        if (ifNoneMatch != null
                && Arrays.stream(ifNoneMatch.split(","))
                        .map(String::trim)
                        .map(s -> s.startsWith("W/") ? s.substring(2) : s)
                        .anyMatch(s -> s.equals("*") || s.equals(etag))) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        byte[] png = SurfaceTiles.png(surface, tile);
        if (png == null) {
            return new ResponseEntity<>(headers, HttpStatus.NO_CONTENT);
        }
        headers.setContentType(MediaType.IMAGE_PNG);
        return new ResponseEntity<>(png, headers, HttpStatus.OK);
    }

    /** A hash of the surface (kab/kota, target, mode, cell size, data version) and the tile. */
    private static String etag(TravelTimeSurface s, TileId tile) {
        String of = String.join(
                "|",
                s.kabkotaCode(),
                s.target().name(),
                s.mode().name(),
                Double.toString(s.grid().cellMeters()),
                s.dataVersion(),
                tile.z() + "/" + tile.x() + "/" + tile.y());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(of.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static RwAccessService.Target target(String to) {
        if (to.equals("RESPONSIBLE_PUSKESMAS") || to.equals("NEAREST_PUSKESMAS")) {
            return RwAccessService.Target.valueOf(to);
        }
        throw new InvalidArgumentException("to", "must be RESPONSIBLE_PUSKESMAS or NEAREST_PUSKESMAS, was " + to);
    }

    static TravelMode mode(String mode) {
        try {
            return TravelMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(
                    "mode", "must be one of " + Arrays.toString(TravelMode.values()) + ", was " + mode);
        }
    }

    static double cellMeters(String cellMeters) {
        try {
            return Double.parseDouble(cellMeters);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("cellMeters", "must be a number of metres, was " + cellMeters);
        }
    }
}
