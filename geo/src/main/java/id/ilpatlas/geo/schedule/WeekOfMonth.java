package id.ilpatlas.geo.schedule;

/**
 * Which occurrence of a weekday within a month a session falls on: the first to the fifth, or the
 * last.
 *
 * <p>{@link #FIFTH} does not exist in every month (a month has four or five of each weekday); {@link
 * #LAST} always exists and is the fourth or the fifth occurrence.
 */
public enum WeekOfMonth {
    /** The first such weekday of the month (day 1..7). */
    FIRST(1),
    /** The second such weekday of the month (day 8..14). */
    SECOND(2),
    /** The third such weekday of the month (day 15..21). */
    THIRD(3),
    /** The fourth such weekday of the month (day 22..28). */
    FOURTH(4),
    /** The fifth such weekday of the month (day 29..31); absent in months that have only four. */
    FIFTH(5),
    /** The last such weekday of the month (the fourth or the fifth). */
    LAST(-1);

    private final int ordinalNumber;

    WeekOfMonth(int ordinalNumber) {
        this.ordinalNumber = ordinalNumber;
    }

    /**
     * The occurrence number within the month.
     *
     * @return 1..5 for {@link #FIRST}..{@link #FIFTH}, -1 for {@link #LAST}
     */
    public int ordinalNumber() {
        return ordinalNumber;
    }

    /**
     * The week with that number, as stored ({@code posyandu_sessions.week_of_month}: 1–5, or -1 for the last).
     *
     * @throws IllegalArgumentException for any other number; the message names it
     */
    public static WeekOfMonth of(int ordinalNumber) {
        for (WeekOfMonth week : values()) {
            if (week.ordinalNumber == ordinalNumber) {
                return week;
            }
        }
        throw new IllegalArgumentException("week of month must be 1-5 or -1 (last), got " + ordinalNumber);
    }
}
