package id.ilpatlas.api.outreach;

import id.ilpatlas.api.graphql.UserError;
import java.time.LocalDate;
import java.util.List;

/** The typed {@code UserError}s of the plan lifecycle mutations; each record's simple name is its GraphQL type. */
public final class OutreachPlanLifecycleErrors {

    private OutreachPlanLifecycleErrors() {}

    /** No outreach plan has this id. */
    public record OutreachPlanNotFoundError(String message, List<String> field, String id) implements UserError {}

    /** A lifecycle step not allowed from the plan's status; {@code requestedStatus} null for a deletion. */
    public record InvalidPlanTransitionError(
            String message, List<String> field, String currentStatus, String requestedStatus) implements UserError {}

    /** Another plan is already the PUBLISHED (or COMPLETED) plan of the same base and month. */
    public record PlanAlreadyPublishedError(
            String message,
            List<String> field,
            String publishedPlanId,
            String publishedPlanName,
            String depotFacilityId,
            String month,
            String publishedPlanStatus)
            implements UserError {}

    /** Completing a plan before its last service day. */
    public record PlanNotOverError(
            String message, List<String> field, String planId, LocalDate lastServiceDate, LocalDate today)
            implements UserError {}
}
