package id.ilpatlas.api.road;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a road network import did: per file, then for the network built from them.
 *
 * @param files                       one report per file, in the order given
 * @param kabkotaCode                 the kab/kota whose network was replaced (null when none was)
 * @param error                       why nothing was imported, or null
 * @param clippedMeters               length of the lines outside the kab/kota boundary plus the clip buffer, dropped
 * @param featuresOutside             features (ways) wholly outside, dropped
 * @param endpointsSnapped            line ends moved by the snapping (onto another end or onto another line)
 * @param shortEdgesContracted        edges shorter than the tolerance left by noding, merged into their junction
 * @param edges                       edges stored
 * @param vertices                    vertices stored
 * @param components                  connected components of the graph (undirected)
 * @param largestComponentLengthShare share of the network's length in its largest component (0–1)
 * @param lengthMeters                total length of the edges, metres on the spheroid
 * @param durationMillis              time the import took
 */
public record RoadNetworkReport(
        List<FileReport> files,
        String kabkotaCode,
        String error,
        double clippedMeters,
        int featuresOutside,
        int endpointsSnapped,
        int shortEdgesContracted,
        int edges,
        int vertices,
        int components,
        double largestComponentLengthShare,
        double lengthMeters,
        long durationMillis) {

    /**
     * What one file gave.
     *
     * @param sourceName             the file's name
     * @param format                 how it was read: {@code GeoJSON}, {@code OSM GeoJSON} or {@code OSM PBF}
     * @param featuresRead           features in the file (for an {@code .osm.pbf}: ways with a {@code highway} tag)
     * @param rejected               one line per rejected feature: {@code feature #n: reason}
     * @param skipped                features left out on purpose (railway, planned road, OSM highway=construction …),
     *                               one line per reason
     * @param featuresSkipped        how many features were skipped
     * @param duplicateMetersDropped length of this file's lines lying on roads an earlier file has, dropped
     * @param notes                  other facts of the reading (e.g. ways cut at the extract's edge)
     */
    public record FileReport(
            String sourceName,
            String format,
            int featuresRead,
            List<String> rejected,
            List<String> skipped,
            int featuresSkipped,
            double duplicateMetersDropped,
            List<String> notes) {

        static FileReport of(RoadLayer layer, double duplicateMetersDropped) {
            return new FileReport(
                    layer.sourceName(),
                    layer.format(),
                    layer.featuresRead(),
                    List.copyOf(layer.rejected()),
                    List.copyOf(layer.skipped()),
                    layer.featuresSkipped(),
                    duplicateMetersDropped,
                    List.copyOf(layer.notes()));
        }

        String summary() {
            String text = String.format(
                    Locale.ROOT,
                    "%s (%s): %d features read, %d rejected, %d skipped",
                    sourceName,
                    format,
                    featuresRead,
                    rejected.size(),
                    featuresSkipped);
            return duplicateMetersDropped > 0
                    ? text
                            + String.format(
                                    Locale.ROOT,
                                    ", %.2f km already in an earlier file dropped",
                                    duplicateMetersDropped / 1000)
                    : text;
        }
    }

    static RoadNetworkReport failed(List<FileReport> files, String error, long started) {
        long millis = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
        return new RoadNetworkReport(List.copyOf(files), null, error, 0, 0, 0, 0, 0, 0, 0, 0, 0, millis);
    }

    /** The files' names, joined by " + ". */
    public String sourceName() {
        return files.stream().map(FileReport::sourceName).collect(Collectors.joining(" + "));
    }

    /** Features read over all files. */
    public int featuresRead() {
        return files.stream().mapToInt(FileReport::featuresRead).sum();
    }

    /** Features skipped over all files. */
    public int featuresSkipped() {
        return files.stream().mapToInt(FileReport::featuresSkipped).sum();
    }

    /** Length dropped as already in an earlier file, over all files. */
    public double duplicateMetersDropped() {
        return files.stream().mapToDouble(FileReport::duplicateMetersDropped).sum();
    }

    /** Rejected features of all files; prefixed with the file's name when there are several files. */
    public List<String> rejected() {
        return prefixed(FileReport::rejected);
    }

    /** Skip lines of all files; prefixed with the file's name when there are several files. */
    public List<String> skipped() {
        return prefixed(FileReport::skipped);
    }

    private List<String> prefixed(java.util.function.Function<FileReport, List<String>> lines) {
        List<String> all = new ArrayList<>();
        for (FileReport file : files) {
            for (String line : lines.apply(file)) {
                all.add(files.size() > 1 ? file.sourceName() + " " + line : line);
            }
        }
        return List.copyOf(all);
    }

    /** True when the network was replaced and no feature was rejected. */
    public boolean ok() {
        return error == null && files.stream().allMatch(file -> file.rejected().isEmpty());
    }

    /** One line for logs and {@code road_network_loads.summary}. */
    public String summary() {
        if (error != null) {
            return sourceName() + ": not imported: " + error;
        }
        String perFile = files.stream().map(FileReport::summary).collect(Collectors.joining("; "));
        return String.format(
                Locale.ROOT,
                "%s -> %s: %.2f km (%d features) outside the kab/kota + %.0f m clipped; "
                        + "%d endpoints snapped, %d short edges contracted; %d edges, %d vertices, %.1f km, "
                        + "%d components (largest %.1f%% of the length)",
                perFile,
                kabkotaCode,
                clippedMeters / 1000,
                featuresOutside,
                RoadGraphBuilder.CLIP_BUFFER_METERS,
                endpointsSnapped,
                shortEdgesContracted,
                edges,
                vertices,
                lengthMeters / 1000,
                components,
                100 * largestComponentLengthShare);
    }

    /** The report as a user reads it on the console: the network, then each file with its rejects and skips. */
    public String describe() {
        StringBuilder text = new StringBuilder("Road network import: ");
        if (error != null) {
            text.append(sourceName()).append(": not imported: ").append(error).append('\n');
        } else {
            text.append(String.format(
                    Locale.ROOT,
                    "%s -> %s: %d edges, %d vertices, %.1f km, %d components "
                            + "(largest %.1f%% of the length); %.2f km (%d features) outside the kab/kota + %.0f m "
                            + "clipped; %d endpoints snapped, %d short edges contracted in %.1f s%n",
                    sourceName(),
                    kabkotaCode,
                    edges,
                    vertices,
                    lengthMeters / 1000,
                    components,
                    100 * largestComponentLengthShare,
                    clippedMeters / 1000,
                    featuresOutside,
                    RoadGraphBuilder.CLIP_BUFFER_METERS,
                    endpointsSnapped,
                    shortEdgesContracted,
                    durationMillis / 1000.0));
        }
        for (FileReport file : files) {
            text.append("  ").append(file.summary()).append('\n');
            file.notes()
                    .forEach(line -> text.append("    note     ").append(line).append('\n'));
            file.rejected()
                    .forEach(line -> text.append("    rejected ").append(line).append('\n'));
            file.skipped()
                    .forEach(line -> text.append("    skipped  ").append(line).append('\n'));
        }
        return text.toString();
    }
}
