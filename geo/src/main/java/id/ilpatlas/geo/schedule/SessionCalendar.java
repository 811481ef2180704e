package id.ilpatlas.geo.schedule;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Merges the dates of several {@link MonthlySession}s (e.g. all posyandu of one RW) into one calendar. */
public final class SessionCalendar {

    /** Date, then start time, then end time; {@link List#sort} is stable, so other ties keep input order. */
    private static final Comparator<SessionOccurrence> CHRONOLOGICAL = Comparator.comparing(SessionOccurrence::date)
            .thenComparing(o -> o.session().startTime())
            .thenComparing(o -> o.session().endTime());

    private SessionCalendar() {}

    /**
     * The first {@code count} session occurrences on or after {@code from} of all {@code sessions}
     * merged, each with the session that produced it.
     *
     * <p>Order: by date, then start time, then end time, then position in {@code sessions}. Distinct: an
     * occurrence with the same date, start time and end time as an earlier one is dropped (the same
     * meeting, e.g. from a session listed twice, or "5th Tuesday" and "last Tuesday" in a month with five
     * Tuesdays); the session listed first is kept.
     *
     * @param sessions the recurring sessions, possibly empty
     * @param from first date that may be returned (inclusive)
     * @param count how many occurrences, 0..{@value MonthlySession#MAX_COUNT}
     * @return an unmodifiable list of {@code count} occurrences, or none when {@code sessions} is empty
     * @throws NullPointerException if {@code sessions}, one of its elements or {@code from} is null
     * @throws IllegalArgumentException if {@code count} is outside 0..{@value MonthlySession#MAX_COUNT}
     */
    public static List<SessionOccurrence> next(List<MonthlySession> sessions, LocalDate from, int count) {
        Objects.requireNonNull(sessions, "sessions must not be null");
        Objects.requireNonNull(from, "from must not be null");
        MonthlySession.checkCount(count);
        List<SessionOccurrence> all = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            MonthlySession session = Objects.requireNonNull(sessions.get(i), "sessions[" + i + "] must not be null");
            // Each session alone yields `count` dates; the merged first `count` are among them.
            for (LocalDate date : session.nextDates(from, count)) {
                all.add(new SessionOccurrence(date, session));
            }
        }
        all.sort(CHRONOLOGICAL);
        Set<Meeting> seen = new HashSet<>();
        List<SessionOccurrence> result = new ArrayList<>(count);
        for (SessionOccurrence occurrence : all) {
            if (result.size() == count) {
                break;
            }
            MonthlySession s = occurrence.session();
            if (seen.add(new Meeting(occurrence.date(), s.startTime(), s.endTime()))) {
                result.add(occurrence);
            }
        }
        return List.copyOf(result);
    }

    /** What makes two occurrences the same meeting. */
    private record Meeting(LocalDate date, LocalTime start, LocalTime end) {}
}
