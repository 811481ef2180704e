package id.ilpatlas.geo.classify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Legend labels for the classes of {@link ClassBreaks}, as a person reads them: proportions as percent with one
 * decimal ({@code "12.5 – 20.3 %"}), counts as the whole numbers a class holds ({@code "3 – 5"}), rates per 100k
 * or per 1,000 without decimals ({@code "120 – 1,442 per 100k"}, {@code "0 – 24 per 1,000"}).
 *
 * <p>Never {@code "0.0 % – 0.0 %"}: a class whose lower and upper bound are equal (a degenerate class, e.g. the
 * zeros alone) is labelled by its single value ({@code "0 %"}, {@code "0"}); zero is always written {@code 0};
 * and when bounds that differ would print alike at the unit's precision, every label of the legend gets more
 * decimals (up to six more) until they print apart. Numbers are written with {@link Locale#ROOT} (a point for the
 * decimal, a comma between thousands).
 */
public final class ClassLabels {

    /** How the mapped values are written. */
    public enum Unit {
        /** A proportion 0–1 (prevalence, share, coverage, success rate), written ×100 with one decimal and " %". */
        PERCENT,
        /** A whole number of people, cases or households. */
        COUNT,
        /** A rate per 100,000 (population, live births), without decimals. */
        PER_100K,
        /** A rate per 1,000 (live births), without decimals. */
        PER_1000
    }

    private static final int MORE_DECIMALS = 6;

    private ClassLabels() {}

    /**
     * The label of every class of {@code breaks}, class 0 first.
     *
     * @param breaks the {@code classes + 1} ascending bounds of {@link ClassBreaks#breaks()}: class i holds (b[i],
     *     b[i+1]], class 0 also b[0]
     * @param unit how the values are written
     * @return {@code breaks.length - 1} labels (none for fewer than two bounds)
     */
    public static List<String> of(double[] breaks, Unit unit) {
        Objects.requireNonNull(breaks, "breaks must not be null");
        Objects.requireNonNull(unit, "unit must not be null");
        List<String> labels = new ArrayList<>();
        if (breaks.length < 2) {
            return labels;
        }
        if (unit == Unit.COUNT) {
            int decimals = decimals(breaks, unit, 1);
            for (int i = 0; i + 1 < breaks.length; i++) {
                labels.add(countLabel(breaks, i, decimals));
            }
            return labels;
        }
        int decimals = decimals(breaks, unit, unit == Unit.PERCENT ? 1 : 0);
        for (int i = 0; i + 1 < breaks.length; i++) {
            double lower = breaks[i];
            double upper = breaks[i + 1];
            labels.add(
                    lower == upper
                            ? number(lower, unit, decimals) + suffix(unit)
                            : number(lower, unit, decimals) + " – " + number(upper, unit, decimals) + suffix(unit));
        }
        return labels;
    }

    /**
     * Whole numbers: class 0 holds ⌈b0⌉..⌊b1⌋, class i the integers over b[i] up to b[i+1]; a class without a whole
     * number (only when the values are not whole) shows its bounds at {@code decimals}.
     */
    private static String countLabel(double[] breaks, int i, int decimals) {
        double lower = breaks[i];
        double upper = breaks[i + 1];
        if (lower == upper) {
            return whole(lower);
        }
        double first = i == 0 ? Math.ceil(lower) : Math.floor(lower) + 1;
        double last = Math.floor(upper);
        if (first > last) { // no whole number in the class: say where it is
            return decimal(lower, decimals) + " – " + decimal(upper, decimals);
        }
        return first == last ? whole(first) : whole(first) + " – " + whole(last);
    }

    /** The least number of decimals (from the unit's own) at which distinct bounds print apart. */
    private static int decimals(double[] breaks, Unit unit, int base) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double b : breaks) {
            distinct.add(b);
        }
        for (int d = base; d < base + MORE_DECIMALS; d++) {
            TreeSet<String> printed = new TreeSet<>();
            for (double b : distinct) {
                printed.add(number(b, unit, d));
            }
            if (printed.size() == distinct.size()) {
                return d;
            }
        }
        return base + MORE_DECIMALS;
    }

    private static String number(double value, Unit unit, int decimals) {
        return decimal(unit == Unit.PERCENT ? value * 100 : value, decimals);
    }

    /** The value at {@code decimals} decimals; "0" for anything that rounds to zero (never "0.0" or "-0.0"). */
    private static String decimal(double value, int decimals) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        return rounded.signum() == 0 ? "0" : String.format(Locale.ROOT, "%,." + decimals + "f", rounded);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String suffix(Unit unit) {
        return switch (unit) {
            case PERCENT -> " %";
            case PER_100K -> " per 100k";
            case PER_1000 -> " per 1,000";
            case COUNT -> "";
        };
    }
}
