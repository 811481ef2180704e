package id.ilpatlas.geo.privacy;

import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the two axes of a publication lattice: the area tree of one region (usually a kabupaten/kota)
 * and the calendar tree of one year, and names their keys.
 *
 * <p><b>Area keys</b> are canonical dotted {@link RegionCode}s ({@code 33.75}, {@code 33.75.01},
 * {@code 33.75.01.1002}, {@code 33.75.01.1002.RW003}), plus one extra leaf per kelurahan/desa for the
 * cases that have no RW: {@code 33.75.01.1002.UNASSIGNED} ({@link #unassignedKey}). Modelling the
 * kelurahan's own cases as an ordinary child leaf (rather than a hidden "residual") keeps every
 * equation of the lattice of the form <em>parent = sum of children</em>, so the unassigned cases are
 * published and protected like any RW. The leaf exists for every kelurahan/desa, even when it is 0:
 * the shape of the lattice must depend only on the region register, never on the counts (a leaf that
 * appeared only when it is non-zero would itself disclose a case).
 *
 * <p><b>Period keys</b> are {@code 2025} (year), {@code 2025-Q1} .. {@code 2025-Q4} (calendar
 * quarters) and {@code 2025-01} .. {@code 2025-12} (months, as {@link YearMonth#toString()}).
 */
public final class Hierarchies {

    /** Suffix of the per-kelurahan leaf holding cases without an RW, see {@link #unassignedKey}. */
    public static final String UNASSIGNED_SUFFIX = ".UNASSIGNED";

    private static final int QUARTERS = 4;
    private static final int MONTHS_PER_QUARTER = 3;

    private Hierarchies() {}

    /**
     * The area tree of {@code root}: {@code root}, every region in {@code regions}, all regions between
     * them, and an {@link #unassignedKey unassigned} leaf under every kelurahan/desa of the tree.
     *
     * <p>Pass the full register (e.g. all RWs of the kota, including those with no cases), not only
     * the regions that have cases, so that the tree does not depend on the data.
     *
     * @param root the lattice root, usually a {@link RegionLevel#KABKOTA} code such as {@code 33.75}
     * @param regions regions within {@code root} (typically RWs; kelurahan/desa without RWs may be
     *     listed directly); duplicates are ignored
     * @return the tree; siblings are ordered by code, the unassigned leaf after the RWs
     * @throws NullPointerException if an argument or element is null
     * @throws IllegalArgumentException if a region does not lie within {@code root}
     */
    public static Hierarchy areas(RegionCode root, Collection<RegionCode> regions) {
        Objects.requireNonNull(root, "root must not be null");
        Objects.requireNonNull(regions, "regions must not be null");
        Hierarchy.Builder builder = Hierarchy.builder(root.dotted());
        if (root.level() == RegionLevel.KELURAHAN) {
            builder.add(root.dotted(), unassignedKey(root));
        }
        for (RegionCode region : regions) {
            Objects.requireNonNull(region, "regions must not contain null");
            if (!region.isWithin(root)) {
                throw new IllegalArgumentException(region + " does not lie within " + root);
            }
            Deque<RegionCode> chain = new ArrayDeque<>();
            for (RegionCode r = region; !r.equals(root); r = r.parent().orElseThrow()) {
                chain.push(r);
            }
            RegionCode parent = root;
            for (RegionCode r : chain) {
                if (!builder.contains(r.dotted())) {
                    builder.add(parent.dotted(), r.dotted());
                    if (r.level() == RegionLevel.KELURAHAN) {
                        builder.add(r.dotted(), unassignedKey(r));
                    }
                }
                parent = r;
            }
        }
        return builder.build();
    }

    /**
     * Key of the leaf holding a kelurahan/desa's cases that have no RW.
     *
     * @param kelurahan a {@link RegionLevel#KELURAHAN} code
     * @return e.g. {@code 33.75.01.1002.UNASSIGNED}
     * @throws IllegalArgumentException if {@code kelurahan} is not a kelurahan/desa
     */
    public static String unassignedKey(RegionCode kelurahan) {
        if (kelurahan == null || kelurahan.level() != RegionLevel.KELURAHAN) {
            throw new IllegalArgumentException("unassigned cases belong to a kelurahan/desa, got " + kelurahan);
        }
        return kelurahan.dotted() + UNASSIGNED_SUFFIX;
    }

    /**
     * The area key under which a case located at {@code region} is counted: the RW itself, or the
     * kelurahan/desa's {@link #unassignedKey unassigned} leaf when the case has no RW.
     *
     * @param region where the case lives
     * @return e.g. {@code 33.75.01.1002.RW003}, or {@code 33.75.01.1002.UNASSIGNED} for {@code 33.75.01.1002}
     * @throws NullPointerException if {@code region} is null
     */
    public static String areaLeafKey(RegionCode region) {
        Objects.requireNonNull(region, "region must not be null");
        return region.level() == RegionLevel.KELURAHAN ? unassignedKey(region) : region.dotted();
    }

    /**
     * The calendar tree of {@code year}: the year, its four quarters, and under each quarter its three
     * months (17 nodes).
     *
     * @param year e.g. 2025
     * @return the tree rooted at {@link #yearKey(int) yearKey(year)}
     * @throws IllegalArgumentException if {@code year} is not 1..9999
     */
    public static Hierarchy periods(int year) {
        String yearKey = yearKey(year);
        Hierarchy.Builder builder = Hierarchy.builder(yearKey);
        for (int quarter = 1; quarter <= QUARTERS; quarter++) {
            String quarterKey = quarterKey(year, quarter);
            builder.add(yearKey, quarterKey);
            for (int m = 0; m < MONTHS_PER_QUARTER; m++) {
                builder.add(quarterKey, monthKey(YearMonth.of(year, (quarter - 1) * MONTHS_PER_QUARTER + m + 1)));
            }
        }
        return builder.build();
    }

    /**
     * Key of a year node.
     *
     * @param year 1..9999
     * @return e.g. {@code "2025"}
     * @throws IllegalArgumentException if {@code year} is out of range
     */
    public static String yearKey(int year) {
        checkYear(year);
        return String.format(Locale.ROOT, "%04d", year);
    }

    /**
     * Key of a calendar quarter.
     *
     * @param year 1..9999
     * @param quarter 1..4
     * @return e.g. {@code "2025-Q1"}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static String quarterKey(int year, int quarter) {
        if (quarter < 1 || quarter > QUARTERS) {
            throw new IllegalArgumentException("quarter must be 1..4, got " + quarter);
        }
        return yearKey(year) + "-Q" + quarter;
    }

    /**
     * Key of a month, the leaf level of {@link #periods(int)}.
     *
     * @param month the month
     * @return e.g. {@code "2025-01"}
     * @throws NullPointerException if {@code month} is null
     * @throws IllegalArgumentException if the year is not 1..9999
     */
    public static String monthKey(YearMonth month) {
        Objects.requireNonNull(month, "month must not be null");
        checkYear(month.getYear());
        return String.format(Locale.ROOT, "%04d-%02d", month.getYear(), month.getMonthValue());
    }

    /**
     * Key of the quarter containing {@code month}.
     *
     * @param month the month
     * @return e.g. {@code "2025-Q2"} for May 2025
     * @throws NullPointerException if {@code month} is null
     */
    public static String quarterKey(YearMonth month) {
        Objects.requireNonNull(month, "month must not be null");
        Month first = month.getMonth().firstMonthOfQuarter();
        return quarterKey(month.getYear(), (first.getValue() - 1) / MONTHS_PER_QUARTER + 1);
    }

    private static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year must be 1..9999, got " + year);
        }
    }
}
