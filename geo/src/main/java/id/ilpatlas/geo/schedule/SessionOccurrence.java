package id.ilpatlas.geo.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One concrete meeting: the date a {@link MonthlySession} falls on.
 *
 * @param date the session date
 * @param session the recurring session that produced {@code date}
 */
public record SessionOccurrence(LocalDate date, MonthlySession session) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code date} or {@code session} is null
     */
    public SessionOccurrence {
        Objects.requireNonNull(date, "date must not be null");
        Objects.requireNonNull(session, "session must not be null");
    }

    /** Local start: {@code date} at the session's start time. */
    public LocalDateTime start() {
        return date.atTime(session.startTime());
    }

    /** Local end: {@code date} at the session's end time (same day, after {@link #start()}). */
    public LocalDateTime end() {
        return date.atTime(session.endTime());
    }
}
