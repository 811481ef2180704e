package id.ilpatlas.geo.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-side attacker who sees only what an aggregate-only caller sees: the lattice structure (both
 * hierarchies) and the published cells. It does not know which suppressed cells are primary.
 *
 * <p>It derives, for every cell, the tightest interval obtainable by iterated interval propagation
 * over all additive equations ({@code parent = Σ children} along both axes), starting from {@code
 * [v, v]} for a published cell and {@code [0, ∞)} for a suppressed one, until a fixed point. Written
 * independently of the production code: it uses only public accessors.
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
  private final List<int[]> equations = new ArrayList<>(); // [parent, child1, child2, ...]
  private int rounds;

  private DifferencingAttacker(SuppressionResult view) {
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

  /** Lower bound the attacker derived for a cell. */
  long lo(String area, String period) {
    return lo[cell(area, period)];
  }

  /** Upper bound the attacker derived for a cell, {@link #INF} if unbounded. */
  long hi(String area, String period) {
    return hi[cell(area, period)];
  }

  /** Suppressed cells whose interval collapsed to a single value, as "area|period=value". */
  List<String> recovered(SuppressionResult view) {
    List<String> result = new ArrayList<>();
    for (String area : areaKeys) {
      for (String period : periodKeys) {
        int cell = cell(area, period);
        if (view.isSuppressed(area, period) && lo[cell] == hi[cell]) {
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
