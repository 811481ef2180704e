package id.ilpatlas.api.tiles;

import id.ilpatlas.api.Sql;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.indicators.IndicatorRefresh;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.classify.ClassBreaks;
import id.ilpatlas.geo.tile.TileId;
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
 * scope), so a 304 costs a version look-up only.
 */
@Service
class VectorTiles {

    static final int EXTENT = 4096;
    static final int BUFFER = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A tile to make: its ETag and, when asked, its bytes (empty when nothing is in it). */
    record Tile(String etag, Supplier<byte[]> bytes) {
    }

    private final JdbcClient jdbc;
    private final IndicatorRefresh refresh;
    private final RwIndicatorFeatures features;
    private final HexHeatLayers layers;

    VectorTiles(JdbcClient jdbc, IndicatorRefresh refresh, RwIndicatorFeatures features, HexHeatLayers layers) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.features = features;
        this.layers = layers;
    }

    /** The kab/kotas whose boundary touches the tile (with the tile's buffer). */
    private List<String> kabkotas(TileId t) {
        return jdbc.sql("""
                        SELECT code FROM regions
                         WHERE level = 'KABKOTA'
                           AND geom && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :m), 4326)
                         ORDER BY code""")
                .param("z", t.z()).param("x", t.x()).param("y", t.y()).param("m", (double) BUFFER / EXTENT)
                .query(String.class).list();
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
        IndicatorPeriod asked = year == null && quarter == null && month == null ? null
                : features.period(null, year, quarter, month);
        List<String> kabkotas = kabkotas(t);
        Map<String, IndicatorPeriod> periods = new LinkedHashMap<>();
        StringBuilder version = new StringBuilder();
        for (String k : kabkotas) {
            version.append(k).append('@').append(refresh.ensureFresh(k));
            IndicatorPeriod period = asked != null ? asked : features.period(k, null, null, null);
            periods.put(k, period);
            version.append('/').append(period.key()).append(';');
        }
        String etag = etag("rw-indicators", t, version.toString(), scopeClass(caller));
        return new Tile(etag, () -> {
            Map<String, Object> props = new LinkedHashMap<>();
            periods.forEach((k, period) -> {
                for (Map<String, Object> rw : features.features(caller, k, period).rws()) {
                    Map<String, Object> present = new LinkedHashMap<>();
                    rw.forEach((key, value) -> {
                        if (value != null) {
                            present.put(key, value);
                        }
                    });
                    props.put((String) rw.get("code"), present);
                }
            });
            if (props.isEmpty()) {
                return new byte[0];
            }
            return jdbc.sql("""
                            WITH props(code, p) AS (SELECT key, value FROM jsonb_each(CAST(:props AS jsonb))),
                            t AS (SELECT ST_AsMVTGeom(ST_Transform(r.geom, 3857), ST_TileEnvelope(:z, :x, :y),
                                                      :extent, :buffer, true) AS geom, props.p
                                    FROM regions r JOIN props ON props.code = r.code
                                   WHERE r.level = 'RW'
                                     AND r.geom && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :m), 4326))
                            SELECT ST_AsMVT(t, 'rw_indicators', :extent, 'geom') FROM t WHERE geom IS NOT NULL""")
                    .param("props", JSON.writeValueAsString(props))
                    .param("z", t.z()).param("x", t.x()).param("y", t.y()).param("m", (double) BUFFER / EXTENT)
                    .param("extent", EXTENT).param("buffer", BUFFER).query(byte[].class).single();
        });
    }

    Tile facilities(TileId t) {
        String version = jdbc.sql("SELECT count(*) || '@' || coalesce(max(updated_at)::text, '') FROM facilities")
                .query(String.class).single();
        return new Tile(etag("facilities", t, version, "public"), () -> jdbc.sql("""
                        WITH t AS (SELECT ST_AsMVTGeom(ST_Transform(location, 3857), ST_TileEnvelope(:z, :x, :y),
                                                       :extent, :buffer, true) AS geom, code, name, type
                                     FROM facilities
                                    WHERE active
                                      AND location && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :m), 4326))
                        SELECT ST_AsMVT(t, 'facilities', :extent, 'geom') FROM t WHERE geom IS NOT NULL""")
                .param("z", t.z()).param("x", t.x()).param("y", t.y()).param("m", (double) BUFFER / EXTENT)
                .param("extent", EXTENT).param("buffer", BUFFER).query(byte[].class).single());
    }

    /**
     * A hex heat tile: the hexes of every kab/kota touching the tile (or of {@code kabkota} only), as {@link
     * HexHeatLayers} gives them to the caller, with their class and colour from the layer's server-side breaks.
     */
    Tile hexHeat(Caller caller, TileId t, HexHeat.Indicator indicator, Integer year, Integer month,
                 HexHeat.Measure measure, ClassBreaks.Method method, int classes, String kabkota) {
        int size = HexHeatLayers.check(caller, indicator, year, month,
                HexHeat.fineAccess(caller) ? HexHeat.sizeForZoom(t.z()) : HexHeat.COARSE_METERS, measure, classes);
        List<String> kabkotas;
        if (kabkota != null) {
            layers.requireKabkota(kabkota, "kabkota");
            kabkotas = List.of(kabkota);
        } else {
            kabkotas = kabkotas(t);
        }
        int y = year != null ? year : layers.latestYear(indicator);
        StringBuilder version = new StringBuilder();
        for (String k : kabkotas) {
            version.append(k).append('@').append(layers.version(k)).append(';');
        }
        String etag = etag("hex-heat", t, version + "|" + indicator + "|" + y + "|" + month + "|" + measure + "|"
                + method + "|" + classes, scopeClass(caller));
        return new Tile(etag, () -> {
            List<Map<String, Object>> hexes = new ArrayList<>();
            for (String k : kabkotas) {
                HexHeatLayers.Layer layer = layers.layer(caller,
                        new HexHeatLayers.Request(k, indicator, y, month, size, measure, method, classes));
                for (HexHeatLayers.Hex h : layer.hexes()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kabkota", k);
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
            }
            if (hexes.isEmpty()) {
                return new byte[0];
            }
            return jdbc.sql(Sql.load("sql/hex-heat/tile.sql"))
                    .param("hexes", JSON.writeValueAsString(hexes)).param("size", size)
                    .param("period", month == null ? Integer.toString(y) : String.format(Locale.ROOT, "%04d-%02d", y, month))
                    .param("measure", measure.name())
                    .param("z", t.z()).param("x", t.x()).param("y", t.y()).param("m", (double) BUFFER / EXTENT)
                    .param("extent", EXTENT).param("buffer", BUFFER).query(byte[].class).single();
        });
    }

    static String etag(String layer, TileId t, String version, String scopeClass) {
        String key = layer + "|" + t.z() + "/" + t.x() + "/" + t.y() + "|" + version + "|" + scopeClass;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
