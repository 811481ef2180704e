package id.ilpatlas.api.events;

import java.time.Instant;
import java.util.List;

/**
 * Something happened in a workflow that people may be waiting for: a target selection changed state, a plan job
 * finished, a plan was published, a visit was recorded. It carries no person and no count, only what a notice needs:
 * the kind, the subject (its type is in {@link Kind#subjectType()}) and its id, and where it lies ({@code kabkotaCode}
 * and the {@code rwCodes} it touches), which decides who may hear of it (their scope must cover one of the RWs, or the
 * kab/kota when there are none).
 *
 * @param kind what happened
 * @param subjectId the id of the selection, plan or job
 * @param kabkotaCode the kab/kota of the subject
 * @param rwCodes the RWs the subject touches (scope of the audience), in the subject's order
 * @param state the subject's state after the event, e.g. {@code SUBMITTED}; null when it has none (a deletion)
 * @param actor who caused it ({@code Caller.actor()}), or {@code system} for the solver
 * @param occurredAt when
 */
public record WorkflowEvent(
        Kind kind,
        String subjectId,
        String kabkotaCode,
        List<String> rwCodes,
        String state,
        String actor,
        Instant occurredAt) {

    public WorkflowEvent {
        rwCodes = List.copyOf(rwCodes);
    }

    /** The kinds of events; the prefix names the subject. */
    public enum Kind {
        SELECTION_CREATED,
        SELECTION_UPDATED,
        SELECTION_SUBMITTED,
        SELECTION_APPROVED,
        SELECTION_REJECTED,
        SELECTION_WITHDRAWN,
        SELECTION_DELETED,
        PLAN_JOB_QUEUED,
        PLAN_JOB_RUNNING,
        PLAN_JOB_SUCCEEDED,
        PLAN_JOB_FAILED,
        PLAN_PUBLISHED,
        PLAN_COMPLETED,
        PLAN_CANCELLED,
        PLAN_DELETED,
        VISIT_RECORDED;

        /**
         * The GraphQL type of the subject: {@code TargetSelection}, {@code OutreachPlanJob}, {@code OutreachPlan} or
         * {@code OutreachVisit}.
         */
        public String subjectType() {
            String name = name();
            return name.startsWith("SELECTION_")
                    ? "TargetSelection"
                    : name.startsWith("PLAN_JOB_")
                            ? "OutreachPlanJob"
                            : name.startsWith("VISIT_") ? "OutreachVisit" : "OutreachPlan";
        }
    }
}
