package id.ilpatlas.api.tiles;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import java.util.Arrays;
import java.util.Locale;

/**
 * The hex-bin heat of case points: which hexes a zoom shows, what each hex measures, and what a caller may see.
 *
 * <p>Hexes are precomputed (tables {@code hex_heat} and {@code hex_heat_totals}, migrations V11 and V29) per
 * kab/kota, indicator, calendar month and hex size: flat-topped hexagons of PostGIS's {@code ST_Hexagon} grid in
 * EPSG:3857 with edge {@value #COARSE_METERS} m (zoom up to 12), {@value #MEDIUM_METERS} m (zoom 13-14) and
 * {@value #FINE_METERS} m (zoom 15 and deeper). A year is the sum of its months. Only geocoded records are in a hex;
 * the share of records that could be placed is stated with every layer ({@link HexHeatLayers}). Raw points never
 * leave the database.
 *
 * <p><b>Measures.</b> {@link Measure#COUNT}: the records in the hex. {@link Measure#RATE}: records per record of
 * the indicator's denominator in the same hex, both geocoded: STUNTED per child-month measured,
 * LOW_BIRTH_WEIGHT_BIRTHS per birth weighed. TB_NOTIFICATIONS has no rate: its denominator is the population, which
 * does not exist per hex (RW populations cannot be split into hexes without a model nobody measured), and a rate per
 * child measured or per birth would be meaningless for TB; asking for it is refused, naming {@code measure}.
 *
 * <p><b>Privacy.</b> Hexes are a different geography from RWs: a hex cuts across RW boundaries, so hex counts and
 * the (suppressed) RW counts together could pin a suppressed RW cell by differencing. Hence:
 * <ul>
 *   <li>a caller who reads exact aggregates ({@code AccessPolicy.mayReadExactAggregates}: case access, or the Dinkes
 *       planner) sees, in every hex holding records of her scope,
 *       the exact count (and denominator) of the records of her scope (never those outside it), at the zoom's
 *       resolution, per calendar year or per month: a count per hexagon, never a point;</li>
 *   <li>everyone else (public, and exact callers for hexes with nothing of their scope) sees only the
 *       coarse {@value #COARSE_METERS} m hexes at every zoom, per calendar year only; counts of 1-4 suppressed
 *       ({@code suppressed=true}, no {@code count}), and the whole hex suppressed when its denominator is 1-4 (a 0
 *       among 3 children measured says something about each of them); every other count and denominator rounded to
 *       the nearest multiple of 5, and the public rate computed from the rounded figures only. A rounded count is
 *       off by up to 2 and hexes do not nest in RWs, so no subtraction of hex and RW figures yields a suppressed RW
 *       count exactly.</li>
 *   <li><b>Months are for exact access only</b> ({@link #requireMonthAccess}). Rounding and small-count suppression
 *       do not survive differencing a year against its months: a year hex of 17 publishes 15 (13-17), two months of
 *       8 publish 10 each (8-12, so at least 16 together), and the third month's hidden count is then at most
 *       17 - 16 = 1, i.e. exactly 1. Complementary suppression could block that one pattern, but every month, size
 *       and RW figure added to it would need the same audit; showing months only to those who may see the records
 *       anyway (exact aggregates, their scope) leaves nothing to difference. The public gets years;
 *       the month parameter is refused for them with an error naming {@code month}.</li>
 * </ul>
 * The layer's totals (records and geocoded records of the kab/kota) are exact for a case-access caller whose scope
 * covers the kab/kota, and rounded and suppressed like a public hex otherwise.
 */
final class HexHeat {

    static final int COARSE_METERS = 1000;
    static final int MEDIUM_METERS = 500;
    static final int FINE_METERS = 250;
    /** Public counts are rounded to a multiple of this. */
    static final int ROUNDING_BASE = 5;
    /** The colour of a suppressed hex (never a class colour: grey is "hidden", not "low"). */
    static final String SUPPRESSED_COLOR = "#d9d9d9";

