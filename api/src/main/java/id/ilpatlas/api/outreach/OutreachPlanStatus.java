package id.ilpatlas.api.outreach;

/**
 * Where an outreach plan is in its lifecycle: the values of {@code outreach_plans.status} and of the GraphQL enum
 * {@code OutreachPlanStatus}, by name. A plan starts as a DRAFT; publishing makes it the plan of its base for the
 * month; a published plan is completed once its days are over, or cancelled (a draft may be cancelled or deleted).
 */
public enum OutreachPlanStatus {
    /** Not yet official: the planner may still change or delete it. */
    DRAFT,
    /** The plan of its base for the month: the field sees it, visits are recorded on it. */
    PUBLISHED,
    /** Its days are over; visits may still be recorded. */
    COMPLETED,
    /** Will not take place (its reason is recorded). */
    CANCELLED
}
