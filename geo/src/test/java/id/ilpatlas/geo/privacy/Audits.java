package id.ilpatlas.geo.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test-side checks of a {@link SuppressionResult} against the true {@link CellTable}, using public
 * accessors (plus the package-private witness) and their own arithmetic.
 */
final class Audits {

    private Audits() {}

    /**
     * Exact check, stronger than any interval attacker: for every suppressed cell, the witness move
     * added to the true leaf counts gives a second non-negative integer table that agrees with every
     * published cell but not with this cell. Returns the violations (empty = all cells protected).
     */
    static List<String> witnessViolations(CellTable truth, SuppressionResult result) {
        Hierarchy areas = result.areas();
        Hierarchy periods = result.periods();
        Map<SuppressionResult.Witness, Map<Cell, Long>> aggregated = new HashMap<>();
        List<String> violations = new ArrayList<>();
        for (CellOutcome cell : result.cells()) {
            if (!cell.suppressed()) {
                continue;
            }
            Optional<SuppressionResult.Witness> witness = result.witness(cell.area(), cell.period());
            if (witness.isEmpty()) {
                violations.add(cell.area() + "|" + cell.period() + ": no witness");
                continue;
            }
            Map<Cell, Long> delta = aggregated.computeIfAbsent(witness.get(), w -> {
                Map<Cell, Long> sums = new HashMap<>();
                for (Map.Entry<Cell, Long> leaf : leafDeltas(w).entrySet()) {
                    Cell key = leaf.getKey();
                    if (!areas.isLeaf(key.area()) || !periods.isLeaf(key.period())) {
                        violations.add(w + ": not a leaf " + key);
                    }
                    if (truth.count(key.area(), key.period()) + leaf.getValue() < 0) {
                        violations.add(w + ": makes leaf " + key + " negative");
                    }
                    for (String a : ancestorsOrSelf(areas, key.area())) {
                        for (String p : ancestorsOrSelf(periods, key.period())) {
                            sums.merge(new Cell(a, p), leaf.getValue(), Long::sum);
                        }
                    }
                }
                sums.forEach((c, d) -> {
                    if (d != 0 && !result.isSuppressed(c.area(), c.period())) {
                        violations.add(w + ": changes published cell " + c);
                    }
                });
                return sums;
            });
            if (delta.getOrDefault(new Cell(cell.area(), cell.period()), 0L) == 0) {
                violations.add(
                        cell.area() + "|" + cell.period() + ": witness " + witness.get() + " does not change it");
            }
        }
        return violations;
    }

