package id.ilpatlas.geo.point;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a longitude/latitude pair typed by a person (EPSG:4326 degrees, x = longitude, y =
 * latitude).
 *
 * <p>The Indonesia test is the coarse {@link IndonesiaBounds} box; e.g. Singapore (103.82, 1.35)
 * passes.
 */
public final class PointCheck {

    private static final double MAX_LONGITUDE = 180;
    private static final double MAX_LATITUDE = 90;

    private PointCheck() {}

    /**
     * Checks a point.
     *
     * <p>Problems are tested in this order and the first one found is returned: {@link
     * PointProblem#NOT_FINITE}; {@link PointProblem#SWAPPED_AXES} (outside Indonesia, but swapped inside
     * — tested before the range check because a swapped pair usually has an out-of-range latitude, e.g.
     * longitude -6.89, latitude 109.65); {@link PointProblem#OUT_OF_RANGE}; {@link
     * PointProblem#OUTSIDE_INDONESIA}.
     *
     * @param longitude x, degrees east
     * @param latitude y, degrees north
     * @return empty when the point is finite, in range (longitude -180..180, latitude -90..90) and inside
     *     {@link IndonesiaBounds}; otherwise the first problem
     */
    public static Optional<PointProblem> check(double longitude, double latitude) {
        if (!Double.isFinite(longitude) || !Double.isFinite(latitude)) {
            return Optional.of(PointProblem.NOT_FINITE);
        }
        if (IndonesiaBounds.contains(longitude, latitude)) {
            return Optional.empty();
        }
        if (IndonesiaBounds.contains(latitude, longitude)) {
            return Optional.of(PointProblem.SWAPPED_AXES);
        }
        if (Math.abs(longitude) > MAX_LONGITUDE || Math.abs(latitude) > MAX_LATITUDE) {
            return Optional.of(PointProblem.OUT_OF_RANGE);
        }
        return Optional.of(PointProblem.OUTSIDE_INDONESIA);
    }

    /**
     * A human sentence (English) for {@code problem}, naming the values as given, e.g. {@code "longitude
     * -6.8937 and latitude 109.6487 look swapped: Indonesia lies at longitude 94.7..141.2 and latitude
     * -11.2..6.3; did you mean longitude 109.6487, latitude -6.8937?"}.
     *
     * <p>Numbers are printed in plain decimal notation without trailing zeros ({@code 200}, not {@code
     * 200.0}); NaN and infinities as {@code NaN}, {@code Infinity}, {@code -Infinity}. The sentence does
     * not re-check the point: it describes {@code problem} as if it applied.
     *
     * @param problem the problem, usually from {@link #check}
     * @param longitude x, degrees east, as passed to {@link #check}
     * @param latitude y, degrees north, as passed to {@link #check}
     * @return the sentence
     * @throws NullPointerException if {@code problem} is null
     */
    public static String describe(PointProblem problem, double longitude, double latitude) {
        Objects.requireNonNull(problem, "problem must not be null");
        String lon = number(longitude);
        String lat = number(latitude);
        String box = "longitude " + number(IndonesiaBounds.WEST) + ".." + number(IndonesiaBounds.EAST)
                + " and latitude " + number(IndonesiaBounds.SOUTH) + ".." + number(IndonesiaBounds.NORTH);
        return switch (problem) {
            case NOT_FINITE ->
                String.format(Locale.ROOT, "longitude %s and latitude %s must both be finite numbers", lon, lat);
            case OUT_OF_RANGE ->
                String.format(
                        Locale.ROOT,
                        "longitude %s and latitude %s are out of range: longitude must be -180..180 and latitude -90..90",
                        lon,
                        lat);
            case SWAPPED_AXES ->
                String.format(
                        Locale.ROOT,
                        "longitude %s and latitude %s look swapped: Indonesia lies at %s;"
                                + " did you mean longitude %s, latitude %s?",
                        lon,
                        lat,
                        box,
                        lat,
                        lon);
            case OUTSIDE_INDONESIA ->
                String.format(
                        Locale.ROOT,
                        "longitude %s and latitude %s lie outside Indonesia: Indonesia lies at %s",
                        lon,
                        lat,
                        box);
        };
    }

    /** Shortest plain decimal that round-trips, without trailing zeros; NaN/Infinity as Java prints them. */
    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0"; // also for -0.0
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
