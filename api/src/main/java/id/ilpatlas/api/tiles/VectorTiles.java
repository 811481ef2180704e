package id.ilpatlas.api.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.ilpatlas.api.Caches;
import id.ilpatlas.api.Sql;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.indicators.IndicatorRefresh;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.classify.ClassBreaks;
import id.ilpatlas.geo.tile.TileId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mapbox Vector Tiles of the three map layers, made by PostGIS ({@code ST_AsMVT}) from precomputed tables: the per-RW
 * indicator summaries (through {@link RwIndicatorFeatures}, so a tile holds exactly what GraphQL gives the caller),
 * the facility registry, and the hex heat ({@link HexHeat}). Every tile comes with an ETag computed before the tile
 * is made: a hash of the layer, tile, parameters, the data version and the caller's scope class (public, or role and
 * scope), so a 304 costs a version look-up only. The same string keys the {@link TileCache}: a tile is made once per
 * data version and scope class. The values a tile shows (the RWs of a kab/kota through {@link RwIndicatorFeatures},
 * a {@link HexHeatLayers} layer) are turned into the JSON the tile SQL reads once per data version and scope class
 * too ({@code atlas.tiles.layers}), not once per tile: making them per tile (confidence intervals and smoothing of
 * all 271 RWs of the demo kota) was 80 % of a tile's CPU time before.
 */
@Service
class VectorTiles {

    static final int EXTENT = 4096;
    static final int BUFFER = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A tile to make: its ETag and, when asked, its bytes (empty when nothing is in it) from the tile cache. */
    record Tile(String etag, Supplier<TileCache.Entry> bytes) {}

    private final JdbcClient jdbc;
    private final IndicatorRefresh refresh;
    private final RwIndicatorFeatures features;
    private final HexHeatLayers layers;
    private final TileCache cache;
    /**
     * Per kab/kota, period or hex layer, data version and scope class: the JSON the tile SQL reads (the RWs' or
     * hexes' values as the caller may see them), made once per data version instead of once per tile.
     */
    private final Cache<String, String> layerJson;

