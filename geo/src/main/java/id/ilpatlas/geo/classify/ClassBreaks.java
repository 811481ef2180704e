package id.ilpatlas.geo.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The class breaks of a set of values: {@code classes + 1} ascending bounds {@code b0 = min ≤ b1 ≤ … ≤
 * bn = max}; class {@code i} (0-based) holds the values {@code v} with {@code b(i) < v ≤ b(i+1)}, and
 * class 0 also holds {@code b0}. Breaks are always observed values except for equal intervals.
 *
 * <p>Fewer classes than asked are returned when the values do not allow them: never more classes than
 * distinct values (a class is never empty for quantiles and natural breaks), one class when all values
 * are equal, none when there are no values. Non-finite values are rejected.
 *
 * <pre>{@code
 * ClassBreaks b = ClassBreaks.of(Method.NATURAL_BREAKS, new double[] {1, 2, 3, 10, 11, 12}, 2);
 * b.breaks();    // [1, 3, 12]
 * b.classOf(10); // 1
 * b.colors();    // ["#ffeda0", "#f03b20"]
 * }</pre>
 */
public final class ClassBreaks {

    /** How the breaks are placed. */
    public enum Method {
        /** About the same number of values in every class: upper bound of class i = the value at rank ⌈(i+1)·n/k⌉. */
        QUANTILE,
        /** Classes of equal width between the minimum and the maximum. */
        EQUAL_INTERVAL,
        /**
         * Jenks natural breaks, computed exactly (Fisher 1958 dynamic programming): the partition of the
         * sorted values into contiguous classes with the least total within-class sum of squared
         * deviations. Equal values never straddle a break.
         */
        NATURAL_BREAKS
    }

    private final Method method;
    private final double[] breaks;

    private ClassBreaks(Method method, double[] breaks) {
        this.method = method;
        this.breaks = breaks;
    }

    /**
     * Classifies {@code values} into at most {@code classes} classes.
     *
     * @param method how
     * @param values the values (any order; not modified)
     * @param classes 1..{@link ColorRamp#MAX_CLASSES}
     * @return the breaks
     * @throws IllegalArgumentException if {@code classes} is out of range or a value is not finite
     */
    public static ClassBreaks of(Method method, double[] values, int classes) {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(values, "values must not be null");
        if (classes < 1 || classes > ColorRamp.MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be 1.." + ColorRamp.MAX_CLASSES + ", got " + classes);
        }
        double[] sorted = values.clone();
        for (double v : sorted) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("values must be finite, got " + v);
            }
        }
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new ClassBreaks(method, new double[0]);
        }
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        int k = Math.min(classes, distinct);
        double[] breaks = switch (method) {
            case QUANTILE -> quantile(sorted, k);
            case EQUAL_INTERVAL -> equalInterval(sorted, k);
            case NATURAL_BREAKS -> naturalBreaks(sorted, k);
        };
        return new ClassBreaks(method, breaks);
    }

    private static double[] quantile(double[] sorted, int k) {
        int n = sorted.length;
        double[] b = new double[k + 1];
        b[0] = sorted[0];
        int m = 1;
        for (int i = 1; i <= k; i++) {
            double upper = sorted[(int) Math.ceil((double) i * n / k) - 1];
            if (upper > b[m - 1] || m == 1) { // class 0 may hold the minimum alone
                b[m++] = upper;
            }
        }
        if (b[m - 1] != sorted[n - 1]) {
            b[m++] = sorted[n - 1];
        }
        return Arrays.copyOf(b, Math.max(m, 2));
    }

    private static double[] equalInterval(double[] sorted, int k) {
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        double[] b = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            b[i] = min + (max - min) * i / k;
        }
        b[k] = max;
        return b;
    }

    /** Fisher-Jenks: cost[c][j] = least SSD of the first j values in c classes, cuts only between distinct values. */
    private static double[] naturalBreaks(double[] sorted, int k) {
        int n = sorted.length;
        double[] sum = new double[n + 1];
        double[] sumSq = new double[n + 1];
        // Shift by the mean for numerical stability of the sums of squares.
        double shift = 0;
        for (double v : sorted) {
            shift += v / n;
        }
        for (int i = 0; i < n; i++) {
            double v = sorted[i] - shift;
            sum[i + 1] = sum[i] + v;
            sumSq[i + 1] = sumSq[i] + v * v;
        }
        double[][] cost = new double[k + 1][n + 1];
        int[][] cut = new int[k + 1][n + 1];
        for (double[] row : cost) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        cost[0][0] = 0;
        for (int c = 1; c <= k; c++) {
            for (int j = 1; j <= n; j++) {
                if (j < n && sorted[j] == sorted[j - 1]) {
                    continue; // a class may not end between equal values
                }
                for (int i = c - 1; i < j; i++) { // class c holds values i..j-1
                    if (cost[c - 1][i] == Double.POSITIVE_INFINITY || i > 0 && sorted[i] == sorted[i - 1]) {
                        continue;
                    }
                    double s = sum[j] - sum[i];
                    double ssd = sumSq[j] - sumSq[i] - s * s / (j - i);
                    double total = cost[c - 1][i] + Math.max(ssd, 0);
                    if (total < cost[c][j]) {
                        cost[c][j] = total;
                        cut[c][j] = i;
                    }
                }
            }
        }
        double[] b = new double[k + 1];
        b[0] = sorted[0];
        int j = n;
        for (int c = k; c >= 1; c--) {
            b[c] = sorted[j - 1];
            j = cut[c][j];
        }
        return b;
    }

    /** The method used. */
    public Method method() {
        return method;
    }

    /** Number of classes: {@code breaks().length - 1}, or 0 without values. */
    public int classes() {
        return Math.max(breaks.length - 1, 0);
    }

    /** The {@code classes() + 1} ascending bounds (empty without values). */
    public double[] breaks() {
        return breaks.clone();
    }

    /**
     * The class (0-based) of a value: the first class whose upper bound is at least {@code value};
     * values below the minimum go to class 0, above the maximum to the last class.
     *
     * @throws IllegalStateException if there are no classes
     */
    public int classOf(double value) {
        if (breaks.length == 0) {
            throw new IllegalStateException("no classes: there were no values");
        }
        for (int i = 1; i < breaks.length - 1; i++) {
            if (value <= breaks[i]) {
                return i - 1;
            }
        }
        return classes() - 1;
    }

    /** The colour of every class, lightest (lowest values) first: {@link ColorRamp#sequential}. */
    public List<String> colors() {
        return ColorRamp.sequential(classes());
    }

    @Override
    public String toString() {
        return method + Arrays.toString(breaks);
    }
}
