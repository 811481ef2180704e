package id.ilpatlas.geo.rw;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Integer apportionment: splitting a whole number into integer shares proportional to weights. */
public final class Apportionment {

    private Apportionment() {}

    /**
     * Largest-remainder (Hamilton) apportionment: non-negative integers proportional to {@code weights},
     * summing exactly to {@code total}; ties broken by lower index.
     *
     * <p>Each share is the floor of its exact quota {@code total * weight / sum(weights)}, plus one for the
     * {@code total - sum(floors)} shares with the largest fractional remainders. The arithmetic is exact
     * (weights are taken at their exact binary values), so every share differs from its quota by less than 1.
     *
     * @param total the whole to split, {@code >= 0}
     * @param weights one non-negative finite weight per share, at least one positive
     * @return one share per weight, in the order of {@code weights}
     * @throws IllegalArgumentException if {@code total} is negative, {@code weights} is empty, contains a
     *     negative or non-finite value, or sums to zero
     */
    public static long[] largestRemainder(long total, double[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("at least one weight is required");
        }
        BigDecimal weightSum = BigDecimal.ZERO;
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] < 0) {
                throw new IllegalArgumentException(
                        "weights must be finite and >= 0, got weights[" + i + "] = " + weights[i]);
            }
            weightSum = weightSum.add(new BigDecimal(weights[i]));
        }
        if (weightSum.signum() == 0) {
            throw new IllegalArgumentException("weights must not all be zero: " + Arrays.toString(weights));
        }

        // quota_i = total * w_i / S; floor_i = floor(quota_i); remainder_i * S = total * w_i - floor_i * S (exact).
        BigDecimal totalDecimal = BigDecimal.valueOf(total);
        long[] shares = new long[weights.length];
        BigDecimal[] scaledRemainders = new BigDecimal[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            BigDecimal numerator = totalDecimal.multiply(new BigDecimal(weights[i]));
            BigInteger floor = numerator.divideToIntegralValue(weightSum).toBigIntegerExact();
            shares[i] = floor.longValueExact();
            scaledRemainders[i] = numerator.subtract(weightSum.multiply(new BigDecimal(floor)));
            assigned += shares[i];
        }

        long leftOver = total - assigned; // 0 <= leftOver < weights.length
        int[] byRemainder = IntStream.range(0, weights.length)
                .boxed()
                .sorted(Comparator.<Integer, BigDecimal>comparing(i -> scaledRemainders[i])
                        .reversed()
                        .thenComparing(i -> i))
                .mapToInt(Integer::intValue)
                .toArray();
        for (int k = 0; k < leftOver; k++) {
            shares[byRemainder[k]]++;
        }
        return shares;
    }
}
