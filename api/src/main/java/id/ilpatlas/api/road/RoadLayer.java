package id.ilpatlas.api.road;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader made of one file: its road lines and what it rejected or skipped, before any graph is built.
 *
 * @param sourceName      the file's name
 * @param format          how it was read, e.g. {@code GeoJSON}, {@code OSM GeoJSON}, {@code OSM PBF}
 * @param nodeTopology    the lines carry OSM node ids: the graph joins lines at shared nodes only (no noding)
 * @param featuresRead    features (GeoJSON) or ways with a {@code highway} tag (PBF) read
 * @param lines           the road lines to import
 * @param rejected        one line per rejected feature: {@code feature #n: reason}
 * @param skipped         features left out on purpose, one line per reason (with the features, or the first of them)
 * @param featuresSkipped how many features were skipped
 * @param notes           other facts worth reading (e.g. ways cut where the extract lacks their nodes)
 * @param error           why nothing of the file can be imported, or null
 */
record RoadLayer(
        String sourceName,
        String format,
        boolean nodeTopology,
        int featuresRead,
        List<RoadLine> lines,
        List<String> rejected,
        List<String> skipped,
        int featuresSkipped,
        List<String> notes,
        String error) {

    static RoadLayer failed(String sourceName, String format, String error) {
        return new RoadLayer(sourceName, format, false, 0, List.of(), List.of(), List.of(), 0, List.of(), error);
    }

    /** Skipped features grouped by reason, so that an extract with thousands of them reads in a few lines. */
    static final class Skips {

        private static final int EXAMPLES = 5;
        private final Map<String, List<String>> byReason = new LinkedHashMap<>();
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private int total;

        void add(String reason, String feature) {
            total++;
            counts.merge(reason, 1, Integer::sum);
            List<String> examples = byReason.computeIfAbsent(reason, r -> new ArrayList<>());
            if (examples.size() < EXAMPLES) {
                examples.add(feature);
            }
        }

        int total() {
            return total;
        }

        /** {@code feature #8: reason} for a reason met once, else {@code reason: n features (#1, #2, …)}. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            byReason.forEach((reason, examples) -> {
                int n = counts.get(reason);
                if (n == 1) {
                    lines.add(examples.get(0) + ": " + reason);
                } else {
                    lines.add(reason + ": " + n + " features (" + String.join(", ", examples)
                            + (n > examples.size() ? ", …" : "") + ")");
                }
            });
            return lines;
        }
    }
}
