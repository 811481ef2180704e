package id.ilpatlas.api.region;

import id.ilpatlas.api.region.RwImportReport.FeatureIssue;
import id.ilpatlas.api.region.RwImportReport.Severity;
import id.ilpatlas.api.region.RwLayerReader.FieldProblem;
import id.ilpatlas.api.region.RwLayerReader.RwLayerFeature;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import id.ilpatlas.geo.rw.RwNumber;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, feature by feature, which kelurahan an RW of the layer belongs to and whether it is imported. No database:
 * it works on the overlaps PostGIS measured ({@link Where}) and the kelurahan names ({@link Kelurahan}).
 *
 * <p>In order, for each feature: unreadable or not a polygon → rejected; overlapping no kelurahan → rejected; assigned
 * to the kelurahan holding most of its area (or, with {@code --assign-by attribute}, the one its attribute names);
 * invalid polygon → rejected; smaller than the minimum area (CLIP: inside its kelurahan) → dropped as a sliver, whatever
 * else is wrong with it; an attribute naming another kelurahan → noted; placed in a kelurahan the layer's features
 * cover by less than {@link #MIN_COVERAGE} → rejected as a stray; field problems (RW number, population, a kelurahan
 * attribute naming no kelurahan) → rejected; CLIP: more than the tolerance outside its kelurahan → rejected, less but
 * at least the minimum area and {@link #REPORTED_OUTSIDE_SHARE} → noted (and cut later); an RW number already given in
 * the kelurahan by an earlier valid feature → rejected. A kelurahan with a rejected feature is held back (keeps its
 * current RWs) unless {@code --partial}.
 */
final class RwLayerAssigner {

    /**
     * A share of a kelurahan's area below which the layer is taken not to cover it: its features there are strays of
     * other kelurahan (another boundary vintage), not its RWs, and replacing its RWs by them would wipe it out.
     */
    static final double MIN_COVERAGE = 0.25;

    /** CLIP: the part of an accepted RW outside its kelurahan is noted from this share (and the minimum area) on. */
    static final double REPORTED_OUTSIDE_SHARE = 0.01;

    /** A kelurahan of the database and its area in m². */
    record Kelurahan(String code, String name, double squareMeters) {}

    /** A feature's overlap with one kelurahan, m². */
    record Share(String code, double squareMeters) {}

    /**
     * Where a readable feature lies.
     *
     * @param squareMeters its area
     * @param shares       its overlap with each kelurahan, largest first (ties by code); empty when it overlaps none
     * @param valid        false for an invalid polygon (the shares are then those of its repaired form)
     * @param invalidReason PostGIS's reason when invalid
     */
    record Where(double squareMeters, List<Share> shares, boolean valid, String invalidReason) {}

    /** What was decided for one feature. */
    enum Fate {
        ACCEPTED,
        REJECTED,
        DROPPED
    }

    /** One feature, placed. {@code kelurahanCode} is null when it could not be placed anywhere. */
    record Placement(RwLayerFeature feature, String kelurahanCode, Fate fate) {

        String rwCode() {
            return kelurahanCode == null || feature.rwNumber() == null
                    ? null
                    : kelurahanCode + "." + RwNumber.key(feature.rwNumber());
        }
    }

    /** The decisions: placements in file order, the remarks, and the kelurahan held back. */
    record Assignment(
            List<Placement> placements,
            List<FeatureIssue> issues,
            Set<String> heldBack,
            Map<String, List<Integer>> rejectedByKelurahan) {}

    private final RwImportOptions options;
    private final Map<String, Kelurahan> kelurahan;
    private final Map<String, List<Kelurahan>> byName = new HashMap<>();

    RwLayerAssigner(RwImportOptions options, List<Kelurahan> kelurahan) {
        this.options = options;
        this.kelurahan = new HashMap<>();
        for (Kelurahan k : kelurahan) {
            this.kelurahan.put(k.code(), k);
            byName.computeIfAbsent(normalisedName(k.name()), n -> new ArrayList<>())
                    .add(k);
        }
    }

    /**
     * @param where for each feature number with a readable geometry, where it lies; a feature with a geometry but no
     *              entry could not be read by PostGIS ({@code unreadable} says why)
     */
    Assignment assign(List<RwLayerFeature> features, Map<Integer, Where> where, Map<Integer, String> unreadable) {
        // How much of each kelurahan the layer's features placed there cover (slivers aside): a kelurahan the layer
        // hardly covers only receives strays of other kelurahan drawn on another boundary.
        Map<String, Double> covered = new HashMap<>();
        for (RwLayerFeature feature : features) {
            Where w = where.get(feature.number());
            if (feature.geometryJson() != null && w != null && !w.shares().isEmpty()) {
                String target = target(feature, w);
                double inside = share(w, target);
                if ((options.mode() == RwImportOptions.Mode.CLIP ? inside : w.squareMeters())
                        >= options.minAreaSquareMeters()) {
                    covered.merge(target, inside, Double::sum);
                }
            }
        }
        List<Placement> placements = new ArrayList<>();
        List<FeatureIssue> issues = new ArrayList<>();
        for (RwLayerFeature feature : features) {
            placements.add(
                    place(feature, where.get(feature.number()), unreadable.get(feature.number()), covered, issues));
        }
        rejectDuplicates(placements, issues);

        Map<String, List<Integer>> rejected = new java.util.TreeMap<>();
        for (Placement p : placements) {
            if (p.fate() == Fate.REJECTED && p.kelurahanCode() != null) {
                rejected.computeIfAbsent(p.kelurahanCode(), c -> new ArrayList<>())
                        .add(p.feature().number());
            }
        }
        Set<String> heldBack = options.partial() ? Set.of() : new TreeSet<>(rejected.keySet());
        issues.sort(java.util.Comparator.comparingInt(FeatureIssue::featureNumber));
        return new Assignment(placements, issues, heldBack, rejected);
    }

    /** The kelurahan a placeable feature goes to: its majority, or with {@code --assign-by attribute} its own. */
    private String target(RwLayerFeature feature, Where where) {
        Attribute attribute = attribute(feature);
        return options.assignBy() == RwImportOptions.AssignBy.ATTRIBUTE && attribute.code() != null
                ? attribute.code()
                : where.shares().get(0).code();
    }

    private Placement place(
            RwLayerFeature feature,
            Where where,
            String unreadable,
            Map<String, Double> covered,
            List<FeatureIssue> issues) {
        Attribute attribute = attribute(feature);
        if (feature.geometryJson() == null || where == null) {
            String kelurahanCode = attribute.code();
            String label = label(feature, kelurahanCode);
            if (unreadable != null) {
                issues.add(issue(feature, label, Severity.REJECTED, "geometry", unreadable));
            }
            feature.problems()
                    .forEach(p -> issues.add(issue(feature, label, Severity.REJECTED, p.field(), p.reason())));
            return new Placement(feature, kelurahanCode, Fate.REJECTED);
        }
        if (!where.valid() && where.shares().isEmpty()) {
            String label = label(feature, attribute.code());
            issues.add(issue(
                    feature, label, Severity.REJECTED, "geometry", "invalid polygon (" + where.invalidReason() + ")"));
            return new Placement(feature, attribute.code(), Fate.REJECTED);
        }
        if (where.shares().isEmpty()) {
            issues.add(geometryIssue(
                    feature,
                    label(feature, null),
                    Severity.REJECTED,
                    "lies outside every kelurahan loaded (%s m²; coordinates must be longitude, latitude in "
                            + "EPSG:4326)",
                    RwImportReport.area(where.squareMeters())));
            return new Placement(feature, null, Fate.REJECTED);
        }
        Share majority = where.shares().get(0);
        String assigned = target(feature, where);
        String label = label(feature, assigned);
        double inside = share(where, assigned);

        if (!where.valid()) {
            issues.add(issue(
                    feature, label, Severity.REJECTED, "geometry", "invalid polygon (" + where.invalidReason() + ")"));
            feature.problems()
                    .forEach(p -> issues.add(issue(feature, label, Severity.REJECTED, p.field(), p.reason())));
            return new Placement(feature, assigned, Fate.REJECTED);
        }
        double kept = options.mode() == RwImportOptions.Mode.CLIP ? inside : where.squareMeters();
        if (kept < options.minAreaSquareMeters()) {
            issues.add(geometryIssue(
                    feature,
                    label,
                    Severity.DROPPED,
                    "sliver of %s m²%s (minimum %s m², --min-area-m2)",
                    RwImportReport.area(kept),
                    options.mode() == RwImportOptions.Mode.CLIP ? " inside " + name(assigned) : "",
                    RwImportReport.area(options.minAreaSquareMeters())));
            return new Placement(feature, assigned, Fate.DROPPED);
        }

        if (attribute.code() != null && !attribute.code().equals(majority.code())) {
            String lies = String.format(
                    Locale.ROOT,
                    "%.1f%% in %s",
                    100 * majority.squareMeters() / where.squareMeters(),
                    name(majority.code()));
            issues.add(issue(
                    feature,
                    label,
                    Severity.NOTE,
                    feature.kelurahanField(),
                    String.format(
                            Locale.ROOT,
                            "says %s, but the feature lies %s (%.1f%% in %s): assigned to %s %s",
                            name(attribute.code()),
                            lies,
                            100 * share(where, attribute.code()) / where.squareMeters(),
                            name(attribute.code()),
                            name(assigned),
                            assigned.equals(majority.code())
                                    ? "by overlap (--assign-by attribute follows the " + "attribute)"
                                    : "by its attribute")));
        }
        Kelurahan target = kelurahan.get(assigned);
        double coverage = target == null || target.squareMeters() <= 0
                ? 1
                : covered.getOrDefault(assigned, 0.0) / target.squareMeters();
        if (coverage < MIN_COVERAGE) {
            issues.add(geometryIssue(
                    feature,
                    label,
                    Severity.REJECTED,
                    "lies %.1f%% in %s, but the layer covers only %.1f%% of that kelurahan (at least %d%% is needed "
                            + "to replace its RWs): a stray of another boundary, not imported",
                    100 * inside / where.squareMeters(),
                    name(assigned),
                    100 * coverage,
                    Math.round(100 * MIN_COVERAGE)));
            return new Placement(feature, assigned, Fate.REJECTED);
        }

        boolean rejected = false;
        for (FieldProblem problem : feature.problems()) {
            issues.add(issue(feature, label, Severity.REJECTED, problem.field(), problem.reason()));
            rejected = true;
        }
        if (attribute.problem() != null) {
            issues.add(issue(feature, label, Severity.REJECTED, feature.kelurahanField(), attribute.problem()));
            rejected = true;
        }
        double outside = where.squareMeters() - inside;
        double outsideShare = where.squareMeters() > 0 ? outside / where.squareMeters() : 0;
        if (options.mode() == RwImportOptions.Mode.CLIP) {
            if (outsideShare > options.outsideTolerance()) {
                issues.add(geometryIssue(
                        feature,
                        label,
                        Severity.REJECTED,
                        "%.1f%% of the RW lies outside kelurahan %s (tolerance %s%%, --outside-tolerance): %s",
                        100 * outsideShare,
                        name(assigned),
                        plain(100 * options.outsideTolerance()),
                        elsewhere(where, assigned)));
                rejected = true;
            } else if (!rejected
                    && outside >= options.minAreaSquareMeters()
                    && outsideShare >= REPORTED_OUTSIDE_SHARE) {
                issues.add(geometryIssue(
                        feature,
                        label,
                        Severity.NOTE,
                        "%s m² (%.1f%%) outside kelurahan %s cut off: %s",
                        RwImportReport.area(outside),
                        100 * outsideShare,
                        name(assigned),
                        elsewhere(where, assigned)));
            }
        }
        return new Placement(feature, assigned, rejected ? Fate.REJECTED : Fate.ACCEPTED);
    }

    /** A later valid feature with an RW number already given in its kelurahan is rejected (first in the file wins). */
    private static void rejectDuplicates(List<Placement> placements, List<FeatureIssue> issues) {
        Map<String, Placement> first = new HashMap<>();
        for (int i = 0; i < placements.size(); i++) {
            Placement p = placements.get(i);
            if (p.fate() != Fate.ACCEPTED) {
                continue;
            }
            Placement earlier = first.putIfAbsent(p.rwCode(), p);
            if (earlier != null) {
                issues.add(issue(
                        p.feature(),
                        label(p.feature(), p.kelurahanCode()),
                        Severity.REJECTED,
                        "rw",
                        String.format(
                                Locale.ROOT,
                                "'%s' is %s, already given in this kelurahan by feature #%d ('%s')",
                                p.feature().rwText(),
                                RwNumber.key(p.feature().rwNumber()),
                                earlier.feature().number(),
                                earlier.feature().rwText())));
                placements.set(i, new Placement(p.feature(), p.kelurahanCode(), Fate.REJECTED));
            }
        }
    }

    /** The kelurahan a feature's own attribute names, or why it names none. */
    private record Attribute(String code, String problem) {}

    private Attribute attribute(RwLayerFeature feature) {
        String text = feature.kelurahanText();
        if (text == null) {
            return new Attribute(null, null);
        }
        if (RwLayerReader.KELURAHAN_CODE_FIELDS.contains(feature.kelurahanField())) {
            RegionCode code;
            try {
                code = RegionCode.parse(text);
            } catch (InvalidRegionCodeException e) {
                return new Attribute(null, e.getMessage());
            }
            if (code.level() != RegionLevel.KELURAHAN) {
                return new Attribute(
                        null, code + " is a " + code.level() + " code, not a kelurahan/desa code " + "(PP.KK.CC.DDDD)");
            }
            if (!kelurahan.containsKey(code.dotted())) {
                return new Attribute(null, "unknown kelurahan " + code.dotted() + " (load its boundary first)");
            }
            return new Attribute(code.dotted(), null);
        }
        List<Kelurahan> named = byName.getOrDefault(normalisedName(text), List.of());
        if (named.size() == 1) {
            return new Attribute(named.get(0).code(), null);
        }
        return new Attribute(
                null,
                named.isEmpty()
                        ? "no kelurahan named '" + text + "' in the kab/kota the layer covers"
                        : "'" + text + "' names several kelurahan: "
                                + named.stream().map(Kelurahan::code).toList());
    }

    /** {@code "Kelurahan Buaran Kradenan"}, {@code "BUARAN KRADENAN"}, {@code "buaran-kradenan"} → {@code buarankradenan}. */
    static String normalisedName(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .toLowerCase(Locale.ROOT)
                .strip()
                .replaceFirst("^(kelurahan|kel\\.|kel|desa|ds\\.)\\s*", "");
        return plain.replaceAll("[^a-z0-9]", "");
    }

    private String elsewhere(Where where, String assigned) {
        List<String> parts = new ArrayList<>();
        double covered = 0;
        for (Share share : where.shares()) {
            covered += share.squareMeters();
            if (!share.code().equals(assigned)) {
                parts.add(String.format(
                        Locale.ROOT,
                        "%s %.1f%%",
                        name(share.code()),
                        100 * share.squareMeters() / where.squareMeters()));
            }
        }
        double nowhere = where.squareMeters() - covered;
        if (nowhere / where.squareMeters() >= 0.0005) {
            parts.add(
                    String.format(Locale.ROOT, "outside every kelurahan %.1f%%", 100 * nowhere / where.squareMeters()));
        }
        return parts.isEmpty() ? "(boundary slack)" : String.join(", ", parts);
    }

    private static double share(Where where, String code) {
        return where.shares().stream()
                .filter(s -> s.code().equals(code))
                .mapToDouble(Share::squareMeters)
                .sum();
    }

    String name(String code) {
        Kelurahan k = kelurahan.get(code);
        return k == null ? code : k.code() + " " + k.name();
    }

    static String label(RwLayerFeature feature, String kelurahanCode) {
        StringBuilder label = new StringBuilder("feature #").append(feature.number());
        List<String> parts = new ArrayList<>();
        if (feature.rwText() != null) {
            parts.add("rw '" + feature.rwText() + "'");
        }
        if (kelurahanCode != null && feature.rwNumber() != null) {
            parts.add("→ " + kelurahanCode + "." + RwNumber.key(feature.rwNumber()));
        } else if (kelurahanCode != null) {
            parts.add("→ " + kelurahanCode);
        }
        if (!parts.isEmpty()) {
            label.append(" (").append(String.join(" ", parts)).append(')');
        }
        return label.toString();
    }

    private static FeatureIssue issue(
            RwLayerFeature feature, String label, Severity severity, String field, String reason) {
        return new FeatureIssue(feature.number(), label, severity, field, reason);
    }

    /** An issue with a feature's geometry, its reason formatted (in {@code Locale.ROOT}). */
    private static FeatureIssue geometryIssue(
            RwLayerFeature feature, String label, Severity severity, String reasonFormat, Object... args) {
        return issue(feature, label, severity, "geometry", String.format(Locale.ROOT, reasonFormat, args));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Codes of the kelurahan named by the features' code attributes (to look up beyond the kab/kota overlapped). */
    static Set<String> attributeCodes(List<RwLayerFeature> features) {
        Set<String> codes = new LinkedHashSet<>();
        for (RwLayerFeature f : features) {
            if (f.kelurahanText() != null && RwLayerReader.KELURAHAN_CODE_FIELDS.contains(f.kelurahanField())) {
                try {
                    RegionCode code = RegionCode.parse(f.kelurahanText());
                    if (code.level() == RegionLevel.KELURAHAN) {
                        codes.add(code.dotted());
                    }
                } catch (InvalidRegionCodeException e) {
                    // reported when the feature is placed
                }
            }
        }
        return codes;
    }
}