    /** What the hexes count. */
    enum Indicator {
        STUNTED(
                "stunted child-months (latest measurement of the month, length/height-for-age z < -2)",
                "child-months measured",
                ImportFormat.EPPGBM),
        TB_NOTIFICATIONS("TB cases diagnosed", null, ImportFormat.SITB),
        LOW_BIRTH_WEIGHT_BIRTHS("births under 2500 g (BBLR)", "births with a recorded weight", ImportFormat.PERMAISURI);

        final String counted;
        /** The denominator of the rate, or null when no honest denominator exists per hex. */
        final String per;
        /** The register the records come from (whose imports decide NO_DATA and PARTIAL_PERIOD). */
        final ImportFormat register;

        Indicator(String counted, String per, ImportFormat register) {
            this.counted = counted;
            this.per = per;
            this.register = register;
        }

        static Indicator parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException(
                        "indicator", "must be one of " + Arrays.toString(values()) + ", was " + name);
            }
        }
    }

    /** What a hex's value is. */
    enum Measure {
        COUNT,
        RATE;

        static Measure parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException(
                        "measure", "must be one of " + Arrays.toString(values()) + ", was " + name);
            }
        }
    }

    private HexHeat() {}

    /** The hex edge length (metres, EPSG:3857) shown at a zoom to a caller who reads exact aggregates. */
    static int sizeForZoom(int z) {
        return z <= 12 ? COARSE_METERS : z <= 14 ? MEDIUM_METERS : FINE_METERS;
    }

    /**
     * True when the caller sees exact counts (of her scope) at every resolution and by month: she reads exact
     * aggregates somewhere ({@link AccessPolicy#exactAggregateScope}: case access, or the Dinkes planner).
     */
    static boolean exactAccess(Caller caller) {
        return !AccessPolicy.exactAggregateScope(caller).isEmpty();
    }

    /**
     * True when the caller may see the 500 m and 250 m hexes: only roles that may read person-level data in their
     * scope. A 250 m hexagon holding one case is nearly a point, so the Dinkes planner (exact aggregates, never a
     * person) gets exact counts in the coarse hexes only.
     */
    static boolean fineAccess(Caller caller) {
        return !AccessPolicy.personDataScope(caller).isEmpty();
    }

    /** The size a caller gets when asking for {@code sizeMeters}: public callers always get the coarse hexes. */
    static int sizeFor(Caller caller, int sizeMeters) {
        if (sizeMeters != COARSE_METERS && sizeMeters != MEDIUM_METERS && sizeMeters != FINE_METERS) {
            throw new InvalidArgumentException(
                    "sizeMeters",
                    "must be " + COARSE_METERS + ", " + MEDIUM_METERS + " or " + FINE_METERS + ", was " + sizeMeters);
        }
        return fineAccess(caller) ? sizeMeters : COARSE_METERS;
    }

    /** A rate needs a denominator per hex: refused, naming {@code measure}, for TB notifications. */
    static void checkMeasure(Indicator indicator, Measure measure) {
        if (measure == Measure.RATE && indicator.per == null) {
            throw new InvalidArgumentException(
                    "measure",
                    "RATE is not offered for " + indicator
                            + ": its denominator is the population, which is not known per hex; ask for COUNT");
        }
    }

    /** Months are for callers with case access only (see the class comment: differencing against the year). */
    static void requireMonthAccess(Caller caller, Integer month) {
        if (month != null && !exactAccess(caller)) {
            throw new AccessDeniedException("Argument 'month': hex heat by month is only for roles that read exact "
                    + "aggregates (case access or the Dinkes planner, inside their scope), because public monthly hexes could be subtracted from the "
                    + "year's to recover a suppressed count; you are " + caller.role()
                    + ": leave out month for the calendar year's hexes");
        }
    }

    /** Validates a period: a year 2000-2100 and an optional month 1-12. */
    static void checkPeriod(Integer year, Integer month) {
        if (year != null && (year < 2000 || year > 2100)) {
            throw new InvalidArgumentException("year", "must be between 2000 and 2100, was " + year);
        }
        if (month != null && (month < 1 || month > 12)) {
            throw new InvalidArgumentException("month", "must be 1-12, was " + month);
        }
        if (month != null && year == null) {
            throw new InvalidArgumentException("year", "is required with month");
        }
    }
}
