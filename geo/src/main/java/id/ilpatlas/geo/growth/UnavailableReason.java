package id.ilpatlas.geo.growth;

/** Why a z-score of a {@link GrowthAssessment} could not be computed (WHO Anthro's NA). */
public enum UnavailableReason {
    /** An input the index needs is missing: the age, the weight, the length/height or the head circumference. */
    MISSING_INPUT,
    /** The age is beyond the WHO tables: they end at 1826 days (under 60 months). */
    AGE_OUT_OF_RANGE,
    /**
     * The length/height is outside the weight-for-length table (45–110 cm, below 731 days) or the
     * weight-for-height table (65–120 cm, from 731 days).
     */
    LENGTH_HEIGHT_OUT_OF_RANGE,
    /** A measurement is zero or negative. */
    INVALID_MEASUREMENT,
    /** Bilateral pitting oedema: the weight-based z-scores are not computed (the weight is not the child's). */
    OEDEMA
}
