package id.ilpatlas.api.tiles;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.tile.TileId;
import java.security.Principal;
import java.util.Arrays;
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
    private static final CacheControl PRIVATE = CacheControl.maxAge(java.time.Duration.ofSeconds(60)).cachePrivate();
    private static final CacheControl PUBLIC = CacheControl.maxAge(java.time.Duration.ofSeconds(60)).cachePublic();

    private final VectorTiles tiles;
    private final Callers callers;

    TileController(VectorTiles tiles, Callers callers) {
        this.tiles = tiles;
        this.callers = callers;
    }

    @GetMapping("/tiles/rw-indicators/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> rwIndicators(@PathVariable String z, @PathVariable String x, @PathVariable String y,
                                        @RequestParam(required = false) Integer year,
                                        @RequestParam(required = false) Integer quarter,
                                        @RequestParam(required = false) Integer month,
                                        @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                        Principal principal) {
        Caller caller = callers.of(principal);
        return respond(tiles.rwIndicators(caller, tile(z, x, y), year, quarter, month), ifNoneMatch, PRIVATE);
    }

    @GetMapping("/tiles/facilities/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> facilities(@PathVariable String z, @PathVariable String x, @PathVariable String y,
                                      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return respond(tiles.facilities(tile(z, x, y)), ifNoneMatch, PUBLIC);
    }

    @GetMapping("/tiles/hex-heat/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> hexHeat(@PathVariable String z, @PathVariable String x, @PathVariable String y,
                                   @RequestParam(defaultValue = "STUNTED") String indicator,
                                   @RequestParam(required = false) Integer year,
                                   @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                   Principal principal) {
        HexHeat.Indicator which;
        try {
            which = HexHeat.Indicator.valueOf(indicator.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("indicator", "must be one of "
                    + Arrays.toString(HexHeat.Indicator.values()) + ", was " + indicator);
        }
        Caller caller = callers.of(principal);
        return respond(tiles.hexHeat(caller, tile(z, x, y), which, year), ifNoneMatch, PRIVATE);
    }

    @GetMapping(value = "/tiles/{layer}/style.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> style(@PathVariable String layer, @RequestParam Map<String, String> query) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return MapStyles.style(layer, base, query);
    }

    static TileId tile(String z, String x, String y) {
        try {
            return new TileId(Integer.parseInt(z), Integer.parseInt(x), Integer.parseInt(y));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("z/x/y", e instanceof NumberFormatException
                    ? "z, x and y must be whole numbers" : e.getMessage());
        }
    }

    private static ResponseEntity<byte[]> respond(VectorTiles.Tile tile, String ifNoneMatch, CacheControl cache) {
        boolean cached = ifNoneMatch != null && (ifNoneMatch.trim().equals("*")
                || Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                        .map(s -> s.startsWith("W/") ? s.substring(2) : s).anyMatch(tile.etag()::equals));
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(tile.etag());
        headers.setCacheControl(cache);
        if (cache == PRIVATE) {
            headers.setVary(java.util.List.of(HttpHeaders.AUTHORIZATION));
        }
        if (cached) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        byte[] bytes = tile.bytes().get();
        if (bytes == null || bytes.length == 0) {
            return new ResponseEntity<>(headers, HttpStatus.NO_CONTENT);
        }
        headers.setContentType(MVT);
        return new ResponseEntity<>(bytes, headers, HttpStatus.OK);
    }
}
