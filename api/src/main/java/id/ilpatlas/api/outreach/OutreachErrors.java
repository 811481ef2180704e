package id.ilpatlas.api.outreach;

import id.ilpatlas.api.calendar.DayOff;
import id.ilpatlas.api.graphql.UserError;
import java.time.LocalDate;
import java.util.List;

/** The typed {@code UserError}s of {@code planOutreach}; each record's simple name is its GraphQL type. */
public final class OutreachErrors {

    private OutreachErrors() {}

    /**
     * A service day before today (Asia/Jakarta): an explicit date ({@code field} names its index), or a month that has
     * ended ({@code date} is its last day).
     */
    public record PastServiceDateError(String message, List<String> field, LocalDate date, LocalDate today)
            implements UserError {}

    /** An explicit service date that is a day off of the plan's kab/kota ({@code field} names its index). */
    public record ServiceDayOffError(String message, List<String> field, LocalDate date, DayOff dayOff)
            implements UserError {}

    /** The base runs no active Pusling unit (see {@code puslingUnits}). */
    public record NoPuslingUnitError(String message, List<String> field, String facilityId) implements UserError {}
}
