package id.ilpatlas.geo.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCalendarTest {

    private static final MonthlySession SECOND_TUESDAY =
            new MonthlySession(WeekOfMonth.SECOND, DayOfWeek.TUESDAY, LocalTime.of(8, 0), LocalTime.of(11, 0));
    private static final MonthlySession LAST_FRIDAY =
            new MonthlySession(WeekOfMonth.LAST, DayOfWeek.FRIDAY, LocalTime.of(7, 30), LocalTime.of(10, 0));
    private static final MonthlySession SECOND_TUESDAY_AFTERNOON =
            new MonthlySession(WeekOfMonth.SECOND, DayOfWeek.TUESDAY, LocalTime.of(13, 0), LocalTime.of(15, 0));

    @Test
    void mergesTwoSessionsInDateOrder() {
        List<SessionOccurrence> next =
                SessionCalendar.next(List.of(LAST_FRIDAY, SECOND_TUESDAY), LocalDate.of(2026, 11, 1), 5);

        assertThat(next)
                .extracting(SessionOccurrence::date)
                .containsExactly(
                        LocalDate.of(2026, 11, 10),
                        LocalDate.of(2026, 11, 27),
                        LocalDate.of(2026, 12, 8),
                        LocalDate.of(2026, 12, 25),
                        LocalDate.of(2027, 1, 12));
        assertThat(next)
                .extracting(SessionOccurrence::session)
                .containsExactly(SECOND_TUESDAY, LAST_FRIDAY, SECOND_TUESDAY, LAST_FRIDAY, SECOND_TUESDAY);
    }

    @Test
    void sameDateTiesAreOrderedByStartTime() {
        List<SessionOccurrence> next =
                SessionCalendar.next(List.of(SECOND_TUESDAY_AFTERNOON, SECOND_TUESDAY), LocalDate.of(2026, 11, 1), 3);

        assertThat(next)
                .containsExactly(
                        new SessionOccurrence(LocalDate.of(2026, 11, 10), SECOND_TUESDAY),
                        new SessionOccurrence(LocalDate.of(2026, 11, 10), SECOND_TUESDAY_AFTERNOON),
                        new SessionOccurrence(LocalDate.of(2026, 12, 8), SECOND_TUESDAY));
    }

    @Test
    void sameMeetingIsListedOnceKeepingTheFirstSession() {
        MonthlySession fifthTuesday =
                new MonthlySession(WeekOfMonth.FIFTH, DayOfWeek.TUESDAY, LocalTime.of(8, 0), LocalTime.of(11, 0));
        MonthlySession lastTuesday =
                new MonthlySession(WeekOfMonth.LAST, DayOfWeek.TUESDAY, LocalTime.of(8, 0), LocalTime.of(11, 0));

        // December 2026 has five Tuesdays: the 5th and the last one are the same meeting on Dec 29.
        List<SessionOccurrence> next =
                SessionCalendar.next(List.of(fifthTuesday, lastTuesday, lastTuesday), LocalDate.of(2026, 12, 1), 3);

        assertThat(next)
                .containsExactly(
                        new SessionOccurrence(LocalDate.of(2026, 12, 29), fifthTuesday),
                        new SessionOccurrence(LocalDate.of(2027, 1, 26), lastTuesday),
                        new SessionOccurrence(LocalDate.of(2027, 2, 23), lastTuesday));
    }

    @Test
    void fromOnASessionDayIsIncluded() {
        assertThat(SessionCalendar.next(List.of(SECOND_TUESDAY, LAST_FRIDAY), LocalDate.of(2026, 11, 27), 1))
                .containsExactly(new SessionOccurrence(LocalDate.of(2026, 11, 27), LAST_FRIDAY));
    }

    @Test
    void resultIsSortedDistinctAndComplete() {
        List<SessionOccurrence> next = SessionCalendar.next(
                List.of(SECOND_TUESDAY, LAST_FRIDAY, SECOND_TUESDAY_AFTERNOON, SECOND_TUESDAY),
                LocalDate.of(2026, 1, 1),
                120);

        assertThat(next).hasSize(120).doesNotHaveDuplicates();
        assertThat(next).extracting(SessionOccurrence::start).isSorted();
        // three distinct meetings a month: 40 months
        assertThat(next.get(119).date()).isEqualTo(LocalDate.of(2029, 4, 27));
    }

    @Test
    void emptySessionsOrZeroCountGiveNothing() {
        assertThat(SessionCalendar.next(List.of(), LocalDate.of(2026, 1, 1), 10))
                .isEmpty();
        assertThat(SessionCalendar.next(List.of(SECOND_TUESDAY), LocalDate.of(2026, 1, 1), 0))
                .isEmpty();
    }

    @Test
    void occurrenceStartAndEnd() {
        SessionOccurrence occurrence = new SessionOccurrence(LocalDate.of(2026, 11, 27), LAST_FRIDAY);

        assertThat(occurrence.start()).isEqualTo(LocalDateTime.of(2026, 11, 27, 7, 30));
        assertThat(occurrence.end()).isEqualTo(LocalDateTime.of(2026, 11, 27, 10, 0));
    }

    @Test
    void rejectsBadArguments() {
        LocalDate from = LocalDate.of(2026, 1, 1);

        assertThatThrownBy(() -> SessionCalendar.next(List.of(SECOND_TUESDAY), from, 121))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be 0..120, got 121");
        assertThatThrownBy(() -> SessionCalendar.next(List.of(SECOND_TUESDAY), from, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionCalendar.next(null, from, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SessionCalendar.next(List.of(SECOND_TUESDAY), null, 1))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SessionCalendar.next(Arrays.asList(SECOND_TUESDAY, null), from, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("sessions[1]");
        assertThatThrownBy(() -> new SessionOccurrence(null, SECOND_TUESDAY)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SessionOccurrence(from, null)).isInstanceOf(NullPointerException.class);
    }
}
