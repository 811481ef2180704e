package id.ilpatlas.api.cases.aggregate;

/** Why a count or indicator is null (GraphQL enum {@code MissingReason}): no data is not zero. */
public enum MissingReason {
    /** No import of the register covers any day of the period. */
    NO_DATA,
    /** The register's imports cover only part of the period: a count would understate it. */
    PARTIAL_PERIOD,
    /** Withheld by small-cell suppression for this caller. */
    SUPPRESSED,
    /** The rate's denominator is 0 (nobody measured, no population, no birth). */
    NO_DENOMINATOR
}
