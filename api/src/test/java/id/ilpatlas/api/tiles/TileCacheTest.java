package id.ilpatlas.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import id.ilpatlas.geo.tile.MvtReader;
import id.ilpatlas.geo.tile.TileId;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The tile cache and the tiles' encodings over HTTP: gzip when the client accepts it (its own ETag, {@code Vary:
 * Accept-Encoding}, the same tile once unzipped), identity otherwise; callers of different scope asking for the same
 * tile in turn (the cache warm) each get their own answer; an import or a registry edit shows in the next tile; the
 * cache's metrics ({@code cache.gets} with {@code cache=atlas.tiles}).
 */
@TestPropertySource(properties = "atlas.ops.metrics-token=" + TileCacheTest.METRICS_TOKEN)
@Slow
class TileCacheTest extends CaseTestSupport {

    static final String METRICS_TOKEN = "test-tile-metrics-token-0123456789";
    static final String MEDONO = "33.75.01.1002";

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    HttpResponse<byte[]> get(String path, String user, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + tokenOf(user));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    TileId tileAt(int z, String regionCode) {
        double[] p = jdbc.sql("SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM regions "
                        + "WHERE code = :c")
                .param("c", regionCode)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .single();
        return TileId.containing(z, p[0], p[1]);
    }

    static String path(String layer, TileId t, String query) {
        return "/tiles/" + layer + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt" + query;
    }

    static Map<String, Map<String, Object>> decode(byte[] tile, String layer, String key) {
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        MvtReader.Layer l = MvtReader.read(tile).get(layer);
        assertThat(l).as("layer %s", layer).isNotNull();
        for (MvtReader.Feature f : l.features()) {
            byKey.put((String) f.properties().get(key), f.properties());
        }
        return byKey;
    }

    Map<String, Map<String, Object>> features(String path, String user, String layer, String key) throws Exception {
        HttpResponse<byte[]> r = get(path, user);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return decode(r.body(), layer, key);
    }

