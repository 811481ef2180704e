package id.ilpatlas.api.exports;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.indicators.AreaIndicators;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.indicators.RwIndicators;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.tiles.RwIndicatorFeatures;
import id.ilpatlas.geo.testing.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GeoJSON and GeoPackage exports read back: GeoJSON parsed and compared with {@link RwIndicators} (suppressed for
 * anonymous callers); GeoPackage opened with sqlite-jdbc (application id, the gpkg_* tables, a geometry decoded from
 * its GeoPackage binary header + WKB and compared with PostGIS), and with GDAL's {@code ogrinfo} when it is on the
 * PATH (the test says which check ran).
 */
@Slow
class ExportsTest extends IntegrationTest {

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @Autowired
    RwIndicators rwIndicators;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void rwIndicatorGeoJsonIsWhatAnAnonymousCallerMaySee() throws Exception {
        HttpResponse<byte[]> r = get("/exports/rw-indicators.geojson?regionCode=33.75.01&year=2026&month=5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        JsonNode json = JsonMapper.builder().build().readTree(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(json.get("type").asString()).isEqualTo("FeatureCollection");
        Map<String, AreaIndicators> expected =
                rwIndicators
                        .report(Caller.ANONYMOUS, "33.75.01", IndicatorPeriod.month(YearMonth.of(2026, 5)))
                        .rws()
                        .stream()
                        .filter(rw -> rw.level().equals("RW"))
                        .collect(Collectors.toMap(AreaIndicators::regionCode, rw -> rw));
        assertThat(json.get("features").size()).isEqualTo(expected.size());
        for (JsonNode f : json.get("features")) {
            JsonNode p = f.get("properties");
            AreaIndicators rw = expected.get(p.get("code").asString());
            assertThat(f.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
            double lon = f.get("geometry")
                    .get("coordinates")
                    .get(0)
                    .get(0)
                    .get(0)
                    .get(0)
                    .asDouble();
            assertThat(lon).as("[lon, lat] order").isBetween(109.0, 110.0);
            assertThat(p.get("exact").asBoolean()).isFalse();
            assertThat(p.get("stunted").isNull()).isEqualTo(rw.stunted() == null);
            if (rw.stunted() != null) {
                assertThat(p.get("stunted").asInt()).isEqualTo(rw.stunted());
            }
        }
        assertThat(get("/exports/rw-indicators.geojson?regionCode=nope").statusCode())
                .isEqualTo(400);
    }

    @Test
    void rwIndicatorCsvHasTheGeoJsonRowsAndColumns() throws Exception {
        String query = "?regionCode=33.75.01&year=2026&month=5";
        HttpResponse<byte[]> r = get("/exports/rw-indicators.csv" + query);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("rw-indicators-33.75.01-2026-05.csv");
        String[] lines = new String(r.body(), StandardCharsets.UTF_8).split("\n");
        List<String> header = Csv.split(lines[0], ',');
        assertThat(header)
                .containsExactlyElementsOf(RwIndicatorFeatures.COLUMNS.stream()
                        .map(RwIndicatorFeatures.Column::name)
                        .toList());
        JsonNode geoJson = JsonMapper.builder()
                .build()
                .readTree(
                        new String(get("/exports/rw-indicators.geojson" + query).body(), StandardCharsets.UTF_8))
                .get("features");
        assertThat(lines).hasSize(geoJson.size() + 1);
        int absentCells = 0;
        for (int i = 1; i < lines.length; i++) {
            List<String> cells = Csv.split(lines[i], ',');
            assertThat(cells).as(lines[i]).hasSize(header.size());
            JsonNode p = geoJson.get(i - 1).get("properties");
            for (int c = 0; c < header.size(); c++) {
                JsonNode expected = p.get(header.get(c));
                String cell = cells.get(c);
                String what = header.get(c) + " of " + cells.get(0);
                if (expected.isNull()) {
                    // An absent value is an empty cell, never 0.
                    assertThat(cell).as(what).isEmpty();
                    absentCells++;
                } else if (expected.isNumber()) {
                    assertThat(cell).as(what).doesNotContain("E");
                    assertThat(Double.parseDouble(cell)).as(what).isEqualTo(expected.asDouble());
                } else {
                    assertThat(cell).as(what).isEqualTo(expected.asString());
                }
            }
        }
        assertThat(absentCells)
                .as("an anonymous caller sees some values suppressed or missing")
                .isPositive();
        assertThat(get("/exports/rw-indicators.csv?regionCode=nope").statusCode())
                .isEqualTo(400);
    }

    @Test
    void facilityGeoJsonHasEveryActiveFacility() throws Exception {
        HttpResponse<byte[]> r = get("/exports/facilities.geojson");
        JsonNode json = JsonMapper.builder().build().readTree(new String(r.body(), StandardCharsets.UTF_8));
        long active = jdbc.sql("SELECT count(*) FROM facilities WHERE active")
                .query(Long.class)
                .single();
        assertThat(json.get("features").size()).isEqualTo((int) active);
        assertThat(json.get("features").get(0).get("geometry").get("type").asString())
                .isEqualTo("Point");
    }

    @Test
    void geoPackagesReadBack() throws Exception {
        Path rws = dir.resolve("rw.gpkg");
        Files.write(
                rws,
                get("/exports/rw-indicators.gpkg?regionCode=33.75&year=2026&month=5")
                        .body());
        Path facilities = dir.resolve("facilities.gpkg");
        Files.write(facilities, get("/exports/facilities.gpkg").body());
        long rwCount = jdbc.sql("SELECT count(*) FROM regions WHERE level = 'RW' AND kabkota_code = '33.75'")
                .query(Long.class)
                .single();
        long facilityCount = jdbc.sql("SELECT count(*) FROM facilities WHERE active")
                .query(Long.class)
                .single();

        checkWithSqlite(rws, "rw_indicators", rwCount, "MULTIPOLYGON");
        checkWithSqlite(facilities, "facilities", facilityCount, "POINT");

        String ogrinfo = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(p -> Path.of(p, "ogrinfo"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
        if (ogrinfo == null) {
            System.out.println("GeoPackage export: ogrinfo not on PATH; checked with sqlite-jdbc only");
            return;
        }
        System.out.println("GeoPackage export: checked with sqlite-jdbc and " + ogrinfo);
        String out = run(ogrinfo, "-ro", "-so", rws.toString(), "rw_indicators");
        assertThat(out).contains("Feature Count: " + rwCount).contains("Geometry: Multi Polygon");
        String fac = run(ogrinfo, "-ro", "-so", facilities.toString(), "facilities");
        assertThat(fac).contains("Feature Count: " + facilityCount).contains("Geometry: Point");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private void checkWithSqlite(Path file, String table, long expectedRows, String geometryType) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                assertThat(rs.getInt(1)).isEqualTo(0x47504B47);
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT data_type, srs_id FROM gpkg_contents WHERE table_name = '" + table + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("features");
                assertThat(rs.getInt(2)).isEqualTo(4326);
            }
            try (ResultSet rs = s.executeQuery("SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns "
                    + "WHERE table_name = '" + table + "' AND column_name = 'geom'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(geometryType);
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0, 4326)")) {
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                assertThat(rs.getLong(1)).isEqualTo(expectedRows);
            }
            try (ResultSet rs = s.executeQuery("SELECT code, geom FROM \"" + table + "\" ORDER BY fid LIMIT 5")) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    ByteBuffer blob = ByteBuffer.wrap(rs.getBytes(2)).order(ByteOrder.LITTLE_ENDIAN);
                    assertThat(new String(rs.getBytes(2), 0, 2, StandardCharsets.US_ASCII))
                            .isEqualTo("GP");
                    assertThat(blob.get(2)).isZero();
                    int flags = blob.get(3);
                    assertThat((flags >> 1) & 7).as("envelope kind").isEqualTo(1);
                    assertThat(blob.getInt(4)).isEqualTo(4326);
                    byte[] bytes = rs.getBytes(2);
                    Geometry g = new WKBReader().read(Arrays.copyOfRange(bytes, 40, bytes.length));
                    String sql = table.equals("facilities")
                            ? "SELECT ST_Equals(location, ST_GeomFromText(:wkt, 4326)) FROM facilities WHERE code = :c"
                            : "SELECT ST_Equals(geom, ST_GeomFromText(:wkt, 4326)) FROM regions WHERE code = :c";
                    assertThat(jdbc.sql(sql)
                                    .param("wkt", g.toText())
                                    .param("c", code)
                                    .query(Boolean.class)
                                    .single())
                            .as(code)
                            .isTrue();
                    assertThat(blob.getDouble(8))
                            .isEqualTo(g.getEnvelopeInternal().getMinX());
                }
            }
        }
    }
}
