package id.ilpatlas.api.outreach;

import id.ilpatlas.api.graphql.UserError;
import java.util.List;

/**
 * A {@code planOutreach} job as GraphQL serves it: queued at once, solved on the planner's executor.
 *
 * @param state QUEUED, RUNNING, SUCCEEDED or FAILED
 * @param planId the plan made, when SUCCEEDED
 * @param message why it FAILED
 * @param errors the input errors found when the job ran (the input was checked again then), when FAILED for them
 * @param rwCodes the RWs of the request (who may follow the job)
 */
public record OutreachPlanJob(
        String id,
        String kabkotaCode,
        String state,
        String createdBy,
        String createdAt,
        String startedAt,
        String finishedAt,
        String planId,
        String message,
        List<UserError> errors,
        List<String> rwCodes) {}
