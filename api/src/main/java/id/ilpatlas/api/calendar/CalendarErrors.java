package id.ilpatlas.api.calendar;

import id.ilpatlas.api.graphql.UserError;
import java.time.LocalDate;
import java.util.List;

/** The typed {@code UserError}s of the calendar mutations; each record's simple name is its GraphQL type. */
public final class CalendarErrors {

    private CalendarErrors() {}

    /** The kab/kota already has a day off on that date (its own, or a national one). */
    public record DayOffExistsError(String message, List<String> field, DayOff existing) implements UserError {}

    /** The kab/kota has no day off of its own on that date. */
    public record DayOffNotFoundError(String message, List<String> field, LocalDate date) implements UserError {}
}