    VectorTiles(
            JdbcClient jdbc,
            IndicatorRefresh refresh,
            RwIndicatorFeatures features,
            HexHeatLayers layers,
            TileCache cache,
            MeterRegistry registry) {
        this.cache = cache;
        this.layerJson = Caffeine.newBuilder()
                .maximumWeight(32L << 20)
                .weigher((String k, String v) -> 2 * (k.length() + v.length()))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, layerJson, "atlas.tiles.layers");
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.features = features;
        this.layers = layers;
    }

    /** The kab/kotas whose boundary touches the tile (with the tile's buffer). */
    private static final String KABKOTAS = """
            SELECT code FROM regions
             WHERE level = 'KABKOTA'
               AND geom && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :m), 4326)""";

    /**
     * The kab/kotas touching the tile, each with the version of its indicators and hex heat (rebuilt first when an
     * import finished since; {@link IndicatorRefresh#ensureFresh(String, Map)}): one statement when all are fresh.
     */
    private Map<String, String> kabkotaVersions(TileId t) {
        return refresh.ensureFresh(KABKOTAS, tileParams(t));
    }

    private static Map<String, Object> tileParams(TileId t) {
        return Map.of("z", t.z(), "x", t.x(), "y", t.y(), "m", (double) BUFFER / EXTENT);
    }

    /**
     * Public for callers who read exact aggregates nowhere (they all see the same published figures); else role and
     * the scope in which {@link AccessPolicy#mayReadExactAggregates} gives them exact counts.
     */
    static String scopeClass(Caller caller) {
        List<String> exact = AccessPolicy.exactAggregateScope(caller);
        return exact.isEmpty() ? "public" : caller.role() + ":" + String.join(",", new TreeSet<>(exact));
    }

    Tile rwIndicators(Caller caller, TileId t, Integer year, Integer quarter, Integer month) {
        // An explicit period is validated (400) even for a tile with nothing in it.
        IndicatorPeriod asked =
                year == null && quarter == null && month == null ? null : features.period(null, year, quarter, month);
        Map<String, String> versions = kabkotaVersions(t);
        Map<String, IndicatorPeriod> periods = new LinkedHashMap<>();
        StringBuilder version = new StringBuilder();
        for (String k : versions.keySet()) {
            String v = versions.get(k);
            version.append(k).append('@').append(v);
            IndicatorPeriod period = asked != null ? asked : features.period(k, null, null, null);
            periods.put(k, period);
            version.append('/').append(period.key()).append(';');
        }
        String scopeClass = scopeClass(caller);
        String key = key("rw-indicators", t, version.toString(), scopeClass);
        return new Tile(
                etag(key),
                () -> cache.get(key, () -> {
                    StringBuilder props = new StringBuilder("{");
                    periods.forEach((k, period) -> {
                        String json = layerJson(
                                "rw|" + k + "|" + period.key() + "|" + versions.get(k) + "|" + scopeClass,
                                () -> rwProps(caller, k, period));
                        if (json.length() > 2) {
                            props.append(props.length() > 1 ? "," : "").append(json, 1, json.length() - 1);
                        }
                    });
                    if (props.length() == 1) {
                        return new byte[0];
                    }
                    return tileBytes(
                            jdbc.sql(Sql.load("sql/tiles/rw-indicators.sql"))
                                    .param("props", props.append('}').toString()),
                            t);
                }));
    }

    /** The JSON of {@code key}, made when it is not cached. */
    private String layerJson(String key, Supplier<String> make) {
        return Caches.getOrMake(layerJson, key, make);
    }

    /** The RWs of a kab/kota as the caller sees them, as one JSON object: code -> its present properties. */
    private String rwProps(Caller caller, String kabkota, IndicatorPeriod period) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map<String, Object> rw : features.features(caller, kabkota, period).rws()) {
            Map<String, Object> present = new LinkedHashMap<>();
            rw.forEach((name, value) -> {
                if (value != null) {
                    present.put(name, value);
                }
            });
            props.put((String) rw.get("code"), present);
        }
        return JSON.writeValueAsString(props);
    }

    Tile facilities(TileId t) {
        String version = jdbc.sql("SELECT count(*) || '@' || coalesce(max(updated_at)::text, '') FROM facilities")
                .query(String.class)
                .single();
        String key = key("facilities", t, version, "public");
        return new Tile(
                etag(key), () -> cache.get(key, () -> tileBytes(jdbc.sql(Sql.load("sql/tiles/facilities.sql")), t)));
    }

    /** The MVT bytes of a tile statement: binds the tile ({@code z}, {@code x}, {@code y}) and its geometry options. */
    private static byte[] tileBytes(JdbcClient.StatementSpec statement, TileId t) {
        return statement
                .param("z", t.z())
                .param("x", t.x())
                .param("y", t.y())
                .param("m", (double) BUFFER / EXTENT)
                .param("extent", EXTENT)
                .param("buffer", BUFFER)
                .query(byte[].class)
                .single();
    }

    /**
     * A hex heat tile: the hexes of every kab/kota touching the tile (or of {@code kabkota} only), as {@link
     * HexHeatLayers} gives them to the caller, with their class and colour from the layer's server-side breaks.
     */
    Tile hexHeat(
            Caller caller,
            TileId t,
            HexHeat.Indicator indicator,
            Integer year,
            Integer month,
            HexHeat.Measure measure,
            ClassBreaks.Method method,
            int classes,
            String kabkota) {
        int size = HexHeatLayers.check(
                caller,
                indicator,
                year,
                month,
                HexHeat.fineAccess(caller) ? HexHeat.sizeForZoom(t.z()) : HexHeat.COARSE_METERS,
                measure,
                classes);
        Map<String, String> versions;
        if (kabkota != null) {
            layers.requireKabkota(kabkota, "kabkota");
            versions = Map.of(kabkota, layers.version(kabkota));
        } else {
            versions = kabkotaVersions(t); // the same version as HexHeatLayers.version: the refresh rebuilds both
        }
        List<String> kabkotas = List.copyOf(versions.keySet());
        int y = year != null ? year : layers.latestYear(indicator);
        StringBuilder version = new StringBuilder();
        for (String k : kabkotas) {
            version.append(k).append('@').append(versions.get(k)).append(';');
        }
        String scopeClass = scopeClass(caller);
        String key = key(
                "hex-heat",
                t,
                version + "|" + indicator + "|" + y + "|" + month + "|" + measure + "|" + method + "|" + classes,
                scopeClass);
        return new Tile(
                etag(key),
                () -> cache.get(key, () -> {
                    StringBuilder hexes = new StringBuilder("[");
                    for (String k : kabkotas) {
                        HexHeatLayers.Request request =
                                new HexHeatLayers.Request(k, indicator, y, month, size, measure, method, classes);
                        String json = layerJson(
                                "hex|" + request + "|" + versions.get(k) + "|" + scopeClass,
                                () -> hexJson(layers.layer(caller, request)));
                        if (json.length() > 2) {
                            hexes.append(hexes.length() > 1 ? "," : "").append(json, 1, json.length() - 1);
                        }
                    }
                    if (hexes.length() == 1) {
                        return new byte[0];
                    }
                    return tileBytes(
                            jdbc.sql(Sql.load("sql/hex-heat/tile.sql"))
                                    .param("hexes", hexes.append(']').toString())
                                    .param("size", size)
                                    .param(
                                            "period",
                                            month == null
                                                    ? Integer.toString(y)
                                                    : String.format(Locale.ROOT, "%04d-%02d", y, month))
                                    .param("measure", measure.name()),
                            t);
                }));
    }

    /** The hexes of a layer as the JSON array the tile SQL reads. */
    private static String hexJson(HexHeatLayers.Layer layer) {
        List<Map<String, Object>> hexes = new ArrayList<>();
        for (HexHeatLayers.Hex h : layer.hexes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kabkota", layer.kabkotaCode());
            m.put("i", h.i());
            m.put("j", h.j());
            m.put("count", h.count());
            m.put("denominator", h.denominator());
            m.put("rate", h.rate());
            m.put("value", h.value());
            m.put("class", h.classIndex());
            m.put("color", h.color());
            m.put("suppressed", h.suppressed());
            m.put("exact", h.exact());
            m.put("synthetic", h.synthetic());
            hexes.add(m);
        }
        return JSON.writeValueAsString(hexes);
    }

    /** Everything that decides a tile's answer: the cache key, and what its ETag hashes. */
    static String key(String layer, TileId t, String version, String scopeClass) {
        return layer + "|" + t.z() + "/" + t.x() + "/" + t.y() + "|" + version + "|" + scopeClass;
    }

    static String etag(String layer, TileId t, String version, String scopeClass) {
        return etag(key(layer, t, version, scopeClass));
    }

    static String etag(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
