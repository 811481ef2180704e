package id.ilpatlas.geo.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonthlySessionTest {

    private static final LocalTime EIGHT = LocalTime.of(8, 0);
    private static final LocalTime ELEVEN = LocalTime.of(11, 0);

    private static MonthlySession session(WeekOfMonth week, DayOfWeek day) {
        return new MonthlySession(week, day, EIGHT, ELEVEN);
    }

    @Test
    void aWeekOfMonthIsFoundByItsStoredNumber() {
        for (WeekOfMonth week : WeekOfMonth.values()) {
            assertThat(WeekOfMonth.of(week.ordinalNumber())).isEqualTo(week);
        }
        assertThatThrownBy(() -> WeekOfMonth.of(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> WeekOfMonth.of(6)).hasMessageContaining("got 6");
    }

    @Test
    void ordinalNumbers() {
        assertThat(WeekOfMonth.values()).extracting(WeekOfMonth::ordinalNumber).containsExactly(1, 2, 3, 4, 5, -1);
    }

    // Literals checked against a day-by-day java.time listing of each month.
    @ParameterizedTest(name = "[{index}] {0} {1} of {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
      SECOND|TUESDAY|2026-11|2026-11-10
      FIRST|TUESDAY|2026-11|2026-11-03
      FOURTH|TUESDAY|2026-11|2026-11-24
      FIRST|TUESDAY|2026-12|2026-12-01
      FIFTH|TUESDAY|2026-12|2026-12-29
      SECOND|TUESDAY|2027-01|2027-01-12
      THIRD|WEDNESDAY|2026-03|2026-03-18
      FIRST|MONDAY|2026-06|2026-06-01
      FIFTH|MONDAY|2026-06|2026-06-29
      FIFTH|THURSDAY|2024-02|2024-02-29
      LAST|FRIDAY|2027-02|2027-02-26
      LAST|SATURDAY|2026-02|2026-02-28
      LAST|FRIDAY|2028-02|2028-02-25
      LAST|TUESDAY|2028-02|2028-02-29
      LAST|FRIDAY|2026-04|2026-04-24
      LAST|MONDAY|2026-11|2026-11-30
      LAST|FRIDAY|2026-01|2026-01-30
      LAST|SATURDAY|2026-01|2026-01-31
      LAST|THURSDAY|2026-03|2026-03-26
      """)
    void dateInKnownMonths(WeekOfMonth week, DayOfWeek day, String month, String expected) {
        assertThat(session(week, day).dateIn(YearMonth.parse(month))).contains(LocalDate.parse(expected));
    }

    @ParameterizedTest(name = "[{index}] no 5th {0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
      TUESDAY|2026-11
      MONDAY|2026-02
      FRIDAY|2027-02
      FRIDAY|2028-02
      THURSDAY|2026-03
      MONDAY|2027-01
      """)
    void fifthAbsentInMonthsWithFourSuchWeekdays(DayOfWeek day, String month) {
        assertThat(session(WeekOfMonth.FIFTH, day).dateIn(YearMonth.parse(month)))
                .isEmpty();
    }

    @Test
    void fifthMondaySkipsMonthsWithoutOne() {
        // 2026 fifth Mondays: Mar 30, Jun 29, Aug 31, Nov 30; then Mar 29, 2027.
        assertThat(session(WeekOfMonth.FIFTH, DayOfWeek.MONDAY).nextDates(LocalDate.of(2026, 1, 1), 5))
                .containsExactly(
                        LocalDate.of(2026, 3, 30),
                        LocalDate.of(2026, 6, 29),
                        LocalDate.of(2026, 8, 31),
                        LocalDate.of(2026, 11, 30),
                        LocalDate.of(2027, 3, 29));
    }

    @Test
    void nextDatesOfSecondTuesday() {
        assertThat(session(WeekOfMonth.SECOND, DayOfWeek.TUESDAY).nextDates(LocalDate.of(2026, 11, 1), 3))
                .containsExactly(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 12, 8), LocalDate.of(2027, 1, 12));
    }

    @Test
    void sessionOnFromItselfIsIncluded() {
        MonthlySession secondTuesday = session(WeekOfMonth.SECOND, DayOfWeek.TUESDAY);

        assertThat(secondTuesday.nextDates(LocalDate.of(2026, 11, 10), 2))
                .containsExactly(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 12, 8));
        assertThat(secondTuesday.nextDates(LocalDate.of(2026, 11, 11), 1)).containsExactly(LocalDate.of(2026, 12, 8));
    }

    @Test
    void rollsOverFromDecemberToJanuary() {
        assertThat(session(WeekOfMonth.SECOND, DayOfWeek.TUESDAY).nextDates(LocalDate.of(2026, 12, 9), 2))
                .containsExactly(LocalDate.of(2027, 1, 12), LocalDate.of(2027, 2, 9));
        assertThat(session(WeekOfMonth.LAST, DayOfWeek.FRIDAY).nextDates(LocalDate.of(2027, 12, 31), 2))
                .containsExactly(LocalDate.of(2027, 12, 31), LocalDate.of(2028, 1, 28));
    }

    @Test
    void lastAcrossMonthLengthsIncludingLeapFebruary() {
        // 2028 is a leap year: Feb 29, 2028 is a Tuesday.
        assertThat(session(WeekOfMonth.LAST, DayOfWeek.TUESDAY).nextDates(LocalDate.of(2028, 1, 1), 4))
                .containsExactly(
                        LocalDate.of(2028, 1, 25),
                        LocalDate.of(2028, 2, 29),
                        LocalDate.of(2028, 3, 28),
                        LocalDate.of(2028, 4, 25));
    }

    @Test
    void zeroCountGivesNoDates() {
        assertThat(session(WeekOfMonth.FIRST, DayOfWeek.MONDAY).nextDates(LocalDate.of(2026, 1, 1), 0))
                .isEmpty();
    }

    @Test
    void maxCountGivesTenYears() {
        List<LocalDate> dates = session(WeekOfMonth.FIRST, DayOfWeek.MONDAY).nextDates(LocalDate.of(2026, 1, 1), 120);

        assertThat(dates).hasSize(120).isSorted().doesNotHaveDuplicates();
        assertThat(dates.get(119)).isEqualTo(LocalDate.of(2035, 12, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 121, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsCountOutOfRange(int count) {
        MonthlySession s = session(WeekOfMonth.FIRST, DayOfWeek.MONDAY);

        assertThatThrownBy(() -> s.nextDates(LocalDate.of(2026, 1, 1), count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be 0..120, got " + count);
    }

    @Test
    void rejectsNullArguments() {
        MonthlySession s = session(WeekOfMonth.FIRST, DayOfWeek.MONDAY);

        assertThatThrownBy(() -> s.nextDates(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("from");
        assertThatThrownBy(() -> s.dateIn(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("month");
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2}-{3}")
    @CsvSource(delimiter = '|', textBlock = """
      FIRST|MONDAY|08:00|11:00|1st Monday of each month, 08:00–11:00|Senin minggu ke-1 setiap bulan, 08.00–11.00
      SECOND|TUESDAY|08:00|11:00|2nd Tuesday of each month, 08:00–11:00|Selasa minggu ke-2 setiap bulan, 08.00–11.00
      THIRD|WEDNESDAY|09:15|12:45|3rd Wednesday of each month, 09:15–12:45|Rabu minggu ke-3 setiap bulan, 09.15–12.45
      FOURTH|THURSDAY|13:00|15:30|4th Thursday of each month, 13:00–15:30|Kamis minggu ke-4 setiap bulan, 13.00–15.30
      FIFTH|MONDAY|08:00|11:00|5th Monday of the month when there is one, 08:00–11:00|Senin minggu ke-5 setiap bulan (bila ada), 08.00–11.00
      LAST|FRIDAY|07:30|10:00|last Friday of each month, 07:30–10:00|Jumat minggu terakhir setiap bulan, 07.30–10.00
      FIRST|SATURDAY|08:00|11:00|1st Saturday of each month, 08:00–11:00|Sabtu minggu ke-1 setiap bulan, 08.00–11.00
      SECOND|SUNDAY|08:00|11:00|2nd Sunday of each month, 08:00–11:00|Minggu minggu ke-2 setiap bulan, 08.00–11.00
      FIRST|MONDAY|08:00:30|11:00|1st Monday of each month, 08:00:30–11:00|Senin minggu ke-1 setiap bulan, 08.00.30–11.00
      """)
    void describesInEnglishAndIndonesian(
            WeekOfMonth week, DayOfWeek day, String start, String end, String english, String indonesian) {
        MonthlySession s = new MonthlySession(week, day, LocalTime.parse(start), LocalTime.parse(end));

        assertThat(s.describe()).isEqualTo(english);
        assertThat(s.describeIndonesian()).isEqualTo(indonesian);
    }

    @Test
    void describeUsesEnDash() {
        assertThat(session(WeekOfMonth.SECOND, DayOfWeek.TUESDAY).describe())
                .contains("\u2013")
                .doesNotContain("-");
    }

    @Test
    void rejectsEndNotAfterStart() {
        LocalTime seven = LocalTime.of(7, 0);

        assertThatThrownBy(() -> new MonthlySession(WeekOfMonth.FIRST, DayOfWeek.MONDAY, EIGHT, seven))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endTime must be after startTime (08:00 >= 07:00)");
        assertThatThrownBy(() -> new MonthlySession(WeekOfMonth.FIRST, DayOfWeek.MONDAY, EIGHT, EIGHT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endTime must be after startTime (08:00 >= 08:00)");
    }

    @Test
    void rejectsNullComponentsNamingThem() {
        assertThatThrownBy(() -> new MonthlySession(null, DayOfWeek.MONDAY, EIGHT, ELEVEN))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("week");
        assertThatThrownBy(() -> new MonthlySession(WeekOfMonth.FIRST, null, EIGHT, ELEVEN))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dayOfWeek");
        assertThatThrownBy(() -> new MonthlySession(WeekOfMonth.FIRST, DayOfWeek.MONDAY, null, ELEVEN))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("startTime");
        assertThatThrownBy(() -> new MonthlySession(WeekOfMonth.FIRST, DayOfWeek.MONDAY, EIGHT, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("endTime");
    }

    @Test
    void matchesBruteForceDayByDayScan() {
        long seed = 20260417L;
        Random random = new Random(seed);
        for (int trial = 0; trial < 300; trial++) {
            WeekOfMonth week = WeekOfMonth.values()[random.nextInt(WeekOfMonth.values().length)];
            DayOfWeek day = DayOfWeek.of(1 + random.nextInt(7));
            LocalDate from = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(365 * 10));
            int count = random.nextInt(121);
            MonthlySession s = session(week, day);

            assertThat(s.nextDates(from, count))
                    .as("seed %d, trial %d: %s %s from %s, count %d", seed, trial, week, day, from, count)
                    .isEqualTo(bruteForce(week, day, from, count));
        }
    }

    @Test
    void dateInMatchesBruteForceForTenYears() {
        YearMonth end = YearMonth.of(2034, 1);
        for (YearMonth month = YearMonth.of(2024, 1); month.isBefore(end); month = month.plusMonths(1)) {
            for (WeekOfMonth week : WeekOfMonth.values()) {
                for (DayOfWeek day : DayOfWeek.values()) {
                    List<LocalDate> inMonth = bruteForceMonth(week, day, month);
                    Optional<LocalDate> expected = inMonth.isEmpty() ? Optional.empty() : Optional.of(inMonth.get(0));
                    assertThat(session(week, day).dateIn(month))
                            .as("%s %s of %s", week, day, month)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** Walks day by day, counting the weekday's occurrences in each month without java.time adjusters. */
    private static List<LocalDate> bruteForce(WeekOfMonth week, DayOfWeek day, LocalDate from, int count) {
        List<LocalDate> dates = new ArrayList<>();
        YearMonth month = YearMonth.from(from);
        while (dates.size() < count) {
            for (LocalDate date : bruteForceMonth(week, day, month)) {
                if (!date.isBefore(from) && dates.size() < count) {
                    dates.add(date);
                }
            }
            month = month.plusMonths(1);
        }
        return dates;
    }

    /** The (zero or one) matching date of {@code month}, by scanning every day. */
    private static List<LocalDate> bruteForceMonth(WeekOfMonth week, DayOfWeek day, YearMonth month) {
        List<LocalDate> matching = new ArrayList<>();
        for (LocalDate d = month.atDay(1); d.getMonth() == month.getMonth(); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == day) {
                matching.add(d);
            }
        }
        if (week == WeekOfMonth.LAST) {
            return List.of(matching.get(matching.size() - 1));
        }
        int n = week.ordinalNumber();
        return matching.size() >= n ? List.of(matching.get(n - 1)) : List.of();
    }
}
