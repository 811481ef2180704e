/*
 * Latency client for bench/registry.sh: sequential GraphQL requests against a running ILP Atlas.
 *
 *   java bench/RegistryBench.java [BASE_URL]        (default http://127.0.0.1:18090)
 *
 * JDK 17 single-file program, no dependencies (java.net.http only). Settings from the environment:
 *   BENCH_WARMUP    warm-up requests per scenario, not measured    (default 20)
 *   BENCH_REQUESTS  measured requests per scenario                 (default 200)
 *   BENCH_PAGE_SIZE page size of the nested and flat walks, 1-1000 (default 500)
 *   BENCH_SEED      seed of the random points of `nearest`         (default 42)
 *   BENCH_SCENARIOS comma list out of nested,flat,list,nearest     (default all four)
 *
 * One "request" of `nested` and `flat` is a whole walk over the city's facilities (as many HTTP requests as pages);
 * its latency is the time from sending each HTTP request to having its whole body, summed over the walk's pages
 * (the client's own JSON checks are not timed).
 * SQL statements come from the app's metric atlas.sql.statements, read before and after each measured loop; the
 * loops run one request at a time, so the difference is what those requests cost (n/a if the app lacks the metric).
 * The table goes to stdout, progress to stderr.
 */

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RegistryBench {

    static final String NESTED = """
            query Nested($first: Int!, $after: String) {
              facilities(first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { node {
                  id name type location
                  parent { id name }
                  children { id }
                  services { key }
                  sessions { description }
                  nextSessions(count: 3) { date }
                  catchment { code }
                  programs { key }
                  kelurahan { code name }
                  address { rt rw { code } }
                  openingHours { dayOfWeek opens closes }
                } }
              }
            }""";

    static final String FLAT = """
            query Flat($first: Int!, $after: String) {
              facilities(first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { node { id name } }
              }
            }""";

    static final String LIST = """
            query List {
              facilities(first: 100, filter: {types: [POSYANDU], regionCode: "33.75.03"}) {
                totalCount
                edges { node { id name location } }
              }
            }""";

    static final String NEAREST = """
            query Nearest($lon: Float!, $lat: Float!) {
              nearestFacilities(near: {longitude: $lon, latitude: $lat}, first: 5) {
                distanceMeters
                facility { id }
              }
            }""";

    // Kota Pekalongan, roughly: the box the random points of `nearest` are drawn from.
    static final double WEST = 109.64, EAST = 109.72, SOUTH = -6.94, NORTH = -6.85;

    static final Pattern HAS_NEXT = Pattern.compile("\"hasNextPage\"\\s*:\\s*(true|false)");
    static final Pattern END_CURSOR = Pattern.compile("\"endCursor\"\\s*:\\s*(null|\"((?:[^\"\\\\]|\\\\.)*)\")");
    static final Pattern NODE = Pattern.compile("\"node\"\\s*:\\s*\\{");
    static final Pattern TOTAL_COUNT = Pattern.compile("\"totalCount\"\\s*:\\s*(\\d+)");
    static final Pattern DISTANCE = Pattern.compile("\"distanceMeters\"\\s*:");
    static final Pattern ERRORS = Pattern.compile("\"errors\"\\s*:\\s*\\[");
    static final Pattern METRIC_VALUE =
            Pattern.compile("\"measurements\"\\s*:\\s*\\[\\s*\\{[^}]*\"value\"\\s*:\\s*([-+0-9.eE]+)");

    final String base;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    final int pageSize;

    RegistryBench(String base, int pageSize) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.pageSize = pageSize;
    }

    /**
     * What one benchmark request (a walk, a list, a nearest) did; {@code nanos} is the time spent in HTTP exchanges,
     * from sending each request to having its whole body, summed over a walk's pages (client-side checks excluded).
     */
    record Outcome(long nanos, int httpRequests, long bytes, int items) {}

    /** One scenario's measured loop. */
    record Result(
            String name,
            long[] nanos,
            long httpRequests,
            long bytes,
            Double statements,
            int itemsPerRequest,
            String note) {
        int n() {
            return nanos.length;
        }

        double meanMs() {
            return Arrays.stream(nanos).average().orElse(Double.NaN) / 1e6;
        }

        /** Nearest-rank percentile in milliseconds. */
        double percentileMs(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }

        double maxMs() {
            return Arrays.stream(nanos).max().orElse(0) / 1e6;
        }
    }

    interface Request {
        Outcome run(int i) throws IOException, InterruptedException;
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    /**
     * POSTs a GraphQL request; fails on a non-200 status or any GraphQL error. Returns the body; adds its size to
     * {@code acc[0]} and the time of the exchange, in nanoseconds, to {@code acc[1]}.
     */
    String graphql(String query, String variablesJson, long[] acc) throws IOException, InterruptedException {
        String payload = "{\"query\":" + jsonString(query) + ",\"variables\":" + variablesJson + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        acc[1] += System.nanoTime() - t0;
        byte[] raw = response.body();
        acc[0] += raw.length;
        String body = new String(raw, StandardCharsets.UTF_8);
        if (response.statusCode() != 200 || ERRORS.matcher(body).find()) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from /graphql: "
                    + body.substring(0, Math.min(body.length(), 800)));
        }
        return body;
    }

    /** The app's SQL statement counter, or null when the metric (or the metrics endpoint) is not there. */
    Double sqlStatements() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/atlas.sql.statements"))
                .header("Authorization", "Bearer " + System.getenv().getOrDefault("BENCH_METRICS_TOKEN", ""))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        Matcher m = METRIC_VALUE.matcher(response.body());
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    /** Walks every page of the facilities connection with the given query. */
    Outcome walk(String query) throws IOException, InterruptedException {
        long[] acc = {0, 0};
        int requests = 0;
        int items = 0;
        String after = null;
        while (true) {
            String vars = "{\"first\":" + pageSize + ",\"after\":" + (after == null ? "null" : jsonString(after)) + "}";
            String body = graphql(query, vars, acc);
            requests++;
            items += count(NODE, body);
            Matcher next = HAS_NEXT.matcher(body);
            if (!next.find()) {
                throw new IllegalStateException("no pageInfo.hasNextPage in response: " + head(body));
            }
            if (!Boolean.parseBoolean(next.group(1))) {
                return new Outcome(acc[1], requests, acc[0], items);
            }
            Matcher cursor = END_CURSOR.matcher(body);
            if (!cursor.find() || cursor.group(2) == null) {
                throw new IllegalStateException("hasNextPage true but no endCursor: " + head(body));
            }
            after = cursor.group(2);
            if (requests > 10_000) {
                throw new IllegalStateException("walk does not end after 10000 pages");
            }
        }
    }

    Result measure(String name, int warmup, int requests, Request request, String note)
            throws IOException, InterruptedException {
        System.err.printf(Locale.ROOT, "bench: %-8s %d warm-up + %d measured requests%n", name, warmup, requests);
        for (int i = 0; i < warmup; i++) {
            request.run(i);
        }
        Double before = sqlStatements();
        long[] nanos = new long[requests];
        long http = 0, bytes = 0;
        int items = -1;
        for (int i = 0; i < requests; i++) {
            Outcome o = request.run(warmup + i);
            nanos[i] = o.nanos();
            http += o.httpRequests();
            bytes += o.bytes();
            if (items >= 0 && items != o.items() && !name.equals("nearest")) {
                throw new IllegalStateException(name + ": " + o.items() + " items, earlier " + items);
            }
            items = o.items();
        }
        Double after = sqlStatements();
        Double statements = before == null || after == null ? null : after - before;
        return new Result(name, nanos, http, bytes, statements, items, note);
    }

    // ------------------------------------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18090";
        int warmup = intEnv("BENCH_WARMUP", 20, 0);
        int requests = intEnv("BENCH_REQUESTS", 200, 1);
        int pageSize = intEnv("BENCH_PAGE_SIZE", 500, 1);
        long seed = intEnv("BENCH_SEED", 42, Integer.MIN_VALUE);
        List<String> scenarios = Arrays.asList(System.getenv()
                .getOrDefault("BENCH_SCENARIOS", "nested,flat,list,nearest")
                .split("\\s*,\\s*"));
        for (String s : scenarios) {
            if (!List.of("nested", "flat", "list", "nearest").contains(s)) {
                throw new IllegalArgumentException(
                        "BENCH_SCENARIOS: unknown scenario '" + s + "' (expected nested, flat, list, nearest)");
            }
        }
        RegistryBench bench = new RegistryBench(base, pageSize);

        Map<String, Result> results = new LinkedHashMap<>();
        if (scenarios.contains("nested")) {
            results.put(
                    "nested",
                    bench.measure(
                            "nested",
                            warmup,
                            requests,
                            i -> bench.walk(NESTED),
                            "whole-city walk, pages of " + pageSize + ", 11 nested fields"));
        }
        if (scenarios.contains("flat")) {
            results.put(
                    "flat",
                    bench.measure(
                            "flat", warmup, requests, i -> bench.walk(FLAT), "baseline: same walk, id name only"));
        }
        if (scenarios.contains("list")) {
            int[] total = {-1};
            Result r = bench.measure(
                    "list",
                    warmup,
                    requests,
                    i -> {
                        long[] acc = {0, 0};
                        String body = bench.graphql(LIST, "{}", acc);
                        Matcher m = TOTAL_COUNT.matcher(body);
                        total[0] = m.find() ? Integer.parseInt(m.group(1)) : -1;
                        return new Outcome(acc[1], 1, acc[0], count(NODE, body));
                    },
                    null);
            results.put(
                    "list",
                    new Result(
                            r.name(),
                            r.nanos(),
                            r.httpRequests(),
                            r.bytes(),
                            r.statements(),
                            r.itemsPerRequest(),
                            "POSYANDU in 33.75.03, first 100 (totalCount " + total[0] + ")"));
        }
        if (scenarios.contains("nearest")) {
            Random random = new Random(seed);
            int points = warmup + requests;
            double[] lon = new double[points], lat = new double[points];
            for (int i = 0; i < points; i++) {
                lon[i] = WEST + random.nextDouble() * (EAST - WEST);
                lat[i] = SOUTH + random.nextDouble() * (NORTH - SOUTH);
            }
            results.put(
                    "nearest",
                    bench.measure(
                            "nearest",
                            warmup,
                            requests,
                            i -> {
                                long[] acc = {0, 0};
                                String vars = String.format(Locale.ROOT, "{\"lon\":%.6f,\"lat\":%.6f}", lon[i], lat[i]);
                                String body = bench.graphql(NEAREST, vars, acc);
                                int found = count(DISTANCE, body);
                                if (found != 5) {
                                    throw new IllegalStateException(
                                            "nearest: " + found + " results, expected 5: " + head(body));
                                }
                                return new Outcome(acc[1], 1, acc[0], found);
                            },
                            "first 5, random points in " + WEST + ".." + EAST + " E, " + SOUTH + ".." + NORTH
                                    + ", seed " + seed));
        }

        print(results, warmup);
    }

    static void print(Map<String, Result> results, int warmup) {
        System.out.printf(
                Locale.ROOT,
                "%-8s %5s %5s %8s %8s %8s %8s %8s %8s %8s %10s %6s%n",
                "scenario",
                "n",
                "http",
                "mean",
                "p50",
                "p95",
                "p99",
                "max",
                "sql/req",
                "sql/http",
                "bytes/req",
                "items");
        for (Result r : results.values()) {
            double httpPer = (double) r.httpRequests() / r.n();
            String sqlPer = r.statements() == null ? "n/a" : fmt(r.statements() / r.n());
            String sqlHttp = r.statements() == null ? "n/a" : fmt(r.statements() / r.httpRequests());
            System.out.printf(
                    Locale.ROOT,
                    "%-8s %5d %5s %8.2f %8.2f %8.2f %8.2f %8.2f %8s %8s %10d %6d%n",
                    r.name(),
                    r.n(),
                    fmt(httpPer),
                    r.meanMs(),
                    r.percentileMs(50),
                    r.percentileMs(95),
                    r.percentileMs(99),
                    r.maxMs(),
                    sqlPer,
                    sqlHttp,
                    Math.round((double) r.bytes() / r.n()),
                    r.itemsPerRequest());
        }
        System.out.printf(
                Locale.ROOT,
                "(times in ms, sequential, after %d warm-up requests per scenario; "
                        + "http = HTTP requests per request; sql = SQL statements prepared by the app; "
                        + "items = facilities per request)%n",
                warmup);
        for (Result r : results.values()) {
            if (r.note() != null) {
                System.out.printf(Locale.ROOT, "  %-8s %s%n", r.name(), r.note());
            }
        }
        Result nested = results.get("nested"), flat = results.get("flat");
        if (nested != null && flat != null) {
            System.out.printf(
                    Locale.ROOT,
                    "nested/flat: p50 %.1fx, mean %.1fx, p99 %.1fx, bytes %.1fx%n",
                    nested.percentileMs(50) / flat.percentileMs(50),
                    nested.meanMs() / flat.meanMs(),
                    nested.percentileMs(99) / flat.percentileMs(99),
                    (double) nested.bytes() / flat.bytes());
            if (nested.itemsPerRequest() != flat.itemsPerRequest()) {
                System.out.printf(
                        Locale.ROOT,
                        "WARNING: nested walk saw %d facilities, flat walk %d%n",
                        nested.itemsPerRequest(),
                        flat.itemsPerRequest());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static String head(String s) {
        return s.substring(0, Math.min(s.length(), 400));
    }

    static int intEnv(String name, int def, int min) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + v + "'");
        }
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
