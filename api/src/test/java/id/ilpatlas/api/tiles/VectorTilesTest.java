package id.ilpatlas.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.api.indicators.AreaIndicators;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.indicators.RwIndicators;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.testing.Slow;
import id.ilpatlas.geo.tile.MvtReader;
import id.ilpatlas.geo.tile.TileId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Vector tiles decoded ({@link MvtReader}) and compared with direct queries on the same data: the RW features of a
 * tile against the RWs PostGIS finds in the tile and their values against {@link RwIndicators} and the summary table;
 * suppression inside tiles (anonymous vs dinkes vs a lurah in and outside her scope); hex heat against a recount of the
 * register points per hexagon; ETag/304, cache headers, 204 and 400.
 */
@Slow
class VectorTilesTest extends IntegrationTest {

    static final String MEDONO = "33.75.01.1002";
    static final YearMonth MONTH = YearMonth.of(2026, 5);
    static final Caller DINKES = new Caller("dinkes", Role.DINKES_ADMIN, List.of("33.75"), null);

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @Autowired
    RwIndicators rwIndicators;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    HttpResponse<byte[]> get(String path, String user, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + tokenOf(user));
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The features of a tile's layer by their key property. */
    Map<String, Map<String, Object>> features(String path, String user, String layer, String key) throws Exception {
        HttpResponse<byte[]> response = get(path, user, null);
        if (response.statusCode() == 204) {
            return Map.of();
        }
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
        MvtReader.Layer l = MvtReader.read(response.body()).get(layer);
        assertThat(l).as("layer %s in %s", layer, path).isNotNull();
        assertThat(l.extent()).isEqualTo(4096);
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (MvtReader.Feature f : l.features()) {
            assertThat(byKey.put((String) f.properties().get(key), f.properties()))
                    .as("duplicate %s", key)
                    .isNull();
        }
        return byKey;
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

    Set<String> rwsIn(TileId t, double margin) {
        return new HashSet<>(jdbc.sql("""
                        SELECT code FROM regions WHERE level = 'RW'
                           AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :m), 4326))""")
                .param("z", t.z())
                .param("x", t.x())
                .param("y", t.y())
                .param("m", margin)
                .query(String.class)
                .list());
    }

    static Double number(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    @Test
    void rwIndicatorTileHoldsTheRwsOfTheTileWithTheirIndicators() throws Exception {
        for (int z = 12; z <= 15; z++) {
            TileId t = tileAt(z, MEDONO);
            Map<String, Map<String, Object>> tile =
                    features(path("rw-indicators", t, "?year=2026&month=5"), "dinkes", "rw_indicators", "code");
            Set<String> strictlyInside = rwsIn(t, 0);
            Set<String> withBuffer = rwsIn(t, 64.0 / 4096);
            assertThat(tile.keySet()).as("z%d", z).containsAll(strictlyInside);
            assertThat(withBuffer).as("z%d", z).containsAll(tile.keySet());

            Map<String, AreaIndicators> expected =
                    rwIndicators.report(DINKES, "33.75", IndicatorPeriod.month(MONTH)).rws().stream()
                            .collect(Collectors.toMap(AreaIndicators::regionCode, r -> r));
            Map<String, Long> stuntedInTable = new HashMap<>();
            jdbc.sql("SELECT leaf_code, children_stunted FROM rw_indicator_summaries WHERE kabkota_code = '33.75' "
                            + "AND period_key = '2026-05'")
                    .query((rs, n) -> stuntedInTable.put(rs.getString(1), rs.getLong(2)))
                    .list();
            for (var e : tile.entrySet()) {
                AreaIndicators rw = expected.get(e.getKey());
                Map<String, Object> p = e.getValue();
                assertThat(p.get("name")).isEqualTo(rw.name());
                assertThat(p.get("exact")).isEqualTo(true);
                assertThat(p.get("period")).isEqualTo("2026-05");
                assertThat(number(p.get("stunted"))).as(e.getKey()).isEqualTo((double)
                        stuntedInTable.getOrDefault(e.getKey(), 0L));
                assertThat(number(p.get("children_measured")))
                        .isEqualTo(rw.childrenMeasured().doubleValue());
                assertThat(number(p.get("tb_notifications")))
                        .isEqualTo(rw.tbNotifications().doubleValue());
                if (rw.stuntingPrevalence() == null) {
                    assertThat(p).doesNotContainKey("stunting_prevalence");
                } else {
                    assertThat(number(p.get("stunting_prevalence"))).isCloseTo(rw.stuntingPrevalence(), within(1e-9));
                }
                assertThat(p.get("suppressed")).isEqualTo("");
            }
        }
    }

    /** A feature's properties but the stable figures and the KLEOPATRA criteria on them (smoothed per caller). */
    private static Map<String, Object> withoutStable(Map<String, Object> properties) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(properties);
        copy.keySet().removeIf(k -> k.endsWith("_stable") || k.startsWith("kleopatra_"));
        return copy;
    }

    @Test
    void suppressionHoldsInsideTilesAndFollowsTheScope() throws Exception {
        TileId t = tileAt(13, MEDONO);
        String path = path("rw-indicators", t, "?year=2026&month=5");
        Map<String, Map<String, Object>> exact = features(path, "dinkes", "rw_indicators", "code");
        Map<String, Map<String, Object>> anonymous = features(path, null, "rw_indicators", "code");
        Map<String, Map<String, Object>> lurah = features(path, "lurah-medono", "rw_indicators", "code");
        Map<String, AreaIndicators> published =
                rwIndicators.report(Caller.ANONYMOUS, "33.75", IndicatorPeriod.month(MONTH)).rws().stream()
                        .collect(Collectors.toMap(AreaIndicators::regionCode, r -> r));
        assertThat(anonymous.keySet()).isEqualTo(exact.keySet());
        int suppressedSmall = 0;
        int inScope = 0;
        int outOfScope = 0;
        for (String code : exact.keySet()) {
            Map<String, Object> a = anonymous.get(code);
            assertThat(a.get("exact")).isEqualTo(false);
            Double stunted = number(a.get("stunted"));
            assertThat(stunted == null || stunted == 0 || stunted >= 5)
                    .as("%s stunted %s", code, stunted)
                    .isTrue();
            AreaIndicators pub = published.get(code);
            assertThat(stunted)
                    .isEqualTo(pub.stunted() == null ? null : pub.stunted().doubleValue());
            assertThat(((String) a.get("suppressed")).isEmpty())
                    .isEqualTo(pub.suppressed().isEmpty());
            double exactStunted = number(exact.get(code).get("stunted"));
            if (exactStunted >= 1 && exactStunted <= 4) {
                assertThat(a).doesNotContainKey("stunted");
                assertThat(((String) a.get("suppressed")).split(",")).contains("stunted");
                suppressedSmall++;
            }
            Map<String, Object> l = lurah.get(code);
            if (code.startsWith(MEDONO + ".")) {
                inScope++;
                assertThat(l.get("exact")).isEqualTo(true);
                // The counts are the Dinkes's; the stable (smoothed) figures are smoothed over what each caller sees
                // (the lurah sees her neighbours as the public does), so they may differ.
                assertThat(withoutStable(l)).isEqualTo(withoutStable(exact.get(code)));
            } else {
                outOfScope++;
                assertThat(l.get("exact")).as(code).isEqualTo(false);
                assertThat(l).as(code).isEqualTo(a);
            }
        }
        assertThat(suppressedSmall)
                .as("RWs with 1-4 stunted children in the tile")
                .isPositive();
        assertThat(inScope).isPositive();
        assertThat(outOfScope).isPositive();

        // A tile wholly outside the lurah's kelurahan: nothing exact.
        TileId far = tileAt(15, "33.75.03");
        Map<String, Map<String, Object>> farTile =
                features(path("rw-indicators", far, "?year=2026&month=5"), "lurah-medono", "rw_indicators", "code");
        assertThat(farTile).isNotEmpty();
        farTile.forEach((code, p) -> {
            assertThat(code).doesNotStartWith(MEDONO);
            assertThat(p.get("exact")).isEqualTo(false);
        });
    }

    @Test
    void facilityTileHoldsTheActiveFacilitiesOfTheTile() throws Exception {
        TileId t = tileAt(13, MEDONO);
        Map<String, Map<String, Object>> tile = features(path("facilities", t, ""), null, "facilities", "code");
        Map<String, String> expected = new HashMap<>();
        jdbc.sql("""
                        SELECT code, type FROM facilities WHERE active
                           AND ST_Intersects(location, ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326))""")
                .param("z", t.z())
                .param("x", t.x())
                .param("y", t.y())
                .query((rs, n) -> expected.put(rs.getString(1), rs.getString(2)))
                .list();
        assertThat(expected).isNotEmpty();
        assertThat(tile.keySet()).containsAll(expected.keySet());
        expected.forEach((code, type) -> assertThat(tile.get(code).get("type")).isEqualTo(type));
        HttpResponse<byte[]> r = get(path("facilities", t, ""), null, null);
        assertThat(r.headers().firstValue("Cache-Control").orElse(""))
                .contains("public")
                .contains("max-age=60");
    }

    /** Stunted children (latest measurement of 2026 z < -2) per hexagon, recounted with ST_Contains. */
    Map<String, Long> recountHexes(Set<String> hexes, String scopePrefix) {
        Map<String, Long> counts = new HashMap<>();
        for (String hex : hexes) {
            String[] part = hex.split(":");
            long n = jdbc.sql("""
                            WITH latest AS (  -- stunted child-months: each child's latest measurement of each month
                                SELECT DISTINCT ON (g.child_id, date_trunc('month', g.measured_on))
                                       g.child_id, g.region_code, g.z_length_height_for_age zh
                                  FROM growth_measurements g
                                 WHERE g.kabkota_code = '33.75' AND g.measured_on BETWEEN '2026-01-01' AND '2026-12-31'
                                 ORDER BY g.child_id, date_trunc('month', g.measured_on), g.measured_on DESC, g.id DESC)
                            SELECT count(*) FROM latest l JOIN children c ON c.id = l.child_id
                             WHERE l.zh < -2 AND l.region_code LIKE :scope
                               AND ST_Contains(ST_SetSRID(ST_Hexagon(:s, :i, :j), 3857), ST_Transform(c.location, 3857))""")
                    .param("scope", scopePrefix + "%")
                    .param("s", Integer.parseInt(part[0]))
                    .param("i", Integer.parseInt(part[1]))
                    .param("j", Integer.parseInt(part[2]))
                    .query(Long.class)
                    .single();
            counts.put(hex, n);
        }
        return counts;
    }

    @Test
    void hexHeatCountsMatchARecountAndAreSuppressedForThePublic() throws Exception {
        TileId t = tileAt(14, MEDONO);
        String path = path("hex-heat", t, "?indicator=STUNTED&year=2026");

        Map<String, Map<String, Object>> dinkes = features(path, "dinkes", "hex_heat", "hex");
        assertThat(dinkes).isNotEmpty();
        Map<String, Long> recount = recountHexes(dinkes.keySet(), "");
        dinkes.forEach((hex, p) -> {
            assertThat(p.get("resolution")).isEqualTo(500L);
            assertThat(p.get("exact")).isEqualTo(true);
            assertThat(number(p.get("count")))
                    .as(hex)
                    .isEqualTo(recount.get(hex).doubleValue());
        });

        Map<String, Map<String, Object>> anonymous = features(path, null, "hex_heat", "hex");
        assertThat(anonymous).isNotEmpty();
        Map<String, Long> coarse = recountHexes(anonymous.keySet(), "");
        int suppressed = 0;
        for (var e : anonymous.entrySet()) {
            Map<String, Object> p = e.getValue();
            long truth = coarse.get(e.getKey());
            assertThat(p.get("resolution")).isEqualTo(1000L);
            assertThat(p.get("exact")).isEqualTo(false);
            if (truth >= 1 && truth < 5) {
                assertThat(p).doesNotContainKey("count");
                assertThat(p.get("suppressed")).isEqualTo(true);
                suppressed++;
            } else if (Boolean.TRUE.equals(p.get("suppressed"))) {
                // 0 stunted among 1-4 children measured: hidden too (HexHeatLayerTest checks the denominators).
                assertThat(truth).as(e.getKey()).isZero();
                assertThat(p).doesNotContainKey("count");
                suppressed++;
            } else {
                long shown = ((Number) p.get("count")).longValue();
                assertThat(shown % 5).isZero();
                assertThat(Math.abs(shown - truth)).as(e.getKey()).isLessThanOrEqualTo(2);
                assertThat(p.get("suppressed")).isEqualTo(false);
            }
        }
        System.out.printf(
                "hex heat z14: %d exact 500 m hexes (dinkes), %d public 1000 m hexes, %d suppressed%n",
                dinkes.size(), anonymous.size(), suppressed);

        Map<String, Map<String, Object>> lurah = features(path, "lurah-medono", "hex_heat", "hex");
        Map<String, Long> mine = recountHexes(lurah.keySet(), MEDONO);
        assertThat(lurah).isNotEmpty();
        lurah.forEach((hex, p) -> {
            assertThat(p.get("exact")).isEqualTo(true);
            assertThat(number(p.get("count"))).as(hex).isEqualTo(mine.get(hex).doubleValue());
        });
    }

    @Test
    void etagsCacheHeadersEmptyAndInvalidTiles() throws Exception {
        TileId t = tileAt(14, MEDONO);
        String path = path("rw-indicators", t, "?year=2026&month=5");
        HttpResponse<byte[]> first = get(path, "dinkes", null);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElse(""))
                .contains("private")
                .contains("max-age=60");
        HttpResponse<byte[]> again = get(path, "dinkes", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        String anonymousEtag =
                get(path, null, null).headers().firstValue("ETag").orElseThrow();
        assertThat(anonymousEtag).isNotEqualTo(etag);
        assertThat(get(path, null, etag).statusCode())
                .as("dinkes' ETag must not validate a public tile")
                .isEqualTo(200);
        String otherMonth = get(path("rw-indicators", t, "?year=2026&month=4"), "dinkes", null)
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        assertThat(otherMonth).isNotEqualTo(etag);

        assertThat(get("/tiles/facilities/14/0/0.mvt", null, null).statusCode()).isEqualTo(204);
        assertThat(get("/tiles/rw-indicators/14/0/0.mvt", null, null).statusCode())
                .isEqualTo(204);
        assertThat(get("/tiles/hex-heat/14/0/0.mvt", null, null).statusCode()).isEqualTo(204);
        assertThat(get("/tiles/facilities/14/16384/0.mvt", null, null).statusCode())
                .isEqualTo(400);
        assertThat(get("/tiles/facilities/23/0/0.mvt", null, null).statusCode()).isEqualTo(400);
        assertThat(get("/tiles/facilities/a/0/0.mvt", null, null).statusCode()).isEqualTo(400);
        assertThat(get("/tiles/hex-heat/14/0/0.mvt?indicator=NOPE", null, null).statusCode())
                .isEqualTo(400);
        assertThat(get("/tiles/rw-indicators/14/0/0.mvt?year=2026&month=13", null, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void defaultPeriodIsTheLatestMonthWithData() throws Exception {
        TileId t = tileAt(14, MEDONO);
        Map<String, Map<String, Object>> tile = features(path("rw-indicators", t, ""), null, "rw_indicators", "code");
        assertThat(tile.values().iterator().next().get("period")).isEqualTo("2026-06");
    }

    @Test
    void styleFragmentsPointAtTheTiles() throws Exception {
        for (String layer : List.of("rw-indicators", "facilities", "hex-heat")) {
            HttpResponse<byte[]> r = get("/tiles/" + layer + "/style.json?year=2026&month=5", null, null);
            assertThat(r.statusCode()).isEqualTo(200);
            String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body)
                    .contains("\"version\":8")
                    .contains("/tiles/" + layer + "/{z}/{x}/{y}.mvt")
                    .contains("\"source-layer\":\"" + layer.replace('-', '_') + "\"");
        }
        assertThat(get("/tiles/nope/style.json", null, null).statusCode()).isEqualTo(400);
    }
}
