package id.ilpatlas.api.outreach;

import static id.ilpatlas.api.outreach.OutreachTestPlans.TIRTO;
import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.diagnostics.SqlStatementCounter;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.security.DemoTokens;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.testing.Slow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The plan lifecycle through GraphQL on real PostGIS: DRAFT → PUBLISHED → COMPLETED, DRAFT/PUBLISHED → CANCELLED,
 * delete drafts only, one published plan per base and month (the second refused naming the first), stale versions,
 * who may act, the audit log and the workflow events; {@code outreachPlans} as a connection whose filters, pages and
 * totals equal a recount from the tables. "Today" is Monday 30 November 2026.
 */
@Slow
class OutreachPlanLifecycleTest extends IntegrationTest {

    @Autowired
    RwAccessService access;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    SqlStatementCounter statements;

    private RecordedWorkflowEvents events;

    @BeforeEach
    void setUp() {
        testClock.pin(LocalDate.of(2026, 11, 30));
        events = RecordedWorkflowEvents.of(context);
        access.refreshIfStale("33.75");
        // Plans other tests left PUBLISHED or COMPLETED would hold "their" base and month: this test starts from none.
        jdbc.sql("""
                UPDATE outreach_plans SET status = 'CANCELLED', cancel_reason = 'reset by OutreachPlanLifecycleTest',
                       version = version + 1 WHERE status IN ('PUBLISHED', 'COMPLETED')""").update();
    }

