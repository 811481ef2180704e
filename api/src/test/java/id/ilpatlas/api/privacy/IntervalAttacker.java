package id.ilpatlas.api.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attacker of the public-count tests: interval propagation to a fixed point over everything it knows of a
 * lattice of counts (cells of several counts × areas × periods). Each area is the sum of its children and each period
 * of its children (for every count but the stocks), every count is at least 0, and related counts are ordered cell by
 * cell ({smaller, larger} pairs). Unknown cells start at [0, "infinity"]: an upper bound taken from the published
 * cells would be unsound once totals are suppressed. Returns the unknown cells pinned to one value.
 */
public final class IntervalAttacker {

    /** One cell: a count ({@code caseCounts} indicator name) of an area in a period. */
    public record Cell(String indicator, String area, String period) {}

    private static final long INFINITY = Long.MAX_VALUE / 1024;

    private IntervalAttacker() {}

    /**
     * @param known every cell the attacker reads: its value, or null when withheld
     * @param areaChildren the area tree (parent → children)
     * @param periodChildren the period tree (year → quarters, quarter → months)
     * @param orderings {smaller, larger} count names, holding cell by cell
     * @param stocks counts that are not sums over periods
     * @return the withheld cells the attacker pins
     */
    public static List<Cell> recovered(
            Map<Cell, Long> known,
            Map<String, List<String>> areaChildren,
            Map<String, List<String>> periodChildren,
            List<String[]> orderings,
            Set<String> stocks) {
        Map<Cell, long[]> bounds = new HashMap<>();
        known.forEach((c, v) -> bounds.put(c, v == null ? new long[] {0, INFINITY} : new long[] {v, v}));
        List<List<Cell>> equations = new ArrayList<>();
        Map<String, List<String>> periodsOf = new HashMap<>();
        for (Cell c : known.keySet()) {
            List<String> periods = periodsOf.computeIfAbsent(c.indicator(), k -> new ArrayList<>());
            if (!periods.contains(c.period())) {
                periods.add(c.period());
            }
        }
        for (String indicator : periodsOf.keySet()) {
            for (String period : periodsOf.get(indicator)) {
                areaChildren.forEach((parent, kids) -> {
                    List<Cell> eq = new ArrayList<>();
                    eq.add(new Cell(indicator, parent, period));
                    kids.forEach(k -> eq.add(new Cell(indicator, k, period)));
                    equations.add(eq);
                });
            }
            if (stocks.contains(indicator)) {
                continue;
            }
            for (String area : allAreas(areaChildren)) {
                periodChildren.forEach((parent, kids) -> {
                    List<Cell> eq = new ArrayList<>();
                    eq.add(new Cell(indicator, area, parent));
                    kids.forEach(k -> eq.add(new Cell(indicator, area, k)));
                    equations.add(eq);
                });
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Cell> eq : equations) {
                if (eq.stream().allMatch(bounds::containsKey)) {
                    changed |= propagate(eq, bounds);
                }
            }
            for (String[] order : orderings) {
                for (Map.Entry<Cell, long[]> e : bounds.entrySet()) {
                    if (!e.getKey().indicator().equals(order[0])) {
                        continue;
                    }
                    Cell c = e.getKey();
                    long[] small = e.getValue();
                    long[] large = bounds.get(new Cell(order[1], c.area(), c.period()));
                    if (large == null) {
                        continue;
                    }
                    if (small[1] > large[1]) {
                        small[1] = large[1];
                        changed = true;
                    }
                    if (large[0] < small[0]) {
                        large[0] = small[0];
                        changed = true;
                    }
                }
            }
        }
        List<Cell> pinned = new ArrayList<>();
        known.forEach((c, v) -> {
            if (v == null && bounds.get(c)[0] == bounds.get(c)[1]) {
                pinned.add(c);
            }
        });
        return pinned;
    }

    private static Collection<String> allAreas(Map<String, List<String>> areaChildren) {
        List<String> areas = new ArrayList<>(areaChildren.keySet());
        areaChildren
                .values()
                .forEach(kids -> kids.stream().filter(k -> !areas.contains(k)).forEach(areas::add));
        return areas;
    }

    /** Tightens the bounds of one equation parent = Σ children; returns whether any changed. */
    private static boolean propagate(List<Cell> eq, Map<Cell, long[]> bounds) {
        boolean changed = false;
        long[] p = bounds.get(eq.get(0));
        long childLo = 0;
        long childHi = 0;
        for (Cell c : eq.subList(1, eq.size())) {
            childLo += bounds.get(c)[0];
            childHi += bounds.get(c)[1];
        }
        if (Math.max(p[0], childLo) > p[0] || Math.min(p[1], childHi) < p[1]) {
            p[0] = Math.max(p[0], childLo);
            p[1] = Math.min(p[1], childHi);
            changed = true;
        }
        for (Cell c : eq.subList(1, eq.size())) {
            long[] b = bounds.get(c);
            long lo = Math.max(b[0], p[0] - (childHi - b[1]));
            long hi = Math.min(b[1], p[1] - (childLo - b[0]));
            if (lo > b[0] || hi < b[1]) {
                childLo += lo - b[0];
                childHi += hi - b[1];
                b[0] = lo;
                b[1] = hi;
                changed = true;
            }
        }
        return changed;
    }
}
