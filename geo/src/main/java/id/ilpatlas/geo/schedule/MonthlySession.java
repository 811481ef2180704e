package id.ilpatlas.geo.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A posyandu session that recurs monthly on the {@code week}-th {@code dayOfWeek} of the month, from
 * {@code startTime} to {@code endTime} (local times, same day), e.g. "2nd Tuesday of each month,
 * 08:00–11:00".
 *
 * @param week which occurrence of {@code dayOfWeek} in the month
 * @param dayOfWeek the weekday of the session
 * @param startTime local start time
 * @param endTime local end time, strictly after {@code startTime} (sessions do not cross midnight)
 */
public record MonthlySession(WeekOfMonth week, DayOfWeek dayOfWeek, LocalTime startTime, LocalTime endTime) {

    /** Largest {@code count} accepted by {@link #nextDates(LocalDate, int)} (ten years of sessions). */
    public static final int MAX_COUNT = 120;

    private static final String EN_DASH = "\u2013";
    private static final String[] ENGLISH_DAYS = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    };
    private static final String[] INDONESIAN_DAYS = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is null; the message names it
     * @throws IllegalArgumentException if {@code endTime} is not after {@code startTime}, e.g.
     *     {@code "endTime must be after startTime (08:00 >= 07:00)"}
     */
    public MonthlySession {
        Objects.requireNonNull(week, "week must not be null");
        Objects.requireNonNull(dayOfWeek, "dayOfWeek must not be null");
        Objects.requireNonNull(startTime, "startTime must not be null");
        Objects.requireNonNull(endTime, "endTime must not be null");
        if (!endTime.isAfter(startTime)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "endTime must be after startTime (%s >= %s)",
                    clock(startTime, ':'),
                    clock(endTime, ':')));
        }
    }

    /**
     * The dates of the next {@code count} sessions on or after {@code from}, ascending. A session on
     * {@code from} itself counts. For {@link WeekOfMonth#FIFTH}, months without a fifth such weekday are
     * skipped.
     *
     * @param from first date that may be returned
     * @param count how many dates, 0..{@value #MAX_COUNT}
     * @return an unmodifiable list of exactly {@code count} dates
     * @throws NullPointerException if {@code from} is null
     * @throws IllegalArgumentException if {@code count} is outside 0..{@value #MAX_COUNT}
     */
    public List<LocalDate> nextDates(LocalDate from, int count) {
        Objects.requireNonNull(from, "from must not be null");
        checkCount(count);
        List<LocalDate> dates = new ArrayList<>(count);
        YearMonth month = YearMonth.from(from);
        while (dates.size() < count) {
            Optional<LocalDate> date = dateIn(month);
            if (date.isPresent() && !date.get().isBefore(from)) {
                dates.add(date.get());
            }
            month = month.plusMonths(1);
        }
        return List.copyOf(dates);
    }

    /**
     * The session date in {@code month}.
     *
     * @param month a calendar month
     * @return the date, or empty for {@link WeekOfMonth#FIFTH} in a month with only four such weekdays
     * @throws NullPointerException if {@code month} is null
     */
    public Optional<LocalDate> dateIn(YearMonth month) {
        Objects.requireNonNull(month, "month must not be null");
        if (week == WeekOfMonth.LAST) {
            return Optional.of(month.atEndOfMonth().with(TemporalAdjusters.lastInMonth(dayOfWeek)));
        }
        LocalDate date =
                month.atDay(1).with(TemporalAdjusters.firstInMonth(dayOfWeek)).plusWeeks(week.ordinalNumber() - 1L);
        return YearMonth.from(date).equals(month) ? Optional.of(date) : Optional.empty();
    }

    /**
     * English description, e.g. {@code "2nd Tuesday of each month, 08:00–11:00"}, {@code "last Friday of
     * each month, 07:30–10:00"} or {@code "5th Monday of the month when there is one, 08:00–11:00"}.
     * Times are 24-hour {@code HH:mm} (with {@code :ss} when seconds are set), joined by an en dash.
     */
    public String describe() {
        String day = ENGLISH_DAYS[dayOfWeek.ordinal()];
        String when = switch (week) {
            case LAST -> "last " + day + " of each month";
            case FIFTH -> "5th " + day + " of the month when there is one";
            default -> englishOrdinal(week.ordinalNumber()) + " " + day + " of each month";
        };
        return when + ", " + clock(startTime, ':') + EN_DASH + clock(endTime, ':');
    }

    /**
     * Indonesian description, e.g. {@code "Selasa minggu ke-2 setiap bulan, 08.00–11.00"}, {@code "Jumat
     * minggu terakhir setiap bulan, 07.30–10.00"} or, for {@link WeekOfMonth#FIFTH}, {@code "Senin minggu
     * ke-5 setiap bulan (bila ada), 08.00–11.00"}. Times use the Indonesian {@code HH.mm} notation.
     */
    public String describeIndonesian() {
        String day = INDONESIAN_DAYS[dayOfWeek.ordinal()];
        String when = switch (week) {
            case LAST -> day + " minggu terakhir setiap bulan";
            case FIFTH -> day + " minggu ke-5 setiap bulan (bila ada)";
            default -> day + " minggu ke-" + week.ordinalNumber() + " setiap bulan";
        };
        return when + ", " + clock(startTime, '.') + EN_DASH + clock(endTime, '.');
    }

    // ---------------------------------------------------------------------------------------------

    static void checkCount(int count) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "count must be 0..%d, got %d", MAX_COUNT, count));
        }
    }

    private static String englishOrdinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    /** {@code HH<sep>mm}, plus {@code <sep>ss} when the seconds are not zero; sub-seconds are ignored. */
    private static String clock(LocalTime time, char separator) {
        String hm = String.format(Locale.ROOT, "%02d%c%02d", time.getHour(), separator, time.getMinute());
        return time.getSecond() == 0 ? hm : hm + String.format(Locale.ROOT, "%c%02d", separator, time.getSecond());
    }
}
