package id.ilpatlas.geo.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Marshall's (1991) method-of-moments empirical-Bayes rate smoothers, exactly as PySAL esda implements them
 * ({@code esda.smoothing.Empirical_Bayes}, {@code Spatial_Empirical_Bayes} and {@code Spatial_Rate}), so that a
 * rate on a handful of events is pulled towards its prior mean and a ranking does not chase single cases.
 *
 * <p>With events e<sub>i</sub>, population b<sub>i</sub> and crude rate r<sub>i</sub> = e<sub>i</sub> /
 * b<sub>i</sub> (per person):
 *
 * <ul>
 *   <li><b>global</b> (aspatial): m = Σe / Σb; s² = Σ b<sub>i</sub>(r<sub>i</sub> − m)² / Σb;
 *       A = s² − m / (Σb / n); w<sub>i</sub> = A / (A + m / b<sub>i</sub>);
 *       EB<sub>i</sub> = w<sub>i</sub> r<sub>i</sub> + (1 − w<sub>i</sub>) m. esda does <em>not</em> clip A at 0
 *       ({@link NegativeVariance#KEEP}, the default here too, so the published values reproduce); a negative A
 *       (less spread between areas than Poisson noise alone explains) then gives weights outside [0, 1].
 *       {@link NegativeVariance#CLIP_TO_ZERO} clips A at 0 as Marshall's paper and GeoDa do: every area then gets
 *       the prior mean m. Use the clipped form for products (maps, rankings).
 *   <li><b>local</b> (spatial): N(i) = the neighbours of i plus i itself; m<sub>i</sub> = Σ<sub>N(i)</sub>e /
 *       Σ<sub>N(i)</sub>b (esda's {@code Spatial_Rate}); v<sub>i</sub> = Σ<sub>N(i)</sub> b<sub>j</sub>
 *       (r<sub>j</sub> − m<sub>i</sub>)² / Σ<sub>N(i)</sub>b; A<sub>i</sub> = v<sub>i</sub> − m<sub>i</sub> /
 *       (Σ<sub>N(i)</sub>b / |N(i)|), clipped at 0 (as esda does); SEB<sub>i</sub> = m<sub>i</sub> +
 *       (r<sub>i</sub> − m<sub>i</sub>) A<sub>i</sub> / (A<sub>i</sub> + m<sub>i</sub> / b<sub>i</sub>).
 * </ul>
 *
 * <p>Defined results where esda would divide by zero or has no answer:
 *
 * <ul>
 *   <li>An area with population 0 has no rate: it is left out of every sum (its own estimate, and as a
 *       neighbour, and n), and its {@link Estimate} holds NaN for the rate, the smoothed rate and the weight
 *       (its prior mean and variance are still given where they exist). Its events, if any, are ignored.
 *   <li>An area whose crude rate equals its prior mean keeps it (the smoothed rate is that value, whatever the
 *       weight); this covers all-zero events (m = 0: every rate 0, smoothed 0, weight 0) and a single area (m =
 *       r, smoothed = r) where the weight is 0/0.
 *   <li>No area with population (or no areas at all): every prior mean is NaN and so is every estimate.
 *   <li>With {@link NegativeVariance#KEEP}, an area with A + m / b<sub>i</sub> = 0 and a rate off the mean has no
 *       defined weight: NaN, as in esda.
 * </ul>
 *
 * <pre>{@code
 * List<EmpiricalBayes.Estimate> eb = EmpiricalBayes.global(deaths, births, NegativeVariance.CLIP_TO_ZERO);
 * List<EmpiricalBayes.Estimate> seb = EmpiricalBayes.local(deaths, births, neighbours); // neighbours[i] = indexes
 * }</pre>
 */
public final class EmpiricalBayes {

    /** What the global estimator does with a negative prior variance A. */
    public enum NegativeVariance {
        /** Keep it, as esda's {@code Empirical_Bayes} does (weights may leave [0, 1]). */
        KEEP,
        /** Clip it at 0 (Marshall 1991, GeoDa): no spread between areas beyond noise, so every area gets the mean. */
        CLIP_TO_ZERO
    }

    /**
     * One area's result.
     *
     * @param rate the crude rate e / b (NaN when the population is 0)
     * @param smoothedRate the empirical-Bayes rate (NaN when the population is 0)
     * @param priorMean the prior mean m (global) or m<sub>i</sub> (local, esda's {@code Spatial_Rate}); NaN when
     *     there is no population in the area's prior
     * @param priorVariance A (global) or A<sub>i</sub> (local)
     * @param weight the shrinkage weight on the crude rate, A / (A + m / b); 0 when the smoothed rate is the prior
     *     mean because rate and mean coincide with 0/0 weights; NaN when the population is 0
     */
    public record Estimate(double rate, double smoothedRate, double priorMean, double priorVariance, double weight) {}

    private EmpiricalBayes() {}

    /** Marshall's global estimator as esda computes it (A not clipped). */
    public static List<Estimate> global(double[] events, double[] populations) {
        return global(events, populations, NegativeVariance.KEEP);
    }

    /**
     * Marshall's global (aspatial) estimator.
     *
     * @param events events per area, ≥ 0
     * @param populations population per area, ≥ 0 (0: no rate)
     * @param negativeVariance what to do with A &lt; 0
     * @return one estimate per area, in input order
     * @throws IllegalArgumentException if the arrays differ in length or hold a negative or non-finite value
     */
    public static List<Estimate> global(double[] events, double[] populations, NegativeVariance negativeVariance) {
        Objects.requireNonNull(negativeVariance, "negativeVariance must not be null");
        check(events, populations);
        int size = events.length;
        double eventSum = 0;
        double populationSum = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (populations[i] > 0) {
                eventSum += events[i];
                populationSum += populations[i];
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : eventSum / populationSum;
        double spread = 0;
        for (int i = 0; i < size; i++) {
            if (populations[i] > 0) {
                double d = events[i] / populations[i] - mean;
                spread += populations[i] * d * d;
            }
        }
        double variance = n == 0 ? Double.NaN : spread / populationSum - mean / (populationSum / n);
        if (negativeVariance == NegativeVariance.CLIP_TO_ZERO && variance < 0) {
            variance = 0;
        }
        List<Estimate> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double b = populations[i];
            if (!(b > 0)) {
                out.add(new Estimate(Double.NaN, Double.NaN, mean, variance, Double.NaN));
                continue;
            }
            double rate = events[i] / b;
            if (rate == mean) {
                double weight = variance / (variance + mean / b);
                out.add(new Estimate(rate, mean, mean, variance, Double.isNaN(weight) ? 0 : weight));
                continue;
            }
            double weight = variance / (variance + mean / b);
            out.add(new Estimate(rate, weight * rate + (1 - weight) * mean, mean, variance, weight));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Marshall's local (spatial) estimator, esda's {@code Spatial_Empirical_Bayes}: the prior of area i is
     * estimated from i and its neighbours.
     *
     * @param events events per area, ≥ 0
     * @param populations population per area, ≥ 0 (0: no rate)
     * @param neighbours for each area the 0-based indexes of its neighbours (not itself, no repeats; an island
     *     has none and is smoothed towards its own rate, i.e. not at all)
     * @return one estimate per area, in input order
     * @throws IllegalArgumentException if the lengths differ, a value is negative or not finite, or a neighbour
     *     list names the area itself, an index out of range or an index twice
     */
    public static List<Estimate> local(double[] events, double[] populations, int[][] neighbours) {
        check(events, populations);
        Objects.requireNonNull(neighbours, "neighbours must not be null");
        int size = events.length;
        if (neighbours.length != size) {
            throw new IllegalArgumentException("neighbours has " + neighbours.length + " lists for " + size + " areas");
        }
        List<Estimate> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int[] around = neighbourhood(i, neighbours[i], size);
            double eventSum = 0;
            double populationSum = 0;
            int n = 0;
            for (int j : around) {
                if (populations[j] > 0) {
                    eventSum += events[j];
                    populationSum += populations[j];
                    n++;
                }
            }
            double mean = n == 0 ? Double.NaN : eventSum / populationSum;
            double spread = 0;
            for (int j : around) {
                if (populations[j] > 0) {
                    double d = events[j] / populations[j] - mean;
                    spread += d * d * populations[j];
                }
            }
            double variance = n == 0 ? Double.NaN : spread / populationSum - mean / (populationSum / n);
            if (variance < 0) {
                variance = 0;
            }
            double b = populations[i];
            if (!(b > 0)) {
                out.add(new Estimate(Double.NaN, Double.NaN, mean, variance, Double.NaN));
                continue;
            }
            double rate = events[i] / b;
            double weight = variance / (variance + mean / b);
            if (rate == mean) {
                out.add(new Estimate(rate, mean, mean, variance, Double.isNaN(weight) ? 0 : weight));
            } else {
                out.add(new Estimate(rate, mean + (rate - mean) * weight, mean, variance, weight));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The neighbours of i plus i itself, checked. */
    private static int[] neighbourhood(int i, int[] list, int size) {
        Objects.requireNonNull(list, () -> "neighbours[" + i + "] must not be null");
        int[] around = new int[list.length + 1];
        boolean[] seen = new boolean[size];
        seen[i] = true;
        for (int k = 0; k < list.length; k++) {
            int j = list[k];
            if (j < 0 || j >= size) {
                throw new IllegalArgumentException(
                        "neighbours[" + i + "] names area " + j + ", not in 0.." + (size - 1));
            }
            if (seen[j]) {
                throw new IllegalArgumentException("neighbours[" + i + "] names area " + j
                        + (j == i ? ", the area itself (it is always included)" : " twice"));
            }
            seen[j] = true;
            around[k] = j;
        }
        around[list.length] = i;
        return around;
    }

    private static void check(double[] events, double[] populations) {
        Objects.requireNonNull(events, "events must not be null");
        Objects.requireNonNull(populations, "populations must not be null");
        if (events.length != populations.length) {
            throw new IllegalArgumentException(
                    "events has " + events.length + " areas, populations " + populations.length);
        }
        for (int i = 0; i < events.length; i++) {
            if (!(events[i] >= 0) || Double.isInfinite(events[i])) {
                throw new IllegalArgumentException("events[" + i + "] must be finite and >= 0, got " + events[i]);
            }
            if (!(populations[i] >= 0) || Double.isInfinite(populations[i])) {
                throw new IllegalArgumentException(
                        "populations[" + i + "] must be finite and >= 0, got " + populations[i]);
            }
        }
    }
}
