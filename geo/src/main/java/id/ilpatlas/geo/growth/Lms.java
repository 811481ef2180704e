package id.ilpatlas.geo.growth;

/**
 * One row of a WHO LMS table: Box-Cox power {@code l}, median {@code m} and coefficient of
 * variation {@code s}. The formulas follow the WHO MGRS technical report (2006), chapter 7, in the
 * operation order of the WHO Anthro R package, so that rounding to two decimals gives the same
 * results. {@link StrictMath#pow} makes the results identical on every JVM.
 */
record Lms(double l, double m, double s) {

    /** The plain LMS z-score {@code ((y / m)^l − 1) / (s·l)}; no table has {@code l = 0}. */
    double z(double y) {
        return (StrictMath.pow(y / m, l) - 1) / (s * l);
    }

    /** The measurement at {@code sd} standard deviations: {@code m·(1 + l·s·sd)^(1/l)}. */
    double measurementAt(double sd) {
        return m * StrictMath.pow(1 + l * s * sd, 1 / l);
    }

    /**
     * The z-score of {@code y} with the WHO restricted application of the LMS method beyond ±3 SD:
     * the distance past SD3 (or SD-3) is measured in units of the SD2–SD3 (or SD-3–SD-2) distance.
     */
    double adjustedZ(double y) {
        double z = z(y);
        if (z > 3) {
            double sd3 = measurementAt(3);
            return 3 + (y - sd3) / (sd3 - measurementAt(2));
        }
        if (z < -3) {
            double sd3neg = measurementAt(-3);
            return -3 + (y - sd3neg) / (measurementAt(-2) - sd3neg);
        }
        return z;
    }

    /** Linear interpolation of l, m and s: {@code this + weight·(upper − this)} for each. */
    Lms interpolate(Lms upper, double weight) {
        return new Lms(l + weight * (upper.l - l), m + weight * (upper.m - m), s + weight * (upper.s - s));
    }
}
