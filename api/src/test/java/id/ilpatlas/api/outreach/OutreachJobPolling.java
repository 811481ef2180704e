package id.ilpatlas.api.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The public path of planning, for every test that plans: {@code planOutreach} (document {@code planOutreach},
 * operation {@code PlanOutreach}) queues a job, {@code outreachPlanJob} is polled until it is SUCCEEDED or FAILED. The
 * number of polls is bounded, not the time: a solve pinned by the solution limit takes a few seconds at most.
 */
public final class OutreachJobPolling {

    /** Polls allowed for a job to finish, 50 ms apart. */
    public static final int MAX_POLLS = 600;

    private OutreachJobPolling() {}

    /** Queues a plan and returns its job as the mutation answered it (asserting no errors). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> queue(GraphQlTester tester, Map<String, Object> input) {
        Map<String, Object> payload = tester.documentName("planOutreach")
                .operationName("PlanOutreach")
                .variable("input", input)
                .execute()
                .path("planOutreach")
                .entity(Map.class)
                .get();
        assertThat((List<Object>) payload.get("errors")).as("errors").isEmpty();
        return (Map<String, Object>) payload.get("job");
    }

    /** Polls {@code outreachPlanJob} until SUCCEEDED or FAILED (at most {@link #MAX_POLLS} polls). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> await(GraphQlTester tester, String jobId) {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            Map<String, Object> job = tester.documentName("planOutreach")
                    .operationName("OutreachPlanJob")
                    .variable("id", jobId)
                    .execute()
                    .path("outreachPlanJob")
                    .entity(Map.class)
                    .get();
            if ("SUCCEEDED".equals(job.get("state")) || "FAILED".equals(job.get("state"))) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + jobId + " did not finish within " + MAX_POLLS + " polls");
    }

    /** Plans through the public path and returns the plan of the SUCCEEDED job. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> plan(GraphQlTester tester, Map<String, Object> input) {
        Map<String, Object> job = await(tester, (String) queue(tester, input).get("id"));
        assertThat(job.get("state"))
                .as("job %s: %s", job.get("id"), job.get("message"))
                .isEqualTo("SUCCEEDED");
        return (Map<String, Object>) job.get("plan");
    }
}
