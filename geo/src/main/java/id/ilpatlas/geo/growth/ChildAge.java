package id.ilpatlas.geo.growth;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The age of a child at the measurement, as the WHO Anthro software uses it: a whole number of days
 * for the table lookup and the exact (unrounded) age in months for the "under 60 months" and "under
 * 9 months" rules.
 *
 * <p>A month is {@value #DAYS_PER_MONTH} days. From an age in months, the day is {@code months ×
 * 30.4375} rounded half up, so 24 months is day 731 (730.5 rounded up), yet 60.0 months, day 1826,
 * is not under 60 months.
 *
 * @param days the age in whole days, rounded half up from the exact age, ≥ 0
 * @param months the exact age in months, ≥ 0; {@code months × 30.4375} rounds half up to {@code
 *     days}
 */
public record ChildAge(int days, double months) {

    /** Days per month used to convert between ages in days and in months (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 30.4375;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code days} is negative, {@code months} is negative or not
     *     finite, or the two do not agree (|{@code months × 30.4375 − days}| &gt; 0.5)
     */
    public ChildAge {
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0, got " + days);
        }
        if (!Double.isFinite(months) || months < 0) {
            throw new IllegalArgumentException("months must be finite and >= 0, got " + months);
        }
        if (Math.abs(months * DAYS_PER_MONTH - days) > 0.5 + 1e-9) {
            throw new IllegalArgumentException(
                    "months " + months + " (" + months * DAYS_PER_MONTH + " days) does not round to " + days + " days");
        }
    }

    /**
     * An age given in whole days.
     *
     * @param days the age in days, ≥ 0
     * @return the age, with {@code months = days / 30.4375}
     * @throws IllegalArgumentException if {@code days} is negative
     */
    public static ChildAge ofDays(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0, got " + days);
        }
        return new ChildAge(days, days / DAYS_PER_MONTH);
    }

    /**
     * An age given in (possibly fractional) months, e.g. 22.45.
     *
     * @param months the exact age in months, ≥ 0
     * @return the age, with {@code days} = {@code months × 30.4375} rounded half up
     * @throws IllegalArgumentException if {@code months} is negative or not finite
     */
    public static ChildAge ofMonths(double months) {
        if (!Double.isFinite(months) || months < 0) {
            throw new IllegalArgumentException("months must be finite and >= 0, got " + months);
        }
        double exactDays = months * DAYS_PER_MONTH;
        if (exactDays > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("months too large: " + months);
        }
        return new ChildAge((int) roundHalfUp(exactDays), months);
    }

    /**
     * The age between two dates: the exact number of days (an integer, so no rounding is needed).
     *
     * @param birthDate date of birth
     * @param measuredOn date of the measurement, not before {@code birthDate}
     * @return the age
     * @throws NullPointerException if a date is null
     * @throws IllegalArgumentException if {@code measuredOn} is before {@code birthDate}
     */
    public static ChildAge between(LocalDate birthDate, LocalDate measuredOn) {
        Objects.requireNonNull(birthDate, "birthDate must not be null");
        Objects.requireNonNull(measuredOn, "measuredOn must not be null");
        long days = ChronoUnit.DAYS.between(birthDate, measuredOn);
        if (days < 0) {
            throw new IllegalArgumentException("measuredOn " + measuredOn + " is before birthDate " + birthDate);
        }
        return ofDays(Math.toIntExact(days));
    }

    /**
     * Whether the child is under 60 months (exact age); only then are age-based z-scores computed.
     *
     * @return {@code months < 60}
     */
    public boolean isUnderFiveYears() {
        return months < 60;
    }

    /**
     * Whether the child is under 9 months (exact age); a standing height is then considered
     * implausible.
     *
     * @return {@code months < 9}
     */
    public boolean isUnderNineMonths() {
        return months < 9;
    }

    /** Round half up of a non-negative number, as the WHO Anthro R package's {@code round_up}. */
    static double roundHalfUp(double x) {
        double floor = Math.floor(x);
        return x - floor >= 0.5 ? floor + 1 : floor;
    }
}
