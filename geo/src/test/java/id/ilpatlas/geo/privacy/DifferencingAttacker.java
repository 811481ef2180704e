package id.ilpatlas.geo.privacy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test-side attacker who sees only what an aggregate-only caller sees: the lattice structure (both
 * hierarchies) and the published cells. It does not know which suppressed cells are primary.
 *
 * <p>It derives, for every cell, the tightest interval obtainable by iterated interval propagation
 * over all additive equations ({@code parent = Σ children} along both axes), starting from {@code
 * [v, v]} for a published cell and {@code [0, ∞)} for a suppressed one, until a fixed point. Written
 * independently of the production code: it uses only public accessors.
 *
 * <p>An <em>insider</em> ({@link #asInsider}) additionally knows the exact count of every cell whose
 * area lies in a given set (his scope, all periods) and propagates from there.
 */
final class DifferencingAttacker {

    static final long INF = Long.MAX_VALUE;
    private static final int MAX_ROUNDS = 100_000;

    private final List<String> areaKeys;
    private final List<String> periodKeys;
    private final Map<String, Integer> areaIndex;
    private final Map<String, Integer> periodIndex;
    private final long[] lo;
    private final long[] hi;
    private final List<int[]> equations; // [parent, child1, child2, ...]
    private final boolean[] known; // cells the attacker knows exactly besides the published ones
    private int rounds;
    // Equations by cell, built once per public attack and shared by its insiders: cell c's equations
    // are byCell[first[c] .. first[c + 1]).
    private int[] first;
    private int[] byCell;

    /** A copy of {@code publicView}'s bounds and equations, knowing nothing more yet. */
    private DifferencingAttacker(DifferencingAttacker publicView) {
        areaKeys = publicView.areaKeys;
        periodKeys = publicView.periodKeys;
        areaIndex = publicView.areaIndex;
        periodIndex = publicView.periodIndex;
        lo = publicView.lo.clone();
        hi = publicView.hi.clone();
        equations = publicView.equations;
        known = new boolean[lo.length];
        publicView.indexEquations();
        first = publicView.first;
        byCell = publicView.byCell;
    }

    private void indexEquations() {
        if (first != null) {
            return;
        }
        int cells = lo.length;
        first = new int[cells + 1];
        for (int[] eq : equations) {
            for (int c : eq) {
                first[c + 1]++;
            }
        }
        for (int c = 0; c < cells; c++) {
            first[c + 1] += first[c];
        }
        byCell = new int[first[cells]];
        int[] fill = Arrays.copyOf(first, cells);
        for (int e = 0; e < equations.size(); e++) {
            for (int c : equations.get(e)) {
                byCell[fill[c]++] = e;
            }
        }
    }

    private DifferencingAttacker(SuppressionResult view) {
        equations = new ArrayList<>();
        Hierarchy areas = view.areas();
        Hierarchy periods = view.periods();
        areaKeys = areas.keys();
        periodKeys = periods.keys();
        areaIndex = index(areaKeys);
        periodIndex = index(periodKeys);
        Map<String, Integer> a = areaIndex;
        Map<String, Integer> p = periodIndex;
        int np = periodKeys.size();
        lo = new long[areaKeys.size() * np];
        hi = new long[lo.length];
        known = new boolean[lo.length];
        for (String area : areaKeys) {
            for (String period : periodKeys) {
                int cell = a.get(area) * np + p.get(period);
                CellOutcome outcome = view.cell(area, period);
                if (outcome.suppressed()) {
                    lo[cell] = 0;
                    hi[cell] = INF;
                } else {
                    lo[cell] = outcome.count().getAsLong();
                    hi[cell] = lo[cell];
                }
                List<String> areaKids = areas.children(area);
                if (!areaKids.isEmpty()) {
                    equations.add(equation(cell, areaKids.stream().mapToInt(k -> a.get(k) * np + p.get(period))));
                }
                List<String> periodKids = periods.children(period);
                if (!periodKids.isEmpty()) {
                    equations.add(equation(cell, periodKids.stream().mapToInt(k -> a.get(area) * np + p.get(k))));
                }
            }
        }
    }

    /** Runs the attack on what {@code view} publishes. */
    static DifferencingAttacker attack(SuppressionResult view) {
        DifferencingAttacker attacker = new DifferencingAttacker(view);
        attacker.propagate();
        return attacker;
    }

    /**
     * Continues this (public) attack as an insider who also knows, exactly, every cell whose area is in
     * {@code knownAreas}, in every period. Starting from the public fixed point is sound (those bounds
     * follow from the published cells alone) and reaches the same fixed point as starting afresh.
     *
     * @param truth the true counts, where the insider's knowledge comes from
     * @param knownAreas the areas he knows, e.g. from {@link Lattices#knownAreas}
     * @return the insider's attack, propagated to its fixed point
     */
    DifferencingAttacker asInsider(CellTable truth, Set<String> knownAreas) {
        DifferencingAttacker insider = new DifferencingAttacker(this);
        int np = periodKeys.size();
        for (String area : knownAreas) {
            for (String period : periodKeys) {
                int cell = areaIndex.get(area) * np + periodIndex.get(period);
                long value = truth.count(area, period);
                if (value < lo[cell] || value > hi[cell]) {
                    throw new IllegalStateException("true count outside the public bounds at " + area + "|" + period);
                }
                insider.lo[cell] = value;
                insider.hi[cell] = value;
                insider.known[cell] = true;
            }
        }
        insider.propagateWorklist();
        return insider;
    }

    /**
     * The same insider attack from scratch (known cells set exactly, then full sweeps as in {@link
     * #attack}), slower; for checking that {@link #asInsider} loses nothing.
     */
    static DifferencingAttacker attackAsInsiderFromScratch(
            SuppressionResult view, CellTable truth, Set<String> knownAreas) {
        DifferencingAttacker attacker = new DifferencingAttacker(view);
        int np = attacker.periodKeys.size();
        for (String area : knownAreas) {
            for (String period : attacker.periodKeys) {
                int cell = attacker.areaIndex.get(area) * np + attacker.periodIndex.get(period);
                attacker.lo[cell] = truth.count(area, period);
                attacker.hi[cell] = attacker.lo[cell];
                attacker.known[cell] = true;
            }
        }
        attacker.propagate();
        return attacker;
    }

    /** Lower bound the attacker derived for a cell. */
    long lo(String area, String period) {
        return lo[cell(area, period)];
    }

    /** Upper bound the attacker derived for a cell, {@link #INF} if unbounded. */
    long hi(String area, String period) {
        return hi[cell(area, period)];
    }

    /**
     * Suppressed cells whose interval collapsed to a single value, as "area|period=value"; for an
     * insider, only cells he did not know in advance (outside his scope).
     */
    List<String> recovered(SuppressionResult view) {
        List<String> result = new ArrayList<>();
        for (String area : areaKeys) {
            for (String period : periodKeys) {
                int cell = cell(area, period);
                if (view.isSuppressed(area, period) && lo[cell] == hi[cell] && !known[cell]) {
                    result.add(area + "|" + period + "=" + lo[cell]);
                }
            }
        }
        return result;
    }

    int rounds() {
        return rounds;
    }

    private int cell(String area, String period) {
        return areaIndex.get(area) * periodKeys.size() + periodIndex.get(period);
    }

    private void propagate() {
        boolean changed = true;
        while (changed) {
            if (++rounds > MAX_ROUNDS) {
                throw new IllegalStateException("interval propagation did not converge");
            }
            changed = false;
            for (int[] eq : equations) {
                changed |= tighten(eq);
            }
        }
    }

    /**
     * The same propagation with a work list, starting from the equations of the known cells and
     * revisiting an equation whenever one of its cells moved. Converges to the same fixed point as
     * {@link #propagate} (the greatest one below the start: every step is monotone and sound), in far
     * fewer steps when little changes.
     */
    private void propagateWorklist() {
        int cells = lo.length;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        boolean[] queued = new boolean[equations.size()];
        // The public bounds are a fixed point already: only equations with a newly known cell can move.
        for (int c = 0; c < cells; c++) {
            for (int j = first[c]; j < first[c + 1] && known[c]; j++) {
                if (!queued[byCell[j]]) {
                    queued[byCell[j]] = true;
                    queue.add(byCell[j]);
                }
            }
        }
        long[] oldLo = new long[Math.max(areaKeys.size(), periodKeys.size()) + 1];
        long[] oldHi = new long[oldLo.length];
        long steps = 0;
        while (!queue.isEmpty()) {
            if (++steps > (long) MAX_ROUNDS * equations.size()) {
                throw new IllegalStateException("interval propagation did not converge");
            }
            int e = queue.poll();
            queued[e] = false;
            int[] eq = equations.get(e);
            for (int i = 0; i < eq.length; i++) {
                oldLo[i] = lo[eq[i]];
                oldHi[i] = hi[eq[i]];
            }
            if (tighten(eq)) {
                for (int i = 0; i < eq.length; i++) {
                    int c = eq[i];
                    if (lo[c] != oldLo[i] || hi[c] != oldHi[i]) {
                        for (int j = first[c]; j < first[c + 1]; j++) {
                            if (!queued[byCell[j]]) {
                                queued[byCell[j]] = true;
                                queue.add(byCell[j]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** One pass over {@code eq[0] = Σ eq[1..]}; returns whether a bound moved. */
    private boolean tighten(int[] eq) {
        boolean changed = false;
        int parent = eq[0];
        long sumLo = 0;
        long sumHi = 0;
        int infinite = 0;
        for (int i = 1; i < eq.length; i++) {
            sumLo += lo[eq[i]];
            if (hi[eq[i]] == INF) {
                infinite++;
            } else {
                sumHi += hi[eq[i]];
            }
        }
        // parent within [Σ lo, Σ hi]
        changed |= raiseLo(parent, sumLo);
        if (infinite == 0) {
            changed |= lowerHi(parent, sumHi);
        }
        // child j within [lo(parent) − Σ_{i≠j} hi, hi(parent) − Σ_{i≠j} lo]; the sums are kept current
        // so that later children see earlier children's new bounds.
        for (int i = 1; i < eq.length; i++) {
            int child = eq[i];
            long othersLo = sumLo - lo[child];
            boolean childInfinite = hi[child] == INF;
            boolean othersFinite = infinite - (childInfinite ? 1 : 0) == 0;
            long othersHi = childInfinite ? sumHi : sumHi - hi[child];
            if (hi[parent] != INF) {
                changed |= lowerHi(child, hi[parent] - othersLo);
            }
            if (othersFinite) {
                changed |= raiseLo(child, lo[parent] - othersHi);
            }
            sumLo = othersLo + lo[child];
            if (childInfinite && hi[child] != INF) {
                infinite--;
                sumHi += hi[child];
            } else if (!childInfinite) {
                sumHi = othersHi + hi[child];
            }
        }
        if (lo[parent] > hi[parent]) {
            throw new IllegalStateException("inconsistent published data at cell " + parent);
        }
        return changed;
    }

    private boolean raiseLo(int cell, long value) {
        if (value > lo[cell]) {
            lo[cell] = value;
            return true;
        }
        return false;
    }

    private boolean lowerHi(int cell, long value) {
        if (value < hi[cell]) {
            hi[cell] = value;
            return true;
        }
        return false;
    }

    private static int[] equation(int parent, java.util.stream.IntStream children) {
        int[] kids = children.toArray();
        int[] eq = new int[kids.length + 1];
        eq[0] = parent;
        System.arraycopy(kids, 0, eq, 1, kids.length);
        return eq;
    }

    private static Map<String, Integer> index(List<String> keys) {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), i);
        }
        return map;
    }
}
