package id.ilpatlas.api.indicators;

import id.ilpatlas.geo.stats.EmpiricalBayes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Empirical-Bayes smoothing of the RWs' rates (Marshall 1991, as PySAL esda computes it; {@link
 * EmpiricalBayes}), so that rankings and choropleths do not chase single cases. The prior of each rate is estimated
 * from the RWs whose count and denominator the caller sees (a smoothed rate is a function of visible figures only):
 * globally over all of them, and locally over each RW and its neighbours among them.
 */
final class RateSmoothing {

    private RateSmoothing() {}

    /** The RWs with their rates smoothed. */
    static List<AreaIndicators> smooth(List<AreaIndicators> rws, Map<String, List<String>> neighbours) {
        Map<String, Map<RwIndicator, Double>> local = new HashMap<>();
        Map<String, Map<RwIndicator, Double>> global = new HashMap<>();
        for (AreaIndicators rw : rws) {
            local.put(rw.regionCode(), new EnumMap<>(RwIndicator.class));
            global.put(rw.regionCode(), new EnumMap<>(RwIndicator.class));
        }
        for (RwIndicator indicator : RwIndicator.values()) {
            if (!indicator.isRate()) {
                continue;
            }
            List<AreaIndicators> known = new ArrayList<>();
            for (AreaIndicators rw : rws) {
                RateEstimate rate = rw.rate(indicator);
                if (rate.value() != null) {
                    known.add(rw);
                }
            }
            if (known.isEmpty()) {
                continue;
            }
            Map<String, Integer> index = new HashMap<>();
            double[] events = new double[known.size()];
            double[] population = new double[known.size()];
            for (int i = 0; i < known.size(); i++) {
                RateEstimate rate = known.get(i).rate(indicator);
                index.put(known.get(i).regionCode(), i);
                events[i] = rate.count();
                population[i] = rate.denominator();
            }
            int[][] adjacency = new int[known.size()][];
            for (int i = 0; i < known.size(); i++) {
                adjacency[i] = neighbours.getOrDefault(known.get(i).regionCode(), List.of()).stream()
                        .filter(index::containsKey)
                        .mapToInt(index::get)
                        .toArray();
            }
            // The global prior variance is clipped at 0 (Marshall; GeoDa): no spread beyond noise means every RW
            // gets the mean, never a weight outside 0..1.
            List<EmpiricalBayes.Estimate> g =
                    EmpiricalBayes.global(events, population, EmpiricalBayes.NegativeVariance.CLIP_TO_ZERO);
            List<EmpiricalBayes.Estimate> l = EmpiricalBayes.local(events, population, adjacency);
            for (int i = 0; i < known.size(); i++) {
                String code = known.get(i).regionCode();
                double gi = g.get(i).smoothedRate();
                double li = l.get(i).smoothedRate();
                if (!Double.isNaN(gi)) {
                    global.get(code).put(indicator, gi * indicator.per);
                }
                if (!Double.isNaN(li)) {
                    local.get(code).put(indicator, li * indicator.per);
                }
            }
        }
        List<AreaIndicators> smoothed = new ArrayList<>(rws.size());
        for (AreaIndicators rw : rws) {
            smoothed.add(rw.withSmoothed(local.get(rw.regionCode()), global.get(rw.regionCode())));
        }
        return smoothed;
    }
}
