package id.ilpatlas.api.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an RW import did, per kelurahan and per feature.
 *
 * @param source         the file name
 * @param options        how it was imported
 * @param featuresRead   features in the file
 * @param kelurahan      every kelurahan the import placed features in or (ADOPT) whose boundary it changed, by code
 * @param features       every feature that was rejected, dropped or imported with a remark, by feature number
 * @param stillSynthetic kelurahan of the kab/kota the layer touches that are still on generated RWs
 *                       ({@code "33.75.01.1002 Medono"})
 * @param fileError      why nothing could be read or written at all, else null
 */
public record RwImportReport(
        String source,
        RwImportOptions options,
        int featuresRead,
        List<KelurahanResult> kelurahan,
        List<FeatureIssue> features,
        List<String> stillSynthetic,
        String fileError) {

    /** What became of one kelurahan. */
    public enum Status {
        /** Its RWs were replaced by the layer's (written: something changed). */
        REPLACED,
        /** The layer gives exactly the RWs (and boundary) it already has: nothing written. */
        UNCHANGED,
        /** Some of its features were rejected and partial import was not asked for: it keeps its current RWs. */
        KEPT,
        /** Partial import: its valid RWs were imported, the rejected features left uncovered. */
        PARTIAL,
        /** ADOPT: not in the layer (or kept), but neighbours took area from it; synthetic RWs regenerated. */
        BOUNDARY_CHANGED
    }

    /** How a feature fared. */
    public enum Severity {
        /** Not imported; its kelurahan keeps its current RWs unless partial import was asked for. */
        REJECTED,
        /** Not imported (a sliver, or covered by earlier features); does not hold its kelurahan back. */
        DROPPED,
        /** Imported, with something the user should know (assigned against its attribute, cut, overlap given up). */
        NOTE
    }

    /**
     * One remark on one feature.
     *
     * @param featureNumber 1-based position in the file's {@code features} array
     * @param label         the feature as the user finds it: {@code feature #12 (rw 'RW 04' → 33.75.04.1003.RW004)}
     * @param field         the property or {@code geometry} the remark is about
     * @param reason        what is wrong or what was done, with the shares and areas involved
     */
    public record FeatureIssue(int featureNumber, String label, Severity severity, String field, String reason) {

        /** {@code feature #3 (rw 'RW 04' → 33.75.04.1003.RW004): field 'rw': reason}, or {@code ...: geometry: reason}. */
        public String line() {
            return label + ": " + (field.equals("geometry") ? "geometry" : "field '" + field + "'") + ": " + reason;
        }
    }

    /**
     * Area that moved to or from a kelurahan (ADOPT).
     *
     * @param otherCode the kelurahan on the other side, null for land outside every kelurahan loaded
     */
    public record AreaMove(String otherCode, String otherName, double areaSquareMeters) {}

    /**
     * One kelurahan after the import.
     *
     * @param rwCount                  RWs it has now
     * @param areaSquareMetersBefore   its area before the import (m², in the layer's UTM zone)
     * @param areaSquareMetersAfter    after (differs only in ADOPT)
     * @param uncoveredSquareMeters    area of the kelurahan not covered by any imported RW (gaps, non-residential
     *                                 holes, rejected features); 0 for kelurahan whose RWs were not replaced
     * @param uncoveredPieces          pieces of that area at least the minimum area
     * @param gained                   ADOPT: area it took, by former kelurahan
     * @param lost                     ADOPT: area it gave, by new kelurahan
     * @param rejectedFeatures         numbers of its rejected features
     * @param note                     why a kelurahan whose features were all valid was still kept, else null
     * @param written                  true when this import changed its RWs or its boundary
     */
    public record KelurahanResult(
            String code,
            String name,
            Status status,
            int rwCount,
            double areaSquareMetersBefore,
            double areaSquareMetersAfter,
            double uncoveredSquareMeters,
            int uncoveredPieces,
            List<AreaMove> gained,
            List<AreaMove> lost,
            List<Integer> rejectedFeatures,
            String note,
            boolean written) {

        public double gainedSquareMeters() {
            return gained.stream().mapToDouble(AreaMove::areaSquareMeters).sum();
        }

        public double lostSquareMeters() {
            return lost.stream().mapToDouble(AreaMove::areaSquareMeters).sum();
        }

        /** The share of the kelurahan (after the import) that no RW covers. */
        public double uncoveredShare() {
            return areaSquareMetersAfter > 0 ? uncoveredSquareMeters / areaSquareMetersAfter : 0;
        }
    }

    static RwImportReport failed(String source, RwImportOptions options, String error) {
        return new RwImportReport(source, options, 0, List.of(), List.of(), List.of(), error);
    }

    /** True when every feature was imported or dropped as a sliver: nothing rejected, nothing failed. */
    public boolean ok() {
        return fileError == null
                && features.stream().noneMatch(f -> f.severity() == Severity.REJECTED)
                && kelurahan.stream().noneMatch(k -> k.note() != null);
    }

    /** The rejected features (and a file error) as lines {@code feature #n (...): field: reason}. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        if (fileError != null) {
            errors.add(fileError);
        }
        kelurahan.stream()
                .filter(k -> k.note() != null)
                .map(k -> k.code() + ": " + k.note())
                .forEach(errors::add);
        features.stream()
                .filter(f -> f.severity() == Severity.REJECTED)
                .map(FeatureIssue::line)
                .forEach(errors::add);
        return errors;
    }

    public List<FeatureIssue> issues(Severity severity) {
        return features.stream().filter(f -> f.severity() == severity).toList();
    }

    public List<KelurahanResult> kelurahan(Status status) {
        return kelurahan.stream().filter(k -> k.status() == status).toList();
    }

    public KelurahanResult kelurahan(String code) {
        return kelurahan.stream()
                .filter(k -> k.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kelurahan " + code + " in the report"));
    }

    /** Kelurahan whose RWs are now the layer's, written or found unchanged ({@code "33.75.04.1003: 2 RWs"}). */
    public List<String> replacedKelurahan() {
        return kelurahan.stream()
                .filter(k ->
                        k.status() == Status.REPLACED || k.status() == Status.UNCHANGED || k.status() == Status.PARTIAL)
                .map(k -> k.code() + ": " + k.rwCount() + " RWs")
                .toList();
    }

    /** True when the import wrote nothing: every kelurahan already was as the layer says. */
    public boolean unchanged() {
        return fileError == null && kelurahan.stream().noneMatch(KelurahanResult::written);
    }

    /** The report as a user reads it on the console. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("RW import of ")
                .append(source)
                .append(" (")
                .append(options.describe())
                .append(")\n");
        if (fileError != null) {
            text.append("  error    ").append(fileError).append('\n');
            return text.toString();
        }
        long imported = kelurahan.stream()
                .filter(k ->
                        k.status() == Status.REPLACED || k.status() == Status.UNCHANGED || k.status() == Status.PARTIAL)
                .mapToInt(KelurahanResult::rwCount)
                .sum();
        text.append(String.format(
                Locale.ROOT,
                "  %d features read: %d RWs imported, %d rejected, %d dropped, " + "%d with notes%n",
                featuresRead,
                imported,
                issues(Severity.REJECTED).size(),
                issues(Severity.DROPPED).size(),
                issues(Severity.NOTE).stream()
                        .mapToInt(FeatureIssue::featureNumber)
                        .distinct()
                        .count()));
        text.append(String.format(
                Locale.ROOT,
                "  kelurahan: %d replaced, %d unchanged, %d partial, %d kept, " + "%d boundary changed%n",
                kelurahan(Status.REPLACED).size(),
                kelurahan(Status.UNCHANGED).size(),
                kelurahan(Status.PARTIAL).size(),
                kelurahan(Status.KEPT).size(),
                kelurahan(Status.BOUNDARY_CHANGED).size()));
        for (KelurahanResult k : kelurahan) {
            text.append(String.format(
                    Locale.ROOT,
                    "  %-16s %s %s: ",
                    k.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    k.code(),
                    k.name()));
            switch (k.status()) {
                case KEPT ->
                    text.append("keeps its ")
                            .append(k.rwCount())
                            .append(" current RWs (")
                            .append(
                                    k.note() != null
                                            ? k.note()
                                            : "rejected features " + numbers(k.rejectedFeatures())
                                                    + "; --partial imports the rest")
                            .append(')');
                case BOUNDARY_CHANGED -> text.append(k.rwCount()).append(" RWs");
                default -> {
                    text.append(k.rwCount())
                            .append(" RWs, ")
                            .append(String.format(
                                    Locale.ROOT,
                                    "not covered by any RW %s m² (%.1f%%) in %d pieces",
                                    area(k.uncoveredSquareMeters()),
                                    100 * k.uncoveredShare(),
                                    k.uncoveredPieces()));
                    if (k.status() == Status.PARTIAL) {
                        text.append(", rejected features ")
                                .append(numbers(k.rejectedFeatures()))
                                .append(k.written() ? "" : ", unchanged");
                    }
                }
            }
            if (options.mode() == RwImportOptions.Mode.ADOPT) {
                double before = k.areaSquareMetersBefore();
                text.append(String.format(
                        Locale.ROOT,
                        "; area %s → %s m² (%+.1f%%), gained %s m²%s, lost %s m²%s",
                        area(before),
                        area(k.areaSquareMetersAfter()),
                        before > 0 ? 100 * (k.areaSquareMetersAfter() - before) / before : 0,
                        area(k.gainedSquareMeters()),
                        moves(k.gained(), "from"),
                        area(k.lostSquareMeters()),
                        moves(k.lost(), "to")));
            }
            text.append('\n');
        }
        for (FeatureIssue issue : features) {
            text.append(String.format(
                    Locale.ROOT, "  %-9s%s%n", issue.severity().name().toLowerCase(Locale.ROOT), issue.line()));
        }
        text.append("  still synthetic (generated RWs): ")
                .append(stillSynthetic.size())
                .append(" kelurahan")
                .append(stillSynthetic.isEmpty() ? "" : ": " + String.join(", ", stillSynthetic))
                .append('\n');
        return text.toString();
    }

    private static String moves(List<AreaMove> moves, String direction) {
        if (moves.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (AreaMove move : moves) {
            parts.add(direction + " "
                    + (move.otherCode() == null ? "outside every kelurahan" : move.otherCode() + " " + move.otherName())
                    + " " + area(move.areaSquareMeters()));
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private static String numbers(List<Integer> features) {
        return String.join(", ", features.stream().map(n -> "#" + n).toList());
    }

    static String area(double squareMeters) {
        return String.format(Locale.ROOT, "%,d", Math.round(squareMeters));
    }
}
