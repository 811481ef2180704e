package id.ilpatlas.api.visits;

import id.ilpatlas.api.graphql.UserError;
import java.time.LocalDate;
import java.util.List;

/** The typed {@code UserError}s of {@code recordOutreachVisit}; each record's simple name is its GraphQL type. */
public final class OutreachVisitErrors {

    private OutreachVisitErrors() {}

    /** Visits are recorded only on a PUBLISHED or COMPLETED plan. */
    public record PlanNotPublishedError(String message, List<String> field, String planId, String status)
            implements UserError {}

    /** The RW is not a stop of the plan. */
    public record RwNotInPlanError(String message, List<String> field, String planId, String rwCode)
            implements UserError {}

    /** A visit date after today (Asia/Jakarta). */
    public record FutureVisitDateError(String message, List<String> field, LocalDate date, LocalDate today)
            implements UserError {}

    /** A planned visit dated outside the plan's month. */
    public record VisitOutsidePlanMonthError(String message, List<String> field, LocalDate date, String month)
            implements UserError {}
}
