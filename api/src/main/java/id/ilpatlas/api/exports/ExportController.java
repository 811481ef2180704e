package id.ilpatlas.api.exports;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.tiles.RwIndicatorFeatures;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads for QGIS users, EPSG:4326 ([lon, lat]): the per-RW indicators of a region and period as the caller may
 * see them (same values and suppression as GraphQL and the tiles), and the active facilities (public), each as
 * GeoJSON ({@code .geojson}) and GeoPackage ({@code .gpkg}); the per-RW indicators also as CSV ({@code .csv}, the same
 * properties as columns, without geometry) for a spreadsheet.
 */
@RestController
class ExportController {

    static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");
    static final MediaType GPKG = MediaType.parseMediaType("application/geopackage+sqlite3");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<RwIndicatorFeatures.Column> FACILITY_COLUMNS = List.of(
            new RwIndicatorFeatures.Column("code", "TEXT"),
            new RwIndicatorFeatures.Column("name", "TEXT"),
            new RwIndicatorFeatures.Column("type", "TEXT"),
            new RwIndicatorFeatures.Column("kelurahan_code", "TEXT"),
            new RwIndicatorFeatures.Column("location_quality", "TEXT"),
            new RwIndicatorFeatures.Column("synthetic", "BOOLEAN"));

    record Rows(String name, List<Map<String, Object>> properties, List<String> geoJson, List<Geometry> geometries) {}

    private final RwIndicatorFeatures features;
    private final Callers callers;
    private final ExportQueries queries;

    ExportController(RwIndicatorFeatures features, Callers callers, ExportQueries queries) {
        this.features = features;
        this.callers = callers;
        this.queries = queries;
    }

    /**
     * The RW indicators of a region and period as GeoJSON, GeoPackage or CSV. The CSV has the same rows as the
     * GeoJSON, one line per RW, the columns of {@link RwIndicatorFeatures#COLUMNS} in order: an absent value is an
     * empty cell (its reason in {@code missing} or {@code suppressed}, never 0), numbers written with a dot (as
     * {@code Locale.ROOT}, no exponent), text cells quoted when needed and never a live formula.
     */
    @GetMapping("/exports/rw-indicators.{format:geojson|gpkg|csv}")
    ResponseEntity<byte[]> rwIndicatorsExport(
            @PathVariable String format,
            @RequestParam String regionCode,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer quarter,
            @RequestParam(required = false) Integer month,
            Principal principal) {
        Rows rows = rwIndicators(callers.of(principal), regionCode, year, quarter, month);
        return switch (format) {
            case "geojson" -> download(geoJson(rows), GEOJSON, rows.name() + ".geojson");
            case "gpkg" ->
                download(
                        GeoPackageWriter.write(
                                "rw_indicators",
                                rows.name(),
                                "MULTIPOLYGON",
                                RwIndicatorFeatures.COLUMNS,
                                gpkgFeatures(rows)),
                        GPKG,
                        rows.name() + ".gpkg");
            default -> download(csv(rows), CSV, rows.name() + ".csv");
        };
    }

    @GetMapping("/exports/facilities.geojson")
    ResponseEntity<byte[]> facilitiesGeoJson(@RequestParam(required = false) String regionCode) {
        Rows rows = facilities(regionCode);
        return download(geoJson(rows), GEOJSON, rows.name() + ".geojson");
    }

    @GetMapping("/exports/facilities.gpkg")
    ResponseEntity<byte[]> facilitiesGpkg(@RequestParam(required = false) String regionCode) {
        Rows rows = facilities(regionCode);
        return download(
                GeoPackageWriter.write("facilities", rows.name(), "POINT", FACILITY_COLUMNS, gpkgFeatures(rows)),
                GPKG,
                rows.name() + ".gpkg");
    }

    private Rows rwIndicators(Caller caller, String regionCode, Integer year, Integer quarter, Integer month) {
        String region = dotted(regionCode);
        IndicatorPeriod period =
                features.period(region.substring(0, Math.min(5, region.length())), year, quarter, month);
        RwIndicatorFeatures.Result result = features.features(caller, region, period);
        List<String> codes =
                result.rws().stream().map(p -> (String) p.get("code")).toList();
        Map<String, Object[]> geometry = queries.rwGeometries(codes);
        List<String> json = new ArrayList<>();
        List<Geometry> geoms = new ArrayList<>();
        for (String code : codes) {
            json.add((String) geometry.get(code)[0]);
            geoms.add(wkb((byte[]) geometry.get(code)[1]));
        }
        return new Rows("rw-indicators-" + region + "-" + result.period(), result.rws(), json, geoms);
    }

    private Rows facilities(String regionCode) {
        return queries.facilities(regionCode == null ? "" : dotted(regionCode));
    }

    private static String dotted(String regionCode) {
        try {
            return RegionCode.parse(regionCode).dotted();
        } catch (InvalidRegionCodeException e) {
            throw new InvalidArgumentException("regionCode", e.getMessage());
        }
    }

    static Geometry wkb(byte[] bytes) {
        try {
            return new WKBReader().read(bytes);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }

    private static byte[] geoJson(Rows rows) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("{\"type\":\"FeatureCollection\",\"name\":")
                .append(JSON.writeValueAsString(rows.name()))
                .append(",\"features\":[");
        for (int i = 0; i < rows.properties().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"type\":\"Feature\",\"geometry\":")
                    .append(rows.geoJson().get(i))
                    .append(",\"properties\":")
                    .append(JSON.writeValueAsString(rows.properties().get(i)))
                    .append('}');
        }
        return out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(Rows rows) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append(String.join(
                        ",",
                        RwIndicatorFeatures.COLUMNS.stream()
                                .map(RwIndicatorFeatures.Column::name)
                                .toList()))
                .append('\n');
        for (Map<String, Object> row : rows.properties()) {
            List<String> cells = new ArrayList<>();
            for (RwIndicatorFeatures.Column column : RwIndicatorFeatures.COLUMNS) {
                cells.add(cell(row.get(column.name())));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return Csv.text(value.toString());
    }

    private static List<GeoPackageWriter.Feature> gpkgFeatures(Rows rows) {
        List<GeoPackageWriter.Feature> out = new ArrayList<>();
        for (int i = 0; i < rows.properties().size(); i++) {
            out.add(new GeoPackageWriter.Feature(
                    rows.geometries().get(i), rows.properties().get(i)));
        }
        return out;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(body);
    }
}
