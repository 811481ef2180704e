import com.sun.net.httpserver.HttpServer;
import id.ilpatlas.geo.classify.ClassBreaks;
import id.ilpatlas.geo.tile.MvtReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The physical floor of the vector tiles (issue 19) and the client that compares it with the app.
 *
 * <p>{@code serve}: a minimal HTTP server (JDK {@code HttpServer}, plain JDBC, no framework) answering
 * {@code GET /tiles/rw-indicators/{z}/{x}/{y}.mvt} and {@code GET /tiles/hex-heat/{z}/{x}/{y}.mvt} with the app's
 * own tile SQL (the statement files under {@code api/src/main/resources/sql/tiles/} and {@code sql/hex-heat/}, named
 * parameters turned into {@code ?} the way Spring's {@code JdbcClient} does), prepared once per connection, one
 * connection per worker thread. The values in the tiles are the anonymous caller's (the app's public suppression):
 * read ONCE at start — the RW features from the app's anonymous GeoJSON export of the same period (the same
 * {@code RwIndicatorFeatures} values, nulls left out as the app leaves them out), the public hex layer from the app's
 * own {@code sql/hex-heat/hexes.sql} with the public rule of {@code HexHeatLayers} (1-4 suppressed, else rounded to
 * 5) and the geo module's {@code ClassBreaks} — and passed as the same JSON parameter the app passes. Gzip when the
 * client accepts it, 204 for an empty tile. Environment: FLOOR_PORT, ATLAS_DB_URL/USER/PASSWORD, FLOOR_APP_URL,
 * FLOOR_ROOT (repository), FLOOR_KABKOTA (33.75), FLOOR_YEAR, FLOOR_MONTH, FLOOR_HEX_YEAR, FLOOR_THRESHOLD (5).
 *
 * <p>{@code measure APP FLOOR TILES}: checks that app and floor give byte-identical tiles (after gunzip) for every
 * tile of TILES ("z x y" lines) — or, for a jar whose tile SQL has no ORDER BY (before issue 19), the same features
 * (geometry and properties, decoded with the geo module's MvtReader) in another order, which it reports — then times them interleaved (app, floor, floor, app, ...) over one keep-alive
 * connection each and prints "RESULT|layer|zoom|app p50|app p95|floor p50|floor p95|n" lines. Environment:
 * MEASURE_ZOOMS ("rw-indicators:12,rw-indicators:15,hex-heat:12"), MEASURE_SAMPLES (200), MEASURE_WARMUP (20),
 * MEASURE_RW_QUERY, MEASURE_HEX_QUERY, MEASURE_GZIP (0: identity; 1: Accept-Encoding gzip), MEASURE_SAME (fail;
 * warn: tiles of the same status but other bytes are counted and measured anyway, for a jar whose tile SQL differs).
 *
 * <p>Run with the PostgreSQL driver and the geo module on the class path: {@code java -cp
 * postgresql.jar:ilp-atlas-geo.jar bench/TileFloor.java serve} (bench/floor-tiles.sh takes both from the app jar).
 */
public class TileFloor {

    static final int EXTENT = 4096;
    static final int BUFFER = 64;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve();
        } else if (args.length == 4 && args[0].equals("measure")) {
            measure(args[1], args[2], Path.of(args[3]));
        } else {
            System.err.println("usage: TileFloor serve | TileFloor measure APP_URL FLOOR_URL TILES_FILE");
            System.exit(2);
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    // ------------------------------------------------------------------------------------------------------ server

    /**
     * A statement with named parameters, as Spring's NamedParameterUtils sends it: ":name" becomes "?" outside
     * quotes and comments.
     */
    record Statement(String sql, List<String> names) {
        static Statement parse(String text) {
            StringBuilder out = new StringBuilder();
            List<String> names = new ArrayList<>();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!quoted && c == '-' && text.startsWith("--", i)) {
                    int end = text.indexOf('\n', i);
                    end = end < 0 ? text.length() : end;
                    out.append(text, i, end);
                    i = end - 1;
                    continue;
                }
                if (c == '\'') {
                    quoted = !quoted;
                }
                if (!quoted
                        && c == ':'
                        && i + 1 < text.length()
                        && Character.isJavaIdentifierStart(text.charAt(i + 1))
                        && (i == 0 || text.charAt(i - 1) != ':')) {
                    int j = i + 1;
                    while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
                        j++;
                    }
                    names.add(text.substring(i + 1, j));
                    out.append('?');
                    i = j - 1;
                } else {
                    out.append(c);
                }
            }
            return new Statement(out.toString(), names);
        }
    }

    static String load(Path root, String resource) throws IOException {
        return Files.readString(root.resolve("api/src/main/resources").resolve(resource));
    }

    static void serve() throws Exception {
        // TCP_NODELAY on the server's sockets: without it the JDK server's separate header and body writes meet
        // Nagle's algorithm and the client's delayed ACK, and every answer waits ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path root = Path.of(env("FLOOR_ROOT", "."));
        String url = env("ATLAS_DB_URL", null);
        String user = env("ATLAS_DB_USER", null);
        String password = env("ATLAS_DB_PASSWORD", "");
        String app = env("FLOOR_APP_URL", null);
        String kabkota = env("FLOOR_KABKOTA", "33.75");
        int year = Integer.parseInt(env("FLOOR_YEAR", null));
        int month = Integer.parseInt(env("FLOOR_MONTH", null));
        int hexYear = Integer.parseInt(env("FLOOR_HEX_YEAR", Integer.toString(year)));
        int threshold = Integer.parseInt(env("FLOOR_THRESHOLD", "5"));
        int port = Integer.parseInt(env("FLOOR_PORT", "18399"));

        Statement rwTile = Statement.parse(load(root, "sql/tiles/rw-indicators.sql"));
        Statement hexTile = Statement.parse(load(root, "sql/hex-heat/tile.sql"));
        String rwProps;
        String hexes;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            rwProps = publicRwProps(c, app, kabkota, year, month);
            hexes = publicHexes(c, root, kabkota, hexYear, threshold);
        }
        Map<String, Object> rwParams = new HashMap<>(
                Map.of("props", rwProps, "m", (double) BUFFER / EXTENT, "extent", EXTENT, "buffer", BUFFER));
        Map<String, Object> hexParams = new HashMap<>(Map.of(
                "hexes",
                hexes,
                "size",
                1000,
                "period",
                Integer.toString(hexYear),
                "measure",
                "COUNT",
                "m",
                (double) BUFFER / EXTENT,
                "extent",
                EXTENT,
                "buffer",
                BUFFER));

        ThreadLocal<Map<Statement, PreparedStatement>> prepared = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(url, user, password);
                Map<Statement, PreparedStatement> m = new HashMap<>();
                m.put(rwTile, c.prepareStatement(rwTile.sql()));
                m.put(hexTile, c.prepareStatement(hexTile.sql()));
                return m;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Pattern path = Pattern.compile("/tiles/(rw-indicators|hex-heat)/(\\d+)/(\\d+)/(\\d+)\\.mvt");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(Integer.parseInt(env("FLOOR_THREADS", "8"))));
        server.createContext("/tiles/", exchange -> {
            try (exchange) {
                Matcher m = path.matcher(exchange.getRequestURI().getPath());
                if (!m.matches()) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                boolean rw = m.group(1).equals("rw-indicators");
                Statement s = rw ? rwTile : hexTile;
                Map<String, Object> params = new HashMap<>(rw ? rwParams : hexParams);
                params.put("z", Integer.parseInt(m.group(2)));
                params.put("x", Integer.parseInt(m.group(3)));
                params.put("y", Integer.parseInt(m.group(4)));
                byte[] tile;
                try {
                    PreparedStatement ps = prepared.get().get(s);
                    for (int i = 0; i < s.names().size(); i++) {
                        ps.setObject(i + 1, params.get(s.names().get(i)));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        tile = rs.getBytes(1);
                    }
                } catch (SQLException e) {
                    e.printStackTrace();
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.mapbox-vector-tile");
                if (tile == null || tile.length == 0) {
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
                if (accept != null && accept.contains("gzip")) {
                    tile = gzip(tile);
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                }
                exchange.sendResponseHeaders(200, tile.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(tile);
                }
            }
        });
        server.start();
        System.out.println("floor listening on http://127.0.0.1:" + port);
    }

    /** The anonymous caller's RW features of the period, from the app's GeoJSON export: {code: {non-null props}}. */
    static String publicRwProps(Connection c, String app, String kabkota, int year, int month) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(app + "/exports/rw-indicators.geojson?regionCode=" + kabkota
                                        + "&year=" + year + "&month=" + month))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("export answered " + r.statusCode() + ": " + r.body());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT jsonb_object_agg(f -> 'properties' ->> 'code', jsonb_strip_nulls(f -> 'properties'))::text
                  FROM jsonb_array_elements(CAST(? AS jsonb) -> 'features') f""")) {
            ps.setString(1, r.body());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The public coarse hex layer of a year (HexHeatLayers' public rule), as the JSON array the tile SQL reads. */
    static String publicHexes(Connection c, Path root, String kabkota, int year, int threshold) throws Exception {
        Statement s = Statement.parse(load(root, "sql/hex-heat/hexes.sql"));
        Map<String, Object> params =
                Map.of("scope", "{}", "kabkota", kabkota, "indicator", "STUNTED", "year", year, "size", 1000);
        record Hex(
                int i,
                int j,
                Integer count,
                Integer denominator,
                Double rate,
                Double value,
                boolean suppressed,
                boolean synthetic) {}
        List<Hex> raw = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(s.sql())) {
            for (int i = 0; i < s.names().size(); i++) {
                String name = s.names().get(i);
                if (name.equals("month")) {
                    ps.setNull(i + 1, java.sql.Types.INTEGER);
                } else {
                    ps.setObject(i + 1, params.get(name));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int total = rs.getInt("total");
                    int den = rs.getInt("total_denominator");
                    boolean suppressed = total > 0 && total < threshold || den > 0 && den < threshold;
                    Integer count = suppressed ? null : 5 * (int) Math.round(total / 5.0);
                    Integer denominator = suppressed ? null : 5 * (int) Math.round(den / 5.0);
                    if (!suppressed && denominator == 0) {
                        continue;
                    }
                    Double rate = suppressed ? null : (double) count / denominator;
                    raw.add(new Hex(
                            rs.getInt("i"),
                            rs.getInt("j"),
                            count,
                            denominator,
                            rate,
                            suppressed ? null : (double) count,
                            suppressed,
                            rs.getBoolean("synthetic")));
                }
            }
        }
        double[] values = raw.stream()
                .filter(h -> h.value() != null)
                .mapToDouble(Hex::value)
                .toArray();
        ClassBreaks breaks = ClassBreaks.of(ClassBreaks.Method.NATURAL_BREAKS, values, 5);
        List<String> colors = breaks.colors();
        StringBuilder json = new StringBuilder("[");
        for (Hex h : raw) {
            Integer cls = h.value() == null ? null : breaks.classOf(h.value());
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"kabkota\":\"")
                    .append(kabkota)
                    .append("\",\"i\":")
                    .append(h.i())
                    .append(",\"j\":")
                    .append(h.j())
                    .append(",\"count\":")
                    .append(h.count())
                    .append(",\"denominator\":")
                    .append(h.denominator())
                    .append(",\"rate\":")
                    .append(h.rate())
                    .append(",\"value\":")
                    .append(h.value())
                    .append(",\"class\":")
                    .append(cls)
                    .append(",\"color\":\"")
                    .append(cls == null ? "#d9d9d9" : colors.get(cls))
                    .append("\",\"suppressed\":")
                    .append(h.suppressed())
                    .append(",\"exact\":false,\"synthetic\":")
                    .append(h.synthetic())
                    .append('}');
        }
        return json.append(']').toString();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------------------ client

    record Answer(int status, byte[] body, long nanos) {}

    static Answer get(HttpClient client, String url, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        long t = System.nanoTime() - t0;
        byte[] body = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        return new Answer(r.statusCode(), body, t);
    }

    static void measure(String app, String floor, Path tilesFile) throws Exception {
        List<int[]> tiles = new ArrayList<>();
        for (String line : Files.readAllLines(tilesFile)) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 3) {
                tiles.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])});
            }
        }
        int samples = Integer.parseInt(env("MEASURE_SAMPLES", "200"));
        int warmup = Integer.parseInt(env("MEASURE_WARMUP", "20"));
        boolean gzip = env("MEASURE_GZIP", "0").equals("1");
        boolean warnOnly = env("MEASURE_SAME", "fail").equals("warn");
        Map<String, String> query =
                Map.of("rw-indicators", env("MEASURE_RW_QUERY", ""), "hex-heat", env("MEASURE_HEX_QUERY", ""));
        HttpClient appClient =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpClient floorClient =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String item : env("MEASURE_ZOOMS", "rw-indicators:12,rw-indicators:15,hex-heat:12")
                .split(",")) {
            String layer = item.split(":")[0];
            int z = Integer.parseInt(item.split(":")[1]);
            List<String> paths = new ArrayList<>();
            for (int[] t : tiles) {
                if (t[0] == z) {
                    paths.add("/tiles/" + layer + "/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt" + query.get(layer));
                }
            }
            if (paths.isEmpty()) {
                throw new IllegalStateException("no tiles at z" + z);
            }
            // 1. byte-identical (after gunzip), with and without gzip.
            int nonEmpty = 0;
            int different = 0;
            int reordered = 0;
            for (String p : paths) {
                for (boolean g : new boolean[] {false, true}) {
                    Answer a = get(appClient, app + p, g);
                    Answer f = get(floorClient, floor + p, g);
                    if (a.status() == f.status()
                            && !Arrays.equals(a.body(), f.body())
                            && sameFeatures(a.body(), f.body())) {
                        reordered++; // a jar whose tile SQL has no ORDER BY: the same features in another order
                    } else if (a.status() != f.status() || !Arrays.equals(a.body(), f.body())) {
                        System.err.printf(
                                Locale.ROOT,
                                "DIFFERENT %s (gzip %s): app %d, %d bytes; floor %d, %d bytes%n",
                                p,
                                g,
                                a.status(),
                                a.body().length,
                                f.status(),
                                f.body().length);
                        if (!warnOnly || a.status() != f.status()) {
                            System.exit(3);
                        }
                        different++;
                    }
                    if (a.status() != 200 && a.status() != 204) {
                        System.err.println("status " + a.status() + " for " + p);
                        System.exit(3);
                    }
                    if (a.status() == 200 && !g) {
                        nonEmpty++;
                    }
                }
            }
            System.err.printf(
                    Locale.ROOT,
                    "bench: %s z%d: %d tiles (%d non-empty) %s%n",
                    layer,
                    z,
                    paths.size(),
                    nonEmpty,
                    different > 0
                            ? different + " answers NOT the same (MEASURE_SAME=warn: measured anyway)"
                            : reordered > 0
                                    ? "the same features; " + reordered + " answers in another feature order"
                                    : "byte-identical app/floor");
            // 2. interleaved timing.
            List<Long> appTimes = new ArrayList<>();
            List<Long> floorTimes = new ArrayList<>();
            for (int i = 0; i < warmup + samples; i++) {
                String p = paths.get(i % paths.size());
                boolean appFirst = i % 2 == 0;
                Answer a;
                Answer f;
                if (appFirst) {
                    a = get(appClient, app + p, gzip);
                    f = get(floorClient, floor + p, gzip);
                } else {
                    f = get(floorClient, floor + p, gzip);
                    a = get(appClient, app + p, gzip);
                }
                if (a.status() >= 300 || f.status() >= 300) {
                    throw new IllegalStateException("status app " + a.status() + " floor " + f.status() + " " + p);
                }
                if (i >= warmup) {
                    appTimes.add(a.nanos());
                    floorTimes.add(f.nanos());
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT|%s|%d|%.2f|%.2f|%.2f|%.2f|%d%n",
                    layer,
                    z,
                    pct(appTimes, 0.5),
                    pct(appTimes, 0.95),
                    pct(floorTimes, 0.5),
                    pct(floorTimes, 0.95),
                    appTimes.size());
        }
    }

    /** True when two tiles hold the same layers and features (geometry and properties), in whatever order. */
    static boolean sameFeatures(byte[] a, byte[] b) {
        try {
            return canonical(MvtReader.read(a)).equals(canonical(MvtReader.read(b)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Map<String, List<String>> canonical(Map<String, MvtReader.Layer> layers) {
        Map<String, List<String>> out = new TreeMap<>();
        layers.forEach((name, layer) -> {
            List<String> features = new ArrayList<>();
            for (MvtReader.Feature f : layer.features()) {
                features.add(f.type() + "|" + new TreeMap<>(f.properties()) + "|"
                        + Arrays.deepToString(
                                f.parts().stream().map(List::toArray).toArray()));
            }
            features.sort(null);
            out.put(name + "/" + layer.extent(), features);
        });
        return out;
    }

    /** Nearest-rank percentile in milliseconds. */
    static double pct(List<Long> nanos, double q) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int i = Math.max(1, (int) Math.ceil(q * s.length)) - 1;
        return s[i] / 1e6;
    }
}
