package id.ilpatlas.geo.privacy;

import id.ilpatlas.geo.region.RegionCode;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Exact, non-negative counts for every cell {@code (area, period)} of a lattice {@code areas ×
 * periods}, additive along both axes: a cell's count is the sum of its children's counts in the area
 * tree and, separately, in the period tree.
 *
 * <p>Tables are built from leaf counts (e.g. RW × month) with {@link #builder}; the builder sums
 * them up both hierarchies, so additivity holds by construction. Immutable.
 */
public final class CellTable {

    private final Hierarchy areas;
    private final Hierarchy periods;
    private final long[] counts; // index = area * periods.size() + period

    private CellTable(Hierarchy areas, Hierarchy periods, long[] counts) {
        this.areas = areas;
        this.periods = periods;
        this.counts = counts;
    }

    /**
     * Starts a table over {@code areas × periods} with every leaf count 0.
     *
     * @param areas the area axis, e.g. from {@link Hierarchies#areas}
     * @param periods the period axis, e.g. from {@link Hierarchies#periods(int)}
     * @return a builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lattice would have more than {@link Integer#MAX_VALUE} cells
     */
    public static Builder builder(Hierarchy areas, Hierarchy periods) {
        Objects.requireNonNull(areas, "areas must not be null");
        Objects.requireNonNull(periods, "periods must not be null");
        if ((long) areas.size() * periods.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("lattice too large: " + areas + " × " + periods);
        }
        return new Builder(areas, periods);
    }

    /** The area axis. */
    public Hierarchy areas() {
        return areas;
    }

    /** The period axis. */
    public Hierarchy periods() {
        return periods;
    }

    /**
     * The exact count of one cell.
     *
     * @param area any area key
     * @param period any period key
     * @return the count, the sum of the leaf counts below the cell
     * @throws IllegalArgumentException if a key is not a node of its axis
     */
    public long count(String area, String period) {
        return counts[areas.indexOf(area) * periods.size() + periods.indexOf(period)];
    }

    /** Total of the lattice: the count of {@code (areas.root(), periods.root())}. */
    public long total() {
        return counts[0];
    }

    long countAt(int cell) {
        return counts[cell];
    }

    int cellCount() {
        return counts.length;
    }

    /** Accumulates leaf counts and sums them up both axes. Not thread-safe. */
    public static final class Builder {

        private final Hierarchy areas;
        private final Hierarchy periods;
        private final long[] counts;

        private Builder(Hierarchy areas, Hierarchy periods) {
            this.areas = areas;
            this.periods = periods;
            this.counts = new long[areas.size() * periods.size()];
        }

        /**
         * Adds {@code count} cases to a leaf cell; repeated calls for the same cell accumulate.
         *
         * @param areaLeaf a leaf of the area axis, e.g. {@code 33.75.01.1002.RW003} or {@code
         *     33.75.01.1002.UNASSIGNED}
         * @param periodLeaf a leaf of the period axis, e.g. {@code 2025-03}
         * @param count number of cases, ≥ 0
         * @return this builder
         * @throws IllegalArgumentException if a key is unknown or not a leaf, or {@code count} is negative
         * @throws ArithmeticException if the leaf's count overflows
         */
        public Builder add(String areaLeaf, String periodLeaf, long count) {
            int a = leafIndex(areas, areaLeaf, "area");
            int p = leafIndex(periods, periodLeaf, "period");
            if (count < 0) {
                throw new IllegalArgumentException(
                        "count must be >= 0, got " + count + " for (" + areaLeaf + ", " + periodLeaf + ")");
            }
            int cell = a * periods.size() + p;
            counts[cell] = Math.addExact(counts[cell], count);
            return this;
        }

        /**
         * Adds one case located at {@code region} in {@code month}: the same as {@code
         * add(Hierarchies.areaLeafKey(region), Hierarchies.monthKey(month), 1)}.
         *
         * @param region an RW, or a kelurahan/desa for a case without RW
         * @param month the month the case is counted in
         * @return this builder
         * @throws IllegalArgumentException if the cell is not a leaf of the lattice
         */
        public Builder addCase(RegionCode region, YearMonth month) {
            return add(Hierarchies.areaLeafKey(region), Hierarchies.monthKey(month), 1);
        }

        /**
         * Sums the leaf counts up both hierarchies.
         *
         * @return the table; the builder may be reused, later additions do not affect it
         * @throws ArithmeticException if a sum overflows
         */
        public CellTable build() {
            long[] sums = counts.clone();
            int np = periods.size();
            // Pre-order numbering: a child's index is larger than its parent's, so a reverse sweep adds each
            // finished node into its parent. First along the period axis (leaf areas only), then along areas.
            for (int leaf : areas.leafIndexes()) {
                for (int p = np - 1; p > 0; p--) {
                    int parent = periods.parentIndex(p);
                    sums[leaf * np + parent] = Math.addExact(sums[leaf * np + parent], sums[leaf * np + p]);
                }
            }
            for (int a = areas.size() - 1; a > 0; a--) {
                int parent = areas.parentIndex(a);
                for (int p = 0; p < np; p++) {
                    sums[parent * np + p] = Math.addExact(sums[parent * np + p], sums[a * np + p]);
                }
            }
            return new CellTable(areas, periods, sums);
        }

        private static int leafIndex(Hierarchy axis, String key, String name) {
            if (!axis.contains(key)) {
                throw new IllegalArgumentException(name + " '" + key + "' is not in the lattice (" + axis + ")");
            }
            int index = axis.indexOf(key);
            if (!axis.isLeafIndex(index)) {
                throw new IllegalArgumentException(name + " '" + key + "' is not a leaf; counts are added at"
                        + " leaves (cases without RW go to <kelurahan>" + Hierarchies.UNASSIGNED_SUFFIX + ")");
            }
            return index;
        }
    }
}
