package id.ilpatlas.api.indicators;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.geo.classify.ClassBreaks;
import id.ilpatlas.geo.classify.ClassLabels;
import id.ilpatlas.geo.classify.PrevalenceThresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The choropleth of a report's RWs for one indicator: classes from the data ({@link ClassBreaks}) or the WHO–UNICEF
 * prevalence levels ({@link PrevalenceThresholds}), with a legend whose labels a person reads ({@link ClassLabels}).
 * Data-driven legends list the classes that hold an RW; the WHO legend always lists its five levels.
 */
final class Choropleths {

    record ChoroplethRw(String regionCode, Double value, Integer classIndex, String color) {}

    record ChoroplethClass(
            int classIndex, double lower, Double upper, String label, String level, String color, int rwCount) {}

    record Choropleth(
            RwIndicator indicator,
            ClassificationMethod method,
            int classes,
            List<Double> breaks,
            List<String> colors,
            List<ChoroplethRw> rws,
            List<ChoroplethClass> legend) {}

    private Choropleths() {}

    /**
     * How an indicator's values are written in a legend, from its definition ({@link RwIndicator}): a count as whole
     * numbers, a proportion (per 1) as percent, a rate per 100,000 or per 1,000 without decimals.
     */
    static ClassLabels.Unit unit(RwIndicator indicator) {
        if (!indicator.isRate()) {
            return ClassLabels.Unit.COUNT;
        }
        return switch (indicator.per) {
            case 1 -> ClassLabels.Unit.PERCENT;
            case 100_000 -> ClassLabels.Unit.PER_100K;
            case 1_000 -> ClassLabels.Unit.PER_1000;
            default -> throw new IllegalStateException(indicator + " is per " + indicator.per + ": no legend unit");
        };
    }

    /** The WHO–UNICEF thresholds of an indicator, or a clear error naming {@code method} when it has none. */
    static PrevalenceThresholds thresholds(RwIndicator indicator) {
        return switch (indicator) {
            case STUNTING_PREVALENCE -> PrevalenceThresholds.of(PrevalenceThresholds.Indicator.STUNTING);
            case WASTING_PREVALENCE -> PrevalenceThresholds.of(PrevalenceThresholds.Indicator.WASTING);
            default ->
                throw new InvalidArgumentException(
                        "method",
                        ClassificationMethod.WHO_PREVALENCE_THRESHOLDS
                                + " is defined for STUNTING_PREVALENCE and WASTING_PREVALENCE only, not for indicator "
                                + indicator);
        };
    }

    /**
     * The choropleth of {@code rws} (RW rows only).
     *
     * @param value the value mapped of a row (its crude or its stable figure), null when unknown
     * @throws InvalidArgumentException for classes outside 1–9, or WHO thresholds on an indicator without them
     */
    static Choropleth of(
            List<AreaIndicators> rws,
            RwIndicator indicator,
            ClassificationMethod method,
            int classes,
            Function<AreaIndicators, Double> value) {
        if (classes < 1 || classes > 9) {
            throw new InvalidArgumentException("classes", "must be 1-9, was " + classes);
        }
        return method.dataDriven() == null
                ? byThresholds(rws, indicator, method, value)
                : byBreaks(rws, indicator, method, classes, value);
    }

    private static Choropleth byBreaks(
            List<AreaIndicators> rws,
            RwIndicator indicator,
            ClassificationMethod method,
            int classes,
            Function<AreaIndicators, Double> valueOf) {
        double[] values = rws.stream()
                .map(valueOf)
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .toArray();
        ClassBreaks breaks = ClassBreaks.of(method.dataDriven(), values, classes);
        List<String> colors = breaks.colors();
        int[] counts = new int[breaks.classes()];
        List<ChoroplethRw> out = new ArrayList<>(rws.size());
        for (AreaIndicators rw : rws) {
            Double value = valueOf.apply(rw);
            Integer cls = value == null ? null : breaks.classOf(value);
            if (cls != null) {
                counts[cls]++;
            }
            out.add(new ChoroplethRw(rw.regionCode(), value, cls, cls == null ? null : colors.get(cls)));
        }
        double[] b = breaks.breaks();
        List<String> labels = ClassLabels.of(b, unit(indicator));
        List<ChoroplethClass> legend = new ArrayList<>();
        for (int i = 0; i < breaks.classes(); i++) {
            if (counts[i] > 0) { // equal intervals may leave a class empty: not in the legend
                legend.add(new ChoroplethClass(i, b[i], b[i + 1], labels.get(i), null, colors.get(i), counts[i]));
            }
        }
        return new Choropleth(
                indicator, method, breaks.classes(), Arrays.stream(b).boxed().toList(), colors, out, legend);
    }

    private static Choropleth byThresholds(
            List<AreaIndicators> rws,
            RwIndicator indicator,
            ClassificationMethod method,
            Function<AreaIndicators, Double> valueOf) {
        PrevalenceThresholds thresholds = thresholds(indicator);
        List<String> colors = thresholds.colors();
        List<PrevalenceThresholds.Band> bands = thresholds.bands();
        int[] counts = new int[bands.size()];
        List<ChoroplethRw> out = new ArrayList<>(rws.size());
        for (AreaIndicators rw : rws) {
            Double value = valueOf.apply(rw);
            Integer cls = value == null ? null : thresholds.classOf(value);
            if (cls != null) {
                counts[cls]++;
            }
            out.add(new ChoroplethRw(rw.regionCode(), value, cls, cls == null ? null : colors.get(cls)));
        }
        List<ChoroplethClass> legend = new ArrayList<>();
        for (PrevalenceThresholds.Band band : bands) {
            int i = band.classIndex();
            legend.add(new ChoroplethClass(
                    i, band.lower(), band.upper(), band.label(), band.level(), colors.get(i), counts[i]));
        }
        return new Choropleth(
                indicator,
                method,
                bands.size(),
                Arrays.stream(thresholds.breaks()).boxed().toList(),
                colors,
                out,
                legend);
    }
}