    private String plan(String name, List<String> dates) {
        return OutreachTestPlans.create(
                graphQl, name, TIRTO, OutreachTestPlans.rwsNear(jdbc, TIRTO, 2, 0, "33.75"), dates);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(GraphQlTester tester, String operation, Map<String, Object> input) {
        String field = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
        return tester.documentName("planLifecycle")
                .operationName(operation)
                .variable("input", input)
                .execute()
                .path(field)
                .entity(Map.class)
                .get();
    }

    private static Map<String, Object> in(String id, int version) {
        Map<String, Object> in = new HashMap<>();
        in.put("id", id);
        in.put("version", version);
        return in;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plan(Map<String, Object> payload) {
        assertThat((List<Object>) payload.get("errors")).as("errors").isEmpty();
        return (Map<String, Object>) payload.get("outreachPlan");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> payload) {
        assertThat(payload.get("outreachPlan")).isNull();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) payload.get("errors");
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private Map<String, Object> read(String id) {
        return graphQl.documentName("planLifecycle")
                .operationName("PlanLifecycle")
                .variable("id", id)
                .execute()
                .path("outreachPlan")
                .entity(Map.class)
                .get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishCompleteCancelAndDeleteWithTheirRefusals() {
        String first = plan("lifecycle A", List.of("2026-12-07"));
        String second = plan("lifecycle B", List.of("2026-12-14", "2026-12-15"));
        String third = plan("lifecycle B2", List.of("2026-12-16"));
        assertThat(read(first))
                .containsEntry("status", "DRAFT")
                .containsEntry("version", 0)
                .containsEntry("serviceMonth", "2026-12")
                .containsEntry("publishedBy", null);

        Map<String, Object> published = plan(step(graphQl, "PublishOutreachPlan", in(first, 0)));
        assertThat(published)
                .containsEntry("status", "PUBLISHED")
                .containsEntry("version", 1)
                .containsEntry("publishedBy", "dinkes")
                .containsEntry("statusChangedBy", "dinkes");
        assertThat((String) published.get("publishedAt")).endsWith("Z");

        // A second plan of the same base and month: refused, naming the published one.
        Map<String, Object> refused = error(step(graphQl, "PublishOutreachPlan", in(second, 0)));
        assertThat(refused)
                .containsEntry("__typename", "PlanAlreadyPublishedError")
                .containsEntry("publishedPlanId", first)
                .containsEntry("publishedPlanName", "lifecycle A")
                .containsEntry("depotFacilityId", TIRTO)
                .containsEntry("month", "2026-12");
        assertThat((String) refused.get("message")).contains(first, "cancel it first");
        assertThat(refused).containsEntry("publishedPlanStatus", "PUBLISHED");
        assertThat(read(second)).containsEntry("status", "DRAFT").containsEntry("version", 0);

        // Stale version; a published plan cannot be deleted, only cancelled.
        assertThat(error(step(graphQl, "CancelOutreachPlan", withReason(in(first, 0), "late"))))
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("givenVersion", 0)
                .containsEntry("currentVersion", 1);
        Map<String, Object> notDeleted = (Map<String, Object>)
                ((List<?>) step(graphQl, "DeleteOutreachPlan", in(first, 1)).get("errors")).get(0);
        assertThat(notDeleted)
                .containsEntry("__typename", "InvalidPlanTransitionError")
                .containsEntry("currentStatus", "PUBLISHED")
                .containsEntry("requestedStatus", null);
        assertThat((String) notDeleted.get("message")).contains("cancel it instead");
        assertThat(error(step(graphQl, "CancelOutreachPlan", withReason(in(first, 1), " "))))
                .containsEntry("__typename", "InvalidValueError");

        Map<String, Object> cancelled =
                plan(step(graphQl, "CancelOutreachPlan", withReason(in(first, 1), "the vehicle is in the workshop")));
        assertThat(cancelled)
                .containsEntry("status", "CANCELLED")
                .containsEntry("version", 2)
                .containsEntry("cancelReason", "the vehicle is in the workshop");

        // The base and month are free again; the puskesmas staff of the base may publish.
        assertThat(plan(step(as("puskesmas-tirto"), "PublishOutreachPlan", in(second, 0))))
                .containsEntry("status", "PUBLISHED")
                .containsEntry("publishedBy", "puskesmas-tirto");
        // Completing before the last service day is refused (the base and month would look free, the team
        // double-booked).
        String lastDay = jdbc.sql("SELECT max(service_date)::text FROM outreach_plan_stops WHERE plan_id = :id")
                .param("id", Long.parseLong(second))
                .query(String.class)
                .single();
        Map<String, Object> early = error(step(graphQl, "CompleteOutreachPlan", in(second, 1)));
        assertThat(early)
                .containsEntry("__typename", "PlanNotOverError")
                .containsEntry("planId", second)
                .containsEntry("lastServiceDate", lastDay)
                .containsEntry("today", "2026-11-30")
                .containsEntry("field", List.of("input", "id"));
        assertThat(read(second)).containsEntry("status", "PUBLISHED").containsEntry("version", 1);
        testClock.pin(LocalDate.parse(lastDay).minusDays(1));
        assertThat(error(step(graphQl, "CompleteOutreachPlan", in(second, 1))))
                .containsEntry("__typename", "PlanNotOverError");
        testClock.pin(LocalDate.parse(lastDay));
        assertThat(plan(step(graphQl, "CompleteOutreachPlan", in(second, 1)))).containsEntry("status", "COMPLETED");
        // A COMPLETED plan keeps its base and month: a third plan of them is refused, naming it.
        Map<String, Object> afterCompleted = error(step(graphQl, "PublishOutreachPlan", in(third, 0)));
        assertThat(afterCompleted)
                .containsEntry("__typename", "PlanAlreadyPublishedError")
                .containsEntry("publishedPlanId", second)
                .containsEntry("publishedPlanStatus", "COMPLETED");
        assertThat((String) afterCompleted.get("message")).contains("COMPLETED plan of " + TIRTO);
        // And the table holds the rule too, whatever the application does.
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("UPDATE outreach_plans SET status = 'PUBLISHED' WHERE id = :id")
                                .param("id", Long.parseLong(third))
                                .update())
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(error(step(graphQl, "CancelOutreachPlan", withReason(in(second, 2), "too late"))))
                .containsEntry("__typename", "InvalidPlanTransitionError")
                .containsEntry("currentStatus", "COMPLETED")
                .containsEntry("requestedStatus", "CANCELLED");
        assertThat(error(step(graphQl, "CompleteOutreachPlan", in(first, 2))))
                .containsEntry("__typename", "InvalidPlanTransitionError")
                .containsEntry("currentStatus", "CANCELLED");
        assertThat(error(step(graphQl, "PublishOutreachPlan", in("999999999", 0))))
                .containsEntry("__typename", "OutreachPlanNotFoundError")
                .containsEntry("id", "999999999");

        // A draft is deleted with its routes; the audit log keeps it.
        String draft = plan("lifecycle C", List.of("2026-12-21"));
        Map<String, Object> deleted = step(graphQl, "DeleteOutreachPlan", in(draft, 0));
        assertThat(deleted).containsEntry("deletedId", draft);
        graphQl.documentName("planLifecycle")
                .operationName("PlanLifecycle")
                .variable("id", draft)
                .execute()
                .path("outreachPlan")
                .valueIsNull();
        assertThat(jdbc.sql("SELECT count(*) FROM outreach_plan_stops WHERE plan_id = :id")
                        .param("id", Long.parseLong(draft))
                        .query(Integer.class)
                        .single())
                .isZero();

        // Audited with the plan before and after; announced inside the transaction.
        Map<String, Object> audit = jdbc.sql("""
                        SELECT outcome, "before"::text AS before_text, "after"::text AS after_text FROM audit_log
                         WHERE action = 'publishOutreachPlan' AND target_id = :id AND outcome = 'DONE'""").param("id", first).query().singleRow();
        assertThat((String) audit.get("before_text")).contains("\"status\": \"DRAFT\"");
        assertThat((String) audit.get("after_text")).contains("\"status\": \"PUBLISHED\"");
        assertThat(jdbc.sql("""
                        SELECT "before" IS NOT NULL AND "after" IS NULL FROM audit_log
                         WHERE action = 'deleteOutreachPlan' AND target_id = :id AND outcome = 'DONE'""").param("id", draft).query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log
                         WHERE action = 'publishOutreachPlan' AND target_id = :id AND outcome = 'REJECTED'""").param("id", second).query(Integer.class).single())
                .isEqualTo(1);
        List<RecordedWorkflowEvents.Recorded> recorded = events.about("OutreachPlan", List.of(first, second, draft));
        assertThat(recorded).allMatch(RecordedWorkflowEvents.Recorded::inTransaction);
        List<String> kinds = recorded.stream()
                .map(RecordedWorkflowEvents.Recorded::event)
                .map(e -> e.kind() + ":" + e.subjectId() + ":" + e.state())
                .toList();
        assertThat(kinds)
                .containsExactly(
                        WorkflowEvent.Kind.PLAN_PUBLISHED + ":" + first + ":PUBLISHED",
                        WorkflowEvent.Kind.PLAN_CANCELLED + ":" + first + ":CANCELLED",
                        WorkflowEvent.Kind.PLAN_PUBLISHED + ":" + second + ":PUBLISHED",
                        WorkflowEvent.Kind.PLAN_COMPLETED + ":" + second + ":COMPLETED",
                        WorkflowEvent.Kind.PLAN_DELETED + ":" + draft + ":null");
        assertThat(recorded.get(0).event().rwCodes()).isNotEmpty().allMatch(rw -> rw.startsWith("33.75."));
    }

    private static Map<String, Object> withReason(Map<String, Object> in, String reason) {
        in.put("reason", reason);
        return in;
    }

    @Test
    void onlyTheDinkesAndTheStaffOfTheBaseChangeAPlan() {
        String id = plan("lifecycle access", List.of("2026-12-08"));
        assertThat(errorTypes(as("lurah-medono")
                        .documentName("planLifecycle")
                        .operationName("PublishOutreachPlan")
                        .variable("input", in(id, 0))
                        .execute()))
                .containsExactly("FORBIDDEN");
        HttpGraphQlTester otherBase =
                tester(new DemoTokens.DemoUser("staff-dukuh", Role.PUSKESMAS_STAFF, List.of(), "PKM-3375-DUKUH"));
        assertThat(errorTypes(otherBase
                        .documentName("planLifecycle")
                        .operationName("DeleteOutreachPlan")
                        .variable("input", in(id, 0))
                        .execute()))
                .containsExactly("FORBIDDEN");
        HttpGraphQlTester otherKota =
                tester(new DemoTokens.DemoUser("dinkes-batang", Role.DINKES_ADMIN, List.of("33.25"), null));
        assertThat(errorTypes(otherKota
                        .documentName("planLifecycle")
                        .operationName("CancelOutreachPlan")
                        .variable("input", withReason(in(id, 0), "not mine"))
                        .execute()))
                .containsExactly("FORBIDDEN");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log WHERE target_id = :id AND outcome = 'DENIED'
                           AND action IN ('publishOutreachPlan', 'deleteOutreachPlan', 'cancelOutreachPlan')""").param("id", id).query(Integer.class).single()).isEqualTo(3);
        assertThat(read(id)).containsEntry("status", "DRAFT").containsEntry("version", 0);
        assertThat(step(as("puskesmas-tirto"), "DeleteOutreachPlan", in(id, 0))).containsEntry("deletedId", id);
    }

    private HttpGraphQlTester tester(DemoTokens.DemoUser user) {
        String token = demoTokens.token(user);
        return graphQl.mutate().headers(h -> h.setBearerAuth(token)).build();
    }

    // ------------------------------------------------------------------------------------------------ connection

    private record Page(List<String> ids, int total, boolean hasNext, String endCursor) {}

    @SuppressWarnings("unchecked")
    private Page page(HttpGraphQlTester tester, Map<String, Object> filter, String order, int first, String after) {
        GraphQlTester.Response response = tester.documentName("outreachPlans")
                .variable("filter", filter)
                .variable("orderBy", order)
                .variable("first", first)
                .variable("after", after)
                .execute();
        Map<String, Object> connection =
                response.path("outreachPlans").entity(Map.class).get();
        Map<String, Object> info = (Map<String, Object>) connection.get("pageInfo");
        List<String> ids = ((List<Map<String, Object>>) connection.get("edges"))
                .stream()
                        .map(e -> (String) ((Map<String, Object>) e.get("node")).get("id"))
                        .toList();
        return new Page(ids, (int) connection.get("totalCount"), (boolean) info.get("hasNextPage"), (String)
                info.get("endCursor"));
    }

    /** Every id of the connection, page by page of {@code size}. */
    private List<String> all(HttpGraphQlTester tester, Map<String, Object> filter, String order, int size) {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            Page p = page(tester, filter, order, size, after);
            ids.addAll(p.ids());
            assertThat(p.ids().size()).isLessThanOrEqualTo(size);
            if (!p.hasNext()) {
                return ids;
            }
            after = p.endCursor();
        }
    }

