package id.ilpatlas.geo.growth;

/**
 * How the length/height was measured. The WHO standards expect recumbent length below 731 days (24
 * months) and standing height from 731 days on; a measurement in the other position is converted by
 * ±0.7 cm (see {@link GrowthStandards#assess(GrowthInput)}).
 */
public enum MeasurePosition {
    /** Recumbent length, the child lying on a length board (WHO code {@code "l"}). */
    LYING,
    /** Standing height, measured with a stadiometer (WHO code {@code "h"}). */
    STANDING
}
