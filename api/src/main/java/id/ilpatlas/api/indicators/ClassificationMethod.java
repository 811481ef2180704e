package id.ilpatlas.api.indicators;

import id.ilpatlas.geo.classify.ClassBreaks;

/** How a choropleth's classes are made: from the data ({@link ClassBreaks}) or by fixed public-health thresholds. */
public enum ClassificationMethod {
    QUANTILE(ClassBreaks.Method.QUANTILE),
    EQUAL_INTERVAL(ClassBreaks.Method.EQUAL_INTERVAL),
    NATURAL_BREAKS(ClassBreaks.Method.NATURAL_BREAKS),
    /** The WHO–UNICEF 2018 prevalence levels (de Onis et al. 2019): {@link id.ilpatlas.geo.classify.PrevalenceThresholds}. */
    WHO_PREVALENCE_THRESHOLDS(null);

    private final ClassBreaks.Method breaks;

    ClassificationMethod(ClassBreaks.Method breaks) {
        this.breaks = breaks;
    }

    /** The data-driven method, or null for fixed thresholds. */
    ClassBreaks.Method dataDriven() {
        return breaks;
    }
}
