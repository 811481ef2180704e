package id.ilpatlas.api.indicators;

/**
 * How an indicator moved from one period to the next, judged by the way it should move (GraphQL enum {@code Trend}):
 * a rise in coverage is good news, a rise in stunting or deaths bad news, a rise in births neither.
 */
public enum Trend {
    /** Moved the desirable way. */
    IMPROVED,
    /** Moved the undesirable way. */
    WORSENED,
    /** Both values known and equal. */
    UNCHANGED,
    /** The indicator has no desirable direction, or either value is unknown (suppressed or undefined). */
    NOT_COMPARABLE;

    /** The way an indicator should move. */
    public enum Desirable {
        /** Higher is better (coverage). */
        UP,
        /** Lower is better (burden: stunting, TB, deaths). */
        DOWN,
        /** Neither (births, targets: a change is not good or bad news by itself). */
        NONE
    }

    /** The trend from {@code previous} to {@code value} of an indicator that should move {@code desirable}. */
    public static Trend of(Desirable desirable, Double value, Double previous) {
        if (desirable == Desirable.NONE || value == null || previous == null) {
            return NOT_COMPARABLE;
        }
        if (value.doubleValue() == previous.doubleValue()) {
            return UNCHANGED;
        }
        return (value > previous) == (desirable == Desirable.UP) ? IMPROVED : WORSENED;
    }
}