    static byte[] gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipWhenAcceptedIdentityOtherwise() throws Exception {
        for (String path : List.of(
                path("rw-indicators", tileAt(13, MEDONO), "?year=2026&month=5"),
                path("hex-heat", tileAt(13, MEDONO), "?indicator=STUNTED&year=2026"),
                path("facilities", tileAt(13, MEDONO), ""))) {
            HttpResponse<byte[]> identity = get(path, null);
            assertThat(identity.statusCode()).as(path).isEqualTo(200);
            assertThat(identity.headers().firstValue("Content-Encoding"))
                    .as(path)
                    .isEmpty();
            assertThat(identity.headers().allValues("Vary").toString()).as(path).contains("Accept-Encoding");
            MvtReader.read(identity.body());

            HttpResponse<byte[]> gzip = get(path, null, "Accept-Encoding", "gzip, deflate, br");
            assertThat(gzip.statusCode()).as(path).isEqualTo(200);
            assertThat(gzip.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            assertThat(gzip.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
            assertThat(gzip.headers().allValues("Vary").toString()).as(path).contains("Accept-Encoding");
            assertThat(gunzip(gzip.body())).as(path).isEqualTo(identity.body());
            assertThat(gzip.body().length).as(path).isLessThan(identity.body().length);

            String identityTag = identity.headers().firstValue("ETag").orElseThrow();
            String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
            assertThat(gzipTag).as("each representation its own strong ETag").isNotEqualTo(identityTag);
            assertThat(get(path, null).headers().firstValue("ETag")).hasValue(identityTag);
            assertThat(get(path, null, "Accept-Encoding", "gzip").headers().firstValue("ETag"))
                    .hasValue(gzipTag);
            assertThat(get(path, null, "Accept-Encoding", "gzip", "If-None-Match", gzipTag)
                            .statusCode())
                    .isEqualTo(304);
            assertThat(get(path, null, "If-None-Match", identityTag).statusCode())
                    .isEqualTo(304);
            HttpResponse<byte[]> refused = get(path, null, "Accept-Encoding", "gzip;q=0, identity");
            assertThat(refused.headers().firstValue("Content-Encoding"))
                    .as("gzip;q=0")
                    .isEmpty();
            assertThat(refused.body()).isEqualTo(identity.body());
        }
        assertThat(TileController.acceptsGzip("GZIP")).isTrue();
        assertThat(TileController.acceptsGzip("*")).isTrue();
        assertThat(TileController.acceptsGzip("br, deflate")).isFalse();
        assertThat(TileController.acceptsGzip("gzip; q=0.0")).isFalse();
        assertThat(TileController.acceptsGzip(null)).isFalse();
    }

    @Test
    void callersOfDifferentScopeGetTheirOwnCachedTiles() throws Exception {
        TileId t = tileAt(13, MEDONO);
        String path = path("rw-indicators", t, "?year=2026&month=5");
        String hexPath = path("hex-heat", t, "?indicator=STUNTED&year=2026");
        // The public first (cached), then the others, then each again from the cache, in turn.
        for (int round = 0; round < 2; round++) {
            Map<String, Map<String, Object>> anonymous = features(path, null, "rw_indicators", "code");
            Map<String, Map<String, Object>> dinkes = features(path, "dinkes", "rw_indicators", "code");
            Map<String, Map<String, Object>> lurah = features(path, "lurah-medono", "rw_indicators", "code");
            assertThat(anonymous).isNotEmpty();
            assertThat(dinkes.keySet()).isEqualTo(anonymous.keySet());
            int differ = 0;
            for (String code : anonymous.keySet()) {
                assertThat(anonymous.get(code).get("exact"))
                        .as("round %d %s", round, code)
                        .isEqualTo(false);
                assertThat(dinkes.get(code).get("exact"))
                        .as("round %d %s", round, code)
                        .isEqualTo(true);
                assertThat(lurah.get(code).get("exact"))
                        .as("round %d %s", round, code)
                        .isEqualTo(code.startsWith(MEDONO + "."));
                Object shown = anonymous.get(code).get("stunted");
                Object truth = dinkes.get(code).get("stunted");
                if (shown == null && truth != null) {
                    differ++;
                }
            }
            assertThat(differ)
                    .as("round %d: RWs the public sees suppressed and the Dinkes exactly", round)
                    .isPositive();

            Map<String, Map<String, Object>> hexAnonymous = features(hexPath, null, "hex_heat", "hex");
            Map<String, Map<String, Object>> hexDinkes = features(hexPath, "dinkes", "hex_heat", "hex");
            hexAnonymous.values().forEach(p -> {
                assertThat(p.get("exact")).isEqualTo(false);
                assertThat(p.get("resolution")).isEqualTo(1000L);
            });
            hexDinkes.values().forEach(p -> {
                assertThat(p.get("exact")).isEqualTo(true);
                assertThat(p.get("resolution")).isEqualTo(500L);
            });
        }
        // Same scope class, same cached tile; the ETags differ between scope classes.
        String anonymousTag = get(path, null).headers().firstValue("ETag").orElseThrow();
        assertThat(get(path, null).headers().firstValue("ETag")).hasValue(anonymousTag);
        assertThat(get(path, "dinkes").headers().firstValue("ETag").orElseThrow())
                .isNotEqualTo(anonymousTag);
    }

    @Test
    void anImportShowsInTheNextTile() throws Exception {
        String rw = jdbc.sql("SELECT code FROM regions WHERE level = 'RW' AND code LIKE :k ORDER BY code LIMIT 1")
                .param("k", MEDONO + ".%")
                .query(String.class)
                .single();
        int rwNumber = Integer.parseInt(rw.replaceAll(".*\\D", ""));
        TileId t = tileAt(14, rw);
        String path = path("rw-indicators", t, "?year=2025&month=2");
        Object before =
                features(path, "dinkes", "rw_indicators", "code").get(rw).get("tb_notifications");
        features(path, "dinkes", "rw_indicators", "code"); // now cached
        long n = before == null ? 0 : ((Number) before).longValue();

        String sitb = "No Registrasi;NIK;Nama;Kode Kel;RT;RW;Tgl Diagnosis;Tipe Diagnosis;Lokasi Anatomi;"
                + "Riwayat Pengobatan;Status Resistensi\n" + registration() + ";" + nik() + ";Pasien " + RUN
                + " tile;" + MEDONO + ";1;" + rwNumber + ";03/02/2025;Klinis;Paru;Baru;SO\n";
        ImportJob job = importText(ImportFormat.SITB, "tile-cache.csv", sitb);
        assertThat(job.rowsInserted())
                .as(job.describe() + " " + problemLines(job))
                .isEqualTo(1);

        Object after = features(path, "dinkes", "rw_indicators", "code").get(rw).get("tb_notifications");
        assertThat(((Number) after).longValue())
                .as("tb_notifications of %s after the import", rw)
                .isEqualTo(n + 1);
    }

    @Test
    void aRegistryEditShowsInTheNextFacilityTile() throws Exception {
        Map<String, Object> facility = jdbc.sql("""
                        SELECT code, name, version FROM facilities WHERE active AND type = 'POSYANDU'
                         ORDER BY code LIMIT 1""").query().singleRow();
        String code = (String) facility.get("code");
        double[] p = jdbc.sql("SELECT ST_X(location), ST_Y(location) FROM facilities WHERE code = :c")
                .param("c", code)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .single();
        String path = path("facilities", TileId.containing(15, p[0], p[1]), "");
        assertThat(features(path, null, "facilities", "code").get(code).get("name"))
                .isEqualTo(facility.get("name"));
        features(path, null, "facilities", "code"); // now cached

        String renamed = "Posyandu " + RUN + " renamed";
        as("dinkes")
                .documentName("registryUpdate")
                .variable("input", Map.of("id", code, "version", facility.get("version"), "name", renamed))
                .execute()
                .path("updateFacility.facility.name")
                .entity(String.class)
                .isEqualTo(renamed);

        assertThat(features(path, null, "facilities", "code").get(code).get("name"))
                .isEqualTo(renamed);
    }

    @Test
    void theCacheReportsItsMetrics() throws Exception {
        String path = path("rw-indicators", tileAt(12, MEDONO), "?year=2026&month=4");
        get(path, null);
        get(path, null);
        HttpResponse<byte[]> hits = get(
                "/actuator/metrics/cache.gets?tag=cache:atlas.tiles&tag=result:hit",
                null,
                "Authorization",
                "Bearer " + METRICS_TOKEN);
        assertThat(hits.statusCode()).isEqualTo(200);
        String body = new String(hits.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("\"name\":\"cache.gets\"").contains("COUNT");
        double count = Double.parseDouble(body.replaceAll("(?s).*\"value\"\\s*:\\s*([0-9.E]+).*", "$1"));
        assertThat(count).as(body).isGreaterThanOrEqualTo(1);
        for (String cache : List.of("atlas.tiles.layers", "atlas.hex-heat.layers")) {
            assertThat(get(
                                    "/actuator/metrics/cache.gets?tag=cache:" + cache,
                                    null,
                                    "Authorization",
                                    "Bearer " + METRICS_TOKEN)
                            .statusCode())
                    .as(cache)
                    .isEqualTo(200);
        }
    }
}
