package id.ilpatlas.api.tiles;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.classify.ClassBreaks;
import id.ilpatlas.geo.tile.TileId;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Vector tiles {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt} of the layers {@code rw-indicators}, {@code facilities}
 * and {@code hex-heat}, and a MapLibre style fragment per layer ({@code GET /tiles/{layer}/style.json}). Tiles follow
 * the caller's scope (the bearer token); {@code ETag} + {@code If-None-Match} give 304; an empty tile is 204; a z/x/y
 * outside the grid is 400. Facilities are public ({@code Cache-Control: public}); the others private.
 */
@RestController
class TileController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");
    private static final CacheControl PRIVATE =
            CacheControl.maxAge(java.time.Duration.ofSeconds(60)).cachePrivate();
    private static final CacheControl PUBLIC =
            CacheControl.maxAge(java.time.Duration.ofSeconds(60)).cachePublic();

    private final VectorTiles tiles;
    private final Callers callers;
    private final HexHeatLayers layers;

    TileController(VectorTiles tiles, Callers callers, HexHeatLayers layers) {
        this.tiles = tiles;
        this.callers = callers;
        this.layers = layers;
    }

    @GetMapping("/tiles/rw-indicators/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> rwIndicators(
            @PathVariable String z,
            @PathVariable String x,
            @PathVariable String y,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer quarter,
            @RequestParam(required = false) Integer month,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
            Principal principal) {
        Caller caller = callers.of(principal);
        return respond(
                tiles.rwIndicators(caller, tile(z, x, y), year, quarter, month), ifNoneMatch, acceptEncoding, PRIVATE);
    }

    @GetMapping("/tiles/facilities/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> facilities(
            @PathVariable String z,
            @PathVariable String x,
            @PathVariable String y,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return respond(tiles.facilities(tile(z, x, y)), ifNoneMatch, acceptEncoding, PUBLIC);
    }

    @GetMapping("/tiles/hex-heat/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> hexHeat(
            @PathVariable String z,
            @PathVariable String x,
            @PathVariable String y,
            @RequestParam(defaultValue = "STUNTED") String indicator,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer month,
            @RequestParam(defaultValue = "COUNT") String measure,
            @RequestParam(defaultValue = "NATURAL_BREAKS") String method,
            @RequestParam(defaultValue = "5") int classes,
            @RequestParam(required = false) String kabkota,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
            Principal principal) {
        Caller caller = callers.of(principal);
        return respond(
                tiles.hexHeat(
                        caller,
                        tile(z, x, y),
                        HexHeat.Indicator.parse(indicator),
                        year,
                        month,
                        HexHeat.Measure.parse(measure),
                        method(method),
                        classes,
                        kabkota),
                ifNoneMatch,
                acceptEncoding,
                PRIVATE);
    }

    /**
     * The style fragment of a layer. For {@code hex-heat} with {@code kabkota=}, its metadata carries the legend of
     * every resolution the caller gets ({@code ilpatlas:legends}: breaks, colours, labels, the geocoded share), the
     * same {@link HexHeatLayers} layer the tiles are coloured from.
     */
    @GetMapping(value = "/tiles/{layer}/style.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> style(
            @PathVariable String layer, @RequestParam Map<String, String> query, Principal principal) {
        String base =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        Map<String, Object> style = MapStyles.style(layer, base, query);
        if (layer.equals("hex-heat") && query.containsKey("kabkota")) {
            style.put("metadata", hexLegends(callers.of(principal), query, style));
        }
        return style;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> hexLegends(Caller caller, Map<String, String> query, Map<String, Object> style) {
        HexHeat.Indicator indicator = HexHeat.Indicator.parse(query.getOrDefault("indicator", "STUNTED"));
        HexHeat.Measure measure = HexHeat.Measure.parse(query.getOrDefault("measure", "COUNT"));
        ClassBreaks.Method method = method(query.getOrDefault("method", "NATURAL_BREAKS"));
        Integer year = integer(query, "year");
        Integer month = integer(query, "month");
        Integer classes = integer(query, "classes");
        int k = classes == null ? 5 : classes;
        String kabkota = query.get("kabkota");
        layers.requireKabkota(kabkota, "kabkota");
        int y = year != null ? year : layers.latestYear(indicator);
        List<Map<String, Object>> legends = new ArrayList<>();
        int[][] zooms = HexHeat.fineAccess(caller)
                ? new int[][] {
                    {0, 12, HexHeat.COARSE_METERS}, {13, 14, HexHeat.MEDIUM_METERS}, {15, 22, HexHeat.FINE_METERS}
                }
                : new int[][] {{0, 22, HexHeat.COARSE_METERS}};
        for (int[] zoom : zooms) {
            int size = HexHeatLayers.check(caller, indicator, year, month, zoom[2], measure, k);
            Map<String, Object> legend = new LinkedHashMap<>();
            legend.put("minzoom", zoom[0]);
            legend.put("maxzoom", zoom[1]);
            legend.putAll(HexHeatLayers.legendOf(layers.layer(
                    caller, new HexHeatLayers.Request(kabkota, indicator, y, month, size, measure, method, k))));
            legends.add(legend);
        }
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) style.get("metadata"));
        metadata.put("ilpatlas:geocodedShare", legends.get(0).get("geocodedShare"));
        metadata.put("ilpatlas:legends", legends);
        return metadata;
    }

    private static Integer integer(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name, "must be a whole number, was " + v);
        }
    }

    private static ClassBreaks.Method method(String name) {
        try {
            return ClassBreaks.Method.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(
                    "method", "must be one of " + Arrays.toString(ClassBreaks.Method.values()) + ", was " + name);
        }
    }

    static TileId tile(String z, String x, String y) {
        try {
            return new TileId(Integer.parseInt(z), Integer.parseInt(x), Integer.parseInt(y));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(
                    "z/x/y", e instanceof NumberFormatException ? "z, x and y must be whole numbers" : e.getMessage());
        }
    }

    /**
     * The tile as asked: 304 when {@code If-None-Match} names it (either encoding's tag), 204 when empty, else the
     * MVT bytes, gzip-compressed ({@code Content-Encoding: gzip}) when the client accepts gzip. The gzip
     * representation has its own strong ETag (the identity one with {@code -gzip} inside the quotes), and every
     * answer says {@code Vary: Accept-Encoding} (and {@code Authorization} for the private layers).
     */
    private static ResponseEntity<byte[]> respond(
            VectorTiles.Tile tile, String ifNoneMatch, String acceptEncoding, CacheControl cache) {
        boolean gzip = acceptsGzip(acceptEncoding);
        String identityTag = tile.etag();
        String gzipTag = identityTag.substring(0, identityTag.length() - 1) + "-gzip\"";
        boolean cached = ifNoneMatch != null
                && (ifNoneMatch.trim().equals("*")
                        || Arrays.stream(ifNoneMatch.split(","))
                                .map(String::trim)
                                .map(s -> s.startsWith("W/") ? s.substring(2) : s)
                                .anyMatch(s -> s.equals(identityTag) || s.equals(gzipTag)));
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(gzip ? gzipTag : identityTag);
        headers.setCacheControl(cache);
        headers.setVary(
                cache == PRIVATE
                        ? List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT_ENCODING)
                        : List.of(HttpHeaders.ACCEPT_ENCODING));
        if (cached) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        TileCache.Entry made = tile.bytes().get();
        if (made.bytes().length == 0) {
            return new ResponseEntity<>(headers, HttpStatus.NO_CONTENT);
        }
        headers.setContentType(MVT);
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
            return new ResponseEntity<>(made.gzipped(), headers, HttpStatus.OK);
        }
        return new ResponseEntity<>(made.bytes(), headers, HttpStatus.OK);
    }

    /** True when {@code Accept-Encoding} lists gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                boolean refused = false;
                for (int i = 1; i < p.length; i++) {
                    String q = p[i].trim().replace(" ", "");
                    if (q.matches("q=0(\\.0*)?")) {
                        refused = true;
                    }
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
    }
}
