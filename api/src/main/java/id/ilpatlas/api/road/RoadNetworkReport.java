package id.ilpatlas.api.road;

import java.util.List;
import java.util.Locale;

/**
 * What a road network import did.
 *
 * @param sourceName                  the file's name
 * @param kabkotaCode                 the kab/kota whose network was replaced (null when nothing was)
 * @param featuresRead                features in the file
 * @param rejected                    one line per rejected feature: {@code feature #n: reason}
 * @param skipped                     one line per feature left out on purpose (railway, shipping lane)
 * @param error                       why nothing was imported, or null
 * @param endpointsSnapped            line ends moved by the snapping (onto another end or onto another line)
 * @param shortEdgesContracted        edges shorter than the tolerance left by noding, merged into their junction
 * @param edges                       edges stored
 * @param vertices                    vertices stored
 * @param components                  connected components of the graph (undirected)
 * @param largestComponentLengthShare share of the network's length in its largest component (0–1)
 * @param lengthMeters                total length of the edges, metres on the spheroid
 * @param durationMillis              time the import took
 */
public record RoadNetworkReport(String sourceName, String kabkotaCode, int featuresRead, List<String> rejected,
                                List<String> skipped, String error, int endpointsSnapped, int shortEdgesContracted,
                                int edges, int vertices, int components, double largestComponentLengthShare,
                                double lengthMeters, long durationMillis) {

    /** True when the network was replaced and no feature was rejected. */
    public boolean ok() {
        return error == null && rejected.isEmpty();
    }

    /** One line for logs and {@code reference_data_loads.summary}. */
    public String summary() {
        if (error != null) {
            return sourceName + ": not imported: " + error;
        }
        return String.format(Locale.ROOT, "%s -> %s: %d features read, %d rejected, %d skipped; %d endpoints snapped, "
                        + "%d short edges contracted; %d edges, %d vertices, %.1f km, %d components "
                        + "(largest %.1f%% of the length)",
                sourceName, kabkotaCode, featuresRead, rejected.size(), skipped.size(), endpointsSnapped,
                shortEdgesContracted, edges, vertices, lengthMeters / 1000, components,
                100 * largestComponentLengthShare);
    }

    /** The report as a user reads it on the console. */
    public String describe() {
        StringBuilder text = new StringBuilder("Road network import: ").append(summary())
                .append(String.format(Locale.ROOT, " in %.1f s%n", durationMillis / 1000.0));
        rejected.forEach(line -> text.append("  rejected ").append(line).append('\n'));
        skipped.forEach(line -> text.append("  skipped  ").append(line).append('\n'));
        return text.toString();
    }
}