    /** The same filter recounted from the tables, in the same order (the caller's scope: Kota Pekalongan). */
    private List<String> recount(String statuses, String month, String depot, String region, String order) {
        String orderBy = switch (order) {
            case "OLDEST_FIRST" -> "p.id";
            case "SERVICE_MONTH_ASC" -> "date_trunc('month', p.service_dates[1]), p.id";
            case "SERVICE_MONTH_DESC" -> "date_trunc('month', p.service_dates[1]) DESC, p.id DESC";
            default -> "p.id DESC";
        };
        return jdbc.sql("""
                        SELECT p.id::text FROM outreach_plans p JOIN facilities f ON f.id = p.depot_facility_id
                         WHERE p.kabkota_code = '33.75'
                           AND (CAST(:statuses AS text) IS NULL OR p.status = ANY (string_to_array(:statuses, ',')))
                           AND (CAST(:month AS text) IS NULL OR to_char(p.service_dates[1], 'YYYY-MM') = :month)
                           AND (CAST(:depot AS text) IS NULL OR f.code = :depot)
                           AND (CAST(:region AS text) IS NULL
                                OR EXISTS (SELECT 1 FROM outreach_plan_stops s WHERE s.plan_id = p.id
                                              AND s.rw_code LIKE :region || '.%')
                                OR EXISTS (SELECT 1 FROM outreach_plan_unserved u WHERE u.plan_id = p.id
                                              AND u.rw_code LIKE :region || '.%'))
                         ORDER BY""" + " " + orderBy)
                .param("statuses", statuses)
                .param("month", month)
                .param("depot", depot)
                .param("region", region)
                .query(String.class)
                .list();
    }

