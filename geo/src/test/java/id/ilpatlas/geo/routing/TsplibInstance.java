package id.ilpatlas.geo.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A symmetric TSP instance in TSPLIB 95 format (G. Reinelt, 1991), with its integer distance matrix
 * computed exactly per the TSPLIB specification.
 *
 * <p>Supported: {@code EDGE_WEIGHT_TYPE} {@code EUC_2D}, {@code CEIL_2D}, {@code ATT}, {@code GEO} with
 * a {@code NODE_COORD_SECTION}, and {@code EXPLICIT} with {@code EDGE_WEIGHT_FORMAT} {@code FULL_MATRIX},
 * {@code UPPER_ROW}, {@code LOWER_ROW}, {@code UPPER_DIAG_ROW} or {@code LOWER_DIAG_ROW}. Headers may
 * use {@code KEY: value} or {@code KEY : value}; other sections (e.g. {@code DISPLAY_DATA_SECTION}) are
 * ignored.
 *
 * @param name the {@code NAME}
 * @param edgeWeightType the {@code EDGE_WEIGHT_TYPE}
 * @param distances the symmetric distance matrix, node {@code i} of the file at index {@code i - 1}
 */
public record TsplibInstance(String name, String edgeWeightType, long[][] distances) {

    /** The TSPLIB value of π used by {@code GEO}. */
    private static final double PI = 3.141592;
    /** The TSPLIB earth radius (km) used by {@code GEO}. */
    private static final double RRR = 6378.388;

    /** Number of nodes. */
    public int dimension() {
        return distances.length;
    }

