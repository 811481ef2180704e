package id.ilpatlas.geo.point;

/** What is wrong with a longitude/latitude pair, as reported by {@link PointCheck#check}. */
public enum PointProblem {
    /** Longitude or latitude is NaN or infinite. */
    NOT_FINITE,
    /** Longitude is outside -180..180 or latitude outside -90..90. */
    OUT_OF_RANGE,
    /** The pair is outside Indonesia, but (latitude, longitude) swapped would be inside. */
    SWAPPED_AXES,
    /** A valid coordinate, but outside the {@link IndonesiaBounds} box. */
    OUTSIDE_INDONESIA
}
