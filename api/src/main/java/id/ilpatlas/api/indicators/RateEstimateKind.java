package id.ilpatlas.api.indicators;

/** Which estimate of a rate a layer or ranking uses (GraphQL enum {@code RateEstimateKind}). */
public enum RateEstimateKind {
    /** The crude rate. */
    CRUDE,
    /** {@link RateEstimate#stable()}: an RW's local empirical-Bayes estimate. */
    STABLE;

    /** The indicator's value in a row by this estimate (a count is itself either way). */
    public Double of(AreaIndicators row, RwIndicator indicator) {
        return this == STABLE ? row.stableValue(indicator) : row.value(indicator);
    }
}