    /**
     * Parses the text of a {@code .tsp} file.
     *
     * @throws IllegalArgumentException for unsupported types/formats or missing data
     */
    public static TsplibInstance parse(String text) {
        String[] lines = text.split("\\R");
        Map<String, String> header = new HashMap<>();
        double[][] coords = null;
        long[] weights = null;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].trim();
            i++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("EOF")) {
                break;
            }
            if (line.startsWith("NODE_COORD_SECTION")) {
                int n = dimension(header);
                coords = new double[n][];
                for (int k = 0; k < n; k++, i++) {
                    String[] t = lines[i].trim().split("\\s+");
                    int id = Integer.parseInt(t[0]);
                    coords[id - 1] = new double[] {Double.parseDouble(t[1]), Double.parseDouble(t[2])};
                }
            } else if (line.startsWith("EDGE_WEIGHT_SECTION")) {
                int n = dimension(header);
                int count = explicitCount(header.get("EDGE_WEIGHT_FORMAT"), n);
                weights = new long[count];
                int k = 0;
                while (k < count) {
                    if (i >= lines.length) {
                        throw new IllegalArgumentException(
                                "EDGE_WEIGHT_SECTION ends after " + k + " of " + count + " weights");
                    }
                    for (String token : lines[i++].trim().split("\\s+")) {
                        if (!token.isEmpty()) {
                            weights[k++] = Long.parseLong(token);
                        }
                    }
                }
            } else if (line.endsWith("_SECTION")) {
                // e.g. DISPLAY_DATA_SECTION: skip its rows (they hold no ':' and are ignored below)
                continue;
            } else if (line.contains(":")) {
                int colon = line.indexOf(':');
                header.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
        String type = header.get("EDGE_WEIGHT_TYPE");
        if (type == null) {
            throw new IllegalArgumentException("EDGE_WEIGHT_TYPE missing");
        }
        int n = dimension(header);
        long[][] d;
        if (type.equals("EXPLICIT")) {
            if (weights == null) {
                throw new IllegalArgumentException("EDGE_WEIGHT_SECTION missing");
            }
            d = explicit(header.get("EDGE_WEIGHT_FORMAT"), n, weights);
        } else {
            if (coords == null) {
                throw new IllegalArgumentException("NODE_COORD_SECTION missing");
            }
            d = new long[n][n];
            for (int a = 0; a < n; a++) {
                if (coords[a] == null) {
                    throw new IllegalArgumentException("no coordinates for node " + (a + 1));
                }
            }
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    long w = distance(type, coords[a], coords[b]);
                    d[a][b] = w;
                    d[b][a] = w;
                }
            }
        }
        return new TsplibInstance(header.getOrDefault("NAME", ""), type, d);
    }

    /**
     * The TSPLIB distance between two coordinate pairs.
     *
     * @param type {@code EUC_2D}, {@code CEIL_2D}, {@code ATT} or {@code GEO}
     */
    public static long distance(String type, double[] p, double[] q) {
        double dx = p[0] - q[0];
        double dy = p[1] - q[1];
        switch (type) {
            case "EUC_2D":
                return nint(Math.sqrt(dx * dx + dy * dy));
            case "CEIL_2D":
                return (long) Math.ceil(Math.sqrt(dx * dx + dy * dy));
            case "ATT": {
                double r = Math.sqrt((dx * dx + dy * dy) / 10.0);
                long t = nint(r);
                return t < r ? t + 1 : t;
            }
            case "GEO": {
                double latI = geoRadians(p[0]);
                double lonI = geoRadians(p[1]);
                double latJ = geoRadians(q[0]);
                double lonJ = geoRadians(q[1]);
                double q1 = Math.cos(lonI - lonJ);
                double q2 = Math.cos(latI - latJ);
                double q3 = Math.cos(latI + latJ);
                return (long) (RRR * Math.acos(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)) + 1.0);
            }
            default:
                throw new IllegalArgumentException("unsupported EDGE_WEIGHT_TYPE " + type);
        }
    }

    /** TSPLIB {@code nint(x) = (int) (x + 0.5)}. */
    private static long nint(double x) {
        return (long) (x + 0.5);
    }

    /** DDD.MM (degrees.minutes) to radians, per TSPLIB: truncated degrees, then {@code 5·min/3}. */
    private static double geoRadians(double x) {
        long deg = (long) x;
        double min = x - deg;
        return PI * (deg + 5.0 * min / 3.0) / 180.0;
    }

    private static int dimension(Map<String, String> header) {
        String dim = header.get("DIMENSION");
        if (dim == null) {
            throw new IllegalArgumentException("DIMENSION missing before the data section");
        }
        return Integer.parseInt(dim);
    }

    private static int explicitCount(String format, int n) {
        if (format == null) {
            throw new IllegalArgumentException("EDGE_WEIGHT_FORMAT missing");
        }
        return switch (format) {
            case "FULL_MATRIX" -> n * n;
            case "UPPER_ROW", "LOWER_ROW" -> n * (n - 1) / 2;
            case "UPPER_DIAG_ROW", "LOWER_DIAG_ROW" -> n * (n + 1) / 2;
            default -> throw new IllegalArgumentException("unsupported EDGE_WEIGHT_FORMAT " + format);
        };
    }

    private static long[][] explicit(String format, int n, long[] w) {
        long[][] d = new long[n][n];
        int k = 0;
        for (int a = 0; a < n; a++) {
            int from;
            int to;
            switch (format) {
                case "FULL_MATRIX" -> {
                    from = 0;
                    to = n - 1;
                }
                case "UPPER_ROW" -> {
                    from = a + 1;
                    to = n - 1;
                }
                case "UPPER_DIAG_ROW" -> {
                    from = a;
                    to = n - 1;
                }
                case "LOWER_ROW" -> {
                    from = 0;
                    to = a - 1;
                }
                case "LOWER_DIAG_ROW" -> {
                    from = 0;
                    to = a;
                }
                default -> throw new IllegalArgumentException("unsupported EDGE_WEIGHT_FORMAT " + format);
            }
            for (int b = from; b <= to; b++) {
                long v = w[k++];
                d[a][b] = v;
                if (!format.equals("FULL_MATRIX")) {
                    d[b][a] = v;
                }
            }
        }
        return d;
    }

    /**
     * Parses the {@code TOUR_SECTION} of a {@code .tour} file into 0-based node indices.
     */
    public static int[] parseTour(String text) {
        List<Integer> tour = new ArrayList<>();
        boolean inSection = false;
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.startsWith("TOUR_SECTION")) {
                inSection = true;
                continue;
            }
            if (!inSection || line.isEmpty()) {
                continue;
            }
            for (String token : line.split("\\s+")) {
                int id = Integer.parseInt(token);
                if (id == -1) {
                    return tour.stream().mapToInt(Integer::intValue).toArray();
                }
                tour.add(id - 1);
            }
        }
        throw new IllegalArgumentException("TOUR_SECTION without terminating -1");
    }

    /** Length of the closed tour {@code tour[0] → … → tour[n-1] → tour[0]}. */
    public long tourLength(int[] tour) {
        long sum = 0;
        for (int k = 0; k < tour.length; k++) {
            sum += distances[tour[k]][tour[(k + 1) % tour.length]];
        }
        return sum;
    }

    /**
     * This instance as a one-vehicle {@link RoutingProblem}: node 0 is the depot, nodes 1… are stops
     * {@code "1"…} (0-based node index as id); TSPLIB units are taken as metres and as seconds.
     */
    public RoutingProblem toProblem() {
        List<RoutingProblem.Stop> stops = new ArrayList<>();
        for (int k = 1; k < dimension(); k++) {
            stops.add(RoutingProblem.Stop.of(Integer.toString(k), k, 0));
        }
        return new RoutingProblem(distances, distances, 0, List.of(RoutingProblem.Vehicle.unbounded("tsp")), stops);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TsplibInstance[%s, %s, n=%d]", name, edgeWeightType, dimension());
    }
}