    /**
     * Exact check against one insider: for every suppressed cell whose area is not in {@code
     * knownAreas}, one of its witnesses touches no leaf the insider knows and, added to the true leaf
     * counts, gives a second non-negative integer table that agrees with every published cell (and so
     * with every cell he knows) but not with this cell. Pass one {@link WitnessCheck} for all scopes of
     * a result: it caches the verification of each move.
     */
    static List<String> insiderWitnessViolations(WitnessCheck check, Set<String> knownAreas, String scope) {
        List<String> violations = new ArrayList<>();
        for (CellOutcome cell : check.result.cells()) {
            if (!cell.suppressed() || knownAreas.contains(cell.area())) {
                continue;
            }
            boolean found = false;
            for (SuppressionResult.Witness w : check.result.witnesses(cell.area(), cell.period())) {
                Map<Cell, Long> delta = check.delta(w);
                if (check.valid(w)
                        && delta.getOrDefault(new Cell(cell.area(), cell.period()), 0L) != 0
                        && check.changedAreas(w).stream().noneMatch(knownAreas::contains)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                violations.add(cell.area() + "|" + cell.period() + ": no valid witness avoiding " + scope);
            }
        }
        return violations;
    }

    /** Verifies moves of one result against the truth, each once. */
    static final class WitnessCheck {
        private final CellTable truth;
        private final SuppressionResult result;
        private final Map<SuppressionResult.Witness, Map<Cell, Long>> deltas = new HashMap<>();
        private final Map<SuppressionResult.Witness, Boolean> valid = new HashMap<>();
        private final Map<SuppressionResult.Witness, List<String>> changedAreas = new HashMap<>();

        WitnessCheck(CellTable truth, SuppressionResult result) {
            this.truth = truth;
            this.result = result;
        }

        /** Leaves only, keeps leaves non-negative, changes no published cell. */
        boolean valid(SuppressionResult.Witness w) {
            return valid.computeIfAbsent(w, x -> {
                for (Map.Entry<Cell, Long> leaf : leafDeltas(x).entrySet()) {
                    Cell key = leaf.getKey();
                    if (!result.areas().isLeaf(key.area())
                            || !result.periods().isLeaf(key.period())
                            || truth.count(key.area(), key.period()) + leaf.getValue() < 0) {
                        return false;
                    }
                }
                for (Map.Entry<Cell, Long> d : delta(x).entrySet()) {
                    if (d.getValue() != 0
                            && !result.isSuppressed(
                                    d.getKey().area(), d.getKey().period())) {
                        return false;
                    }
                }
                return true;
            });
        }

        /** The areas of the cells the move changes. */
        List<String> changedAreas(SuppressionResult.Witness w) {
            return changedAreas.computeIfAbsent(
                    w,
                    x -> delta(x).entrySet().stream()
                            .filter(d -> d.getValue() != 0)
                            .map(d -> d.getKey().area())
                            .distinct()
                            .toList());
        }

        /** The change of every cell (all levels) under the move. */
        Map<Cell, Long> delta(SuppressionResult.Witness w) {
            return deltas.computeIfAbsent(w, x -> {
                Map<Cell, Long> sums = new HashMap<>();
                leafDeltas(x).forEach((leaf, d) -> {
                    for (String a : ancestorsOrSelf(result.areas(), leaf.area())) {
                        for (String p : ancestorsOrSelf(result.periods(), leaf.period())) {
                            sums.merge(new Cell(a, p), d, Long::sum);
                        }
                    }
                });
                return sums;
            });
        }
    }

    /**
     * The published values and the rules: primary cells suppressed, published counts exact,
     * and for every {@code parent = Σ children} equation along either axis: if the parent is published,
     * the suppressed children are none or at least two summing to at least k; if the parent is
     * suppressed, at least one child is.
     */
    static List<String> ruleViolations(CellTable truth, SuppressionResult result) {
        Hierarchy areas = result.areas();
        Hierarchy periods = result.periods();
        int k = result.threshold();
        List<String> violations = new ArrayList<>();
        for (String area : areas.keys()) {
            for (String period : periods.keys()) {
                long count = truth.count(area, period);
                CellOutcome cell = result.cell(area, period);
                String name = area + "|" + period;
                if (count > 0 && count < k && !cell.suppressed()) {
                    violations.add(name + " = " + count + " is small but published");
                }
                if (!cell.suppressed() && cell.count().getAsLong() != count) {
                    violations.add(name + " published as " + cell.count() + " but is " + count);
                }
                List<String[]> groups = new ArrayList<>();
                areas.children(area).forEach(c -> groups.add(new String[] {c, period}));
                checkGroup(truth, result, name, groups, violations);
                List<String[]> periodGroup = new ArrayList<>();
                periods.children(period).forEach(c -> periodGroup.add(new String[] {area, c}));
                checkGroup(truth, result, name, periodGroup, violations);
            }
        }
        return violations;
    }

    private static void checkGroup(
            CellTable truth,
            SuppressionResult result,
            String parent,
            List<String[]> children,
            List<String> violations) {
        if (children.isEmpty()) {
            return;
        }
        String[] p = parent.split("\\|");
        int suppressed = 0;
        long sum = 0;
        for (String[] child : children) {
            if (result.isSuppressed(child[0], child[1])) {
                suppressed++;
                sum += truth.count(child[0], child[1]);
            }
        }
        if (result.isSuppressed(p[0], p[1])) {
            if (suppressed == 0) {
                violations.add(parent + " is suppressed but all its children " + children.get(0)[0] + "|"
                        + children.get(0)[1] + ", ... are published");
            }
        } else if (suppressed == 1 || (suppressed >= 2 && sum < result.threshold())) {
            violations.add(parent + " is published with " + suppressed + " suppressed children summing to " + sum);
        }
    }

    /** The leaf cells a witness changes, with their deltas. */
    static Map<Cell, Long> leafDeltas(SuppressionResult.Witness w) {
        Map<Cell, Long> d = new HashMap<>();
        long s = w.sign();
        d.merge(new Cell(w.areaPlus(), w.periodPlus()), s, Long::sum);
        if (w.areaMinus() != null) {
            d.merge(new Cell(w.areaMinus(), w.periodPlus()), -s, Long::sum);
        }
        if (w.periodMinus() != null) {
            d.merge(new Cell(w.areaPlus(), w.periodMinus()), -s, Long::sum);
        }
        if (w.areaMinus() != null && w.periodMinus() != null) {
            d.merge(new Cell(w.areaMinus(), w.periodMinus()), s, Long::sum);
        }
        return d;
    }

    private static List<String> ancestorsOrSelf(Hierarchy axis, String key) {
        List<String> result = new ArrayList<>();
        for (Optional<String> k = Optional.of(key); k.isPresent(); k = axis.parent(k.get())) {
            result.add(k.get());
        }
        return result;
    }

    /** A cell key. */
    record Cell(String area, String period) {
        @Override
        public String toString() {
            return area + "|" + period;
        }
    }
}