    @Test
    void theConnectionFiltersPagesAndCountsAsARecount() {
        String decemberA = plan("page A", List.of("2026-12-09"));
        String decemberB = plan("page B", List.of("2026-12-10"));
        String january = plan("page C", List.of("2027-01-12"));
        String dukuh = OutreachTestPlans.create(
                graphQl,
                "page D",
                "PKM-3375-DUKUH",
                OutreachTestPlans.rwsNear(jdbc, "PKM-3375-DUKUH", 2, 0, "33.75.03"),
                List.of("2026-12-09"));
        plan(step(graphQl, "PublishOutreachPlan", in(decemberA, 0)));
        plan(step(graphQl, "PublishOutreachPlan", in(january, 0)));
        plan(step(graphQl, "CancelOutreachPlan", withReason(in(decemberB, 0), "duplicate")));

        for (String order : List.of("NEWEST_FIRST", "OLDEST_FIRST", "SERVICE_MONTH_ASC", "SERVICE_MONTH_DESC")) {
            List<String> expected = recount(null, null, null, null, order);
            assertThat(all(graphQl, null, order, 3)).as(order).containsExactlyElementsOf(expected);
            assertThat(page(graphQl, null, order, 3, null).total()).as(order).isEqualTo(expected.size());
        }
        Map<String, Object> published = Map.of("statuses", List.of("PUBLISHED"));
        assertThat(all(graphQl, published, "NEWEST_FIRST", 1))
                .containsExactlyElementsOf(recount("PUBLISHED", null, null, null, "NEWEST_FIRST"))
                .contains(decemberA, january)
                .doesNotContain(decemberB, dukuh);
        Map<String, Object> december =
                Map.of("month", "2026-12", "depotFacilityId", TIRTO, "statuses", List.of("DRAFT", "CANCELLED"));
        List<String> decemberIds = all(graphQl, december, "OLDEST_FIRST", 2);
        assertThat(decemberIds)
                .containsExactlyElementsOf(recount("DRAFT,CANCELLED", "2026-12", TIRTO, null, "OLDEST_FIRST"))
                .contains(decemberB)
                .doesNotContain(decemberA, january, dukuh);
        assertThat(page(graphQl, december, "OLDEST_FIRST", 2, null).total()).isEqualTo(decemberIds.size());
        Map<String, Object> utara = Map.of("regionCode", "33.75.03");
        assertThat(all(graphQl, utara, "NEWEST_FIRST", 2))
                .containsExactlyElementsOf(recount(null, null, null, "33.75.03", "NEWEST_FIRST"))
                .contains(dukuh);
        // The camat of Pekalongan Utara sees the plans with an RW in the kecamatan, and no other.
        assertThat(all(as("camat-utara"), null, "NEWEST_FIRST", 50))
                .containsExactlyElementsOf(recount(null, null, null, "33.75.03", "NEWEST_FIRST"));
        // A cursor of another connection, a bad month: BAD_REQUEST naming the argument.
        assertThat(errorTypes(graphQl.documentName("outreachPlans")
                        .variable("after", "bm90LWEtY3Vyc29y")
                        .variable("first", 2)
                        .execute()))
                .containsExactly("BAD_REQUEST");
        assertThat(errorTypes(graphQl.documentName("outreachPlans")
                        .variable("filter", Map.of("month", "Dec 2026"))
                        .variable("first", 2)
                        .execute()))
                .containsExactly("BAD_REQUEST");
    }

    /**
     * The eight lifecycle fields of a page of plans come from one batched load: asking for all of them costs the same
     * SQL statements as asking for the status alone.
     */
    @Test
    void theLifecycleFieldsOfAPageAreOneLoad() {
        plan("cost A", List.of("2026-12-09"));
        plan("cost B", List.of("2026-12-10"));
        plan("cost C", List.of("2026-12-11"));
        long one = statementsOf("PlansWithStatus");
        long eight = statementsOf("PlansWithLifecycle");
        assertThat(eight)
                .as("statements for eight lifecycle fields vs one (%s)", one)
                .isEqualTo(one);
    }

    private long statementsOf(String operation) {
        graphQl.documentName("outreachPlanPageCost")
                .operationName(operation)
                .variable("first", 3)
                .execute()
                .errors()
                .verify(); // warm-up
        long before = statements.count();
        List<Object> edges = graphQl.documentName("outreachPlanPageCost")
                .operationName(operation)
                .variable("first", 3)
                .execute()
                .path("outreachPlans.edges")
                .entityList(Object.class)
                .get();
        long used = statements.count() - before;
        assertThat(edges).hasSize(3);
        return used;
    }
}
