package id.ilpatlas.api.visits;

import static id.ilpatlas.api.outreach.OutreachTestPlans.TIRTO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.outreach.OutreachTestPlans;
import id.ilpatlas.api.outreach.RecordedWorkflowEvents;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Pusling visits through GraphQL on real PostGIS: recorded on the stops of a published plan (and unplanned), corrected
 * with the version, refused with typed errors (future day, outside the plan's month, not a stop, a draft plan, an
 * unknown service key), only by the Dinkes and the staff of the base; planned vs done of the month equals a recount
 * from the tables, per RW and per area; the last visit per RW; {@code targetCandidates} with the
 * MONTHS_SINCE_LAST_VISIT weight ranks a never-visited RW above a just-visited one. Plans are made on Monday 30
 * November 2026 for December; visits are recorded on Sunday 20 December 2026.
 */
class OutreachVisitTest extends IntegrationTest {

    @Autowired
    RwAccessService access;

    @Autowired
    ConfigurableApplicationContext context;

    private List<String> rws;
    private String planId;

    @BeforeEach
    void publishAPlan() {
        testClock.pin(LocalDate.of(2026, 11, 30));
        access.refreshIfStale("33.75");
        jdbc.sql("""
                UPDATE outreach_plans SET status = 'CANCELLED', cancel_reason = 'reset by OutreachVisitTest',
                       version = version + 1 WHERE status IN ('PUBLISHED', 'COMPLETED')""").update();
        rws = OutreachTestPlans.rwsNear(jdbc, TIRTO, 3, 0, "33.75");
        planId = OutreachTestPlans.create(graphQl, "visits", TIRTO, rws, List.of("2026-12-01", "2026-12-02"));
        graphQl.documentName("planLifecycle")
                .operationName("PublishOutreachPlan")
                .variable("input", Map.of("id", planId, "version", 0))
                .execute()
                .path("publishOutreachPlan.outreachPlan.status")
                .entity(String.class)
                .isEqualTo("PUBLISHED");
        testClock.pin(LocalDate.of(2026, 12, 20));
    }

    private List<String> serviceKeys(int n) {
        return jdbc.sql("SELECT key FROM services ORDER BY key LIMIT :n")
                .param("n", n)
                .query(String.class)
                .list();
    }

    private Map<String, Object> visit(String plan, String rw, String date) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("planId", plan);
        in.put("rwCode", rw);
        in.put("visitDate", date);
        in.put("teamName", "Pusling Tirto 1");
        in.put("teamMembers", 4);
        in.put(
                "peopleServed",
                List.of(
                        Map.of("segment", "BALITA", "people", 23),
                        Map.of("segment", "IBU_HAMIL", "people", 5),
                        Map.of("segment", "LANSIA", "people", 11)));
        in.put("serviceKeys", serviceKeys(2));
        in.put("referrals", 0);
        in.put("notes", "posyandu hall used; rain");
        return in;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(GraphQlTester tester, Map<String, Object> input) {
        return tester.documentName("visits")
                .operationName("RecordOutreachVisit")
                .variable("input", input)
                .execute()
                .path("recordOutreachVisit")
                .entity(Map.class)
                .get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(Map<String, Object> payload) {
        assertThat((List<Object>) payload.get("errors")).as("errors").isEmpty();
        return (Map<String, Object>) payload.get("outreachVisit");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> refused(Map<String, Object> payload) {
        assertThat(payload.get("outreachVisit")).isNull();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) payload.get("errors");
        assertThat(errors).isNotEmpty();
        return errors.get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void visitsAreRecordedCorrectedAndRefused() {
        RecordedWorkflowEvents events = RecordedWorkflowEvents.of(context);
        Map<String, Object> first = record(as("puskesmas-tirto"), visit(planId, rws.get(0), "2026-12-01"));
        assertThat(first.get("created")).isEqualTo(true);
        Map<String, Object> v = stored(first);
        assertThat(v)
                .containsEntry("planId", planId)
                .containsEntry("rwCode", rws.get(0))
                .containsEntry("visitDate", "2026-12-01")
                .containsEntry("peopleTotal", 39)
                .containsEntry("version", 0)
                .containsEntry("recordedBy", "puskesmas-tirto")
                .containsEntry("notes", "posyandu hall used; rain");
        assertThat((List<Map<String, Object>>) v.get("peopleServed"))
                .extracting(s -> s.get("segment"))
                .containsExactly("IBU_HAMIL", "BALITA", "LANSIA");

        // Recording it again without the version is refused naming `version` (no sentinel version leaks out), with a
        // wrong one as stale; with the version read, the visit is corrected.
        Map<String, Object> again = visit(planId, rws.get(0), "2026-12-02");
        Map<String, Object> noVersion = refused(record(graphQl, again));
        assertThat(noVersion)
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "version"));
        assertThat((String) noVersion.get("message"))
                .contains("give the version you read to correct a visit", "version 0");
        again.put("version", 3);
        assertThat(refused(record(graphQl, again)))
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("givenVersion", 3)
                .containsEntry("currentVersion", 0);
        again.put("version", 0);
        String hospital = jdbc.sql("SELECT code FROM facilities WHERE type = 'RUMAH_SAKIT' ORDER BY code LIMIT 1")
                .query(String.class)
                .single();
        again.put("referrals", 2);
        again.put("referralFacilityId", hospital);
        Map<String, Object> corrected = record(graphQl, again);
        assertThat(corrected.get("created")).isEqualTo(false);
        assertThat(stored(corrected))
                .containsEntry("id", v.get("id"))
                .containsEntry("visitDate", "2026-12-02")
                .containsEntry("version", 1)
                .containsEntry("updatedBy", "dinkes")
                .containsEntry("referrals", 2)
                .containsEntry("referralFacilityId", hospital)
                .containsEntry("referralFacilityType", "RUMAH_SAKIT");

        // Typed refusals.
        assertThat(refused(record(graphQl, visit(planId, rws.get(1), "2026-12-21"))))
                .containsEntry("__typename", "FutureVisitDateError")
                .containsEntry("today", "2026-12-20");
        assertThat(refused(record(graphQl, visit(planId, rws.get(1), "2026-11-30"))))
                .containsEntry("__typename", "VisitOutsidePlanMonthError")
                .containsEntry("month", "2026-12");
        Map<String, Object> unknownService = visit(planId, rws.get(1), "2026-12-02");
        unknownService.put("serviceKeys", List.of("NOT_A_SERVICE"));
        assertThat(refused(record(graphQl, unknownService)))
                .containsEntry("__typename", "UnknownServiceKeyError")
                .containsEntry("serviceKey", "NOT_A_SERVICE")
                .containsEntry("field", List.of("input", "serviceKeys", "0"));
        String elsewhere =
                OutreachTestPlans.rwsNear(jdbc, TIRTO, 1, 10, "33.75").get(0);
        assertThat(refused(record(graphQl, visit(planId, elsewhere, "2026-12-02"))))
                .containsEntry("__typename", "RwNotInPlanError")
                .containsEntry("rwCode", elsewhere);
        testClock.pin(LocalDate.of(2026, 11, 30));
        String draft =
                OutreachTestPlans.create(graphQl, "visits draft", TIRTO, rws.subList(0, 1), List.of("2026-12-03"));
        testClock.pin(LocalDate.of(2026, 12, 20));
        assertThat(refused(record(graphQl, visit(draft, rws.get(0), "2026-12-03"))))
                .containsEntry("__typename", "PlanNotPublishedError")
                .containsEntry("status", "DRAFT");
        assertThat(errorTypes(as("lurah-medono")
                        .documentName("visits")
                        .operationName("RecordOutreachVisit")
                        .variable("input", visit(planId, rws.get(1), "2026-12-02"))
                        .execute()))
                .containsExactly("FORBIDDEN");
        assertThat(errorTypes(as("puskesmas-tirto")
                        .mutate()
                        .build()
                        .documentName("visits")
                        .operationName("RecordOutreachVisit")
                        .variable("input", visit(planId, rws.get(1), "2026-12-02"))
                        .execute()))
                .isEmpty();

        // Audited with before and after; announced in the transaction.
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log WHERE action = 'recordOutreachVisit' AND target_id = :id
                           AND outcome = 'DONE' AND "after" IS NOT NULL""").param("id", v.get("id")).query(Integer.class).single())
                .isEqualTo(2);
        List<RecordedWorkflowEvents.Recorded> recorded = events.about("OutreachVisit", List.of((String) v.get("id")));
        assertThat(recorded)
                .extracting(r -> r.event().kind() + ":" + r.event().state())
                .containsExactly(
                        WorkflowEvent.Kind.VISIT_RECORDED + ":RECORDED",
                        WorkflowEvent.Kind.VISIT_RECORDED + ":CORRECTED");
        assertThat(recorded).allMatch(RecordedWorkflowEvents.Recorded::inTransaction);
        assertThat(recorded.get(0).event().rwCodes()).containsExactly(rws.get(0));

        // The plan lists its visits.
        assertThat(graphQl.documentName("visits")
                        .operationName("PlanVisits")
                        .variable("id", planId)
                        .execute()
                        .path("outreachPlan.visits[*].rwCode")
                        .entityList(String.class)
                        .get())
                .containsExactlyInAnyOrder(rws.get(0), rws.get(1));
    }

    /** The realisation of December 2026 in a region recounted from the tables. */
    private Map<String, Object> recount(String region) {
        return jdbc.sql("""
                        WITH planned AS (
                            SELECT s.plan_id, s.rw_code FROM outreach_plan_stops s
                              JOIN outreach_plans p ON p.id = s.plan_id
                             WHERE p.status IN ('PUBLISHED', 'COMPLETED')
                               AND to_char(p.service_dates[1], 'YYYY-MM') = '2026-12'
                               AND s.rw_code LIKE :region || '.%')
                        SELECT (SELECT count(*) FROM planned) AS planned,
                               (SELECT count(*) FROM planned pl JOIN outreach_visits v
                                    ON v.plan_id = pl.plan_id AND v.rw_code = pl.rw_code) AS done,
                               (SELECT count(*) FROM outreach_visits v WHERE v.plan_id IS NULL
                                   AND v.rw_code LIKE :region || '.%'
                                   AND v.visit_date BETWEEN '2026-12-01' AND '2026-12-31') AS unplanned,
                               (SELECT coalesce(sum(v.people_total), 0) FROM outreach_visits v
                                 WHERE v.rw_code LIKE :region || '.%'
                                   AND ((v.plan_id IS NULL AND v.visit_date BETWEEN '2026-12-01' AND '2026-12-31')
                                        OR EXISTS (SELECT 1 FROM planned pl WHERE pl.plan_id = v.plan_id
                                                      AND pl.rw_code = v.rw_code))) AS people,
                               (SELECT coalesce(sum((v.people_served ->> 'BALITA')::int), 0) FROM outreach_visits v
                                 WHERE v.rw_code LIKE :region || '.%'
                                   AND ((v.plan_id IS NULL AND v.visit_date BETWEEN '2026-12-01' AND '2026-12-31')
                                        OR EXISTS (SELECT 1 FROM planned pl WHERE pl.plan_id = v.plan_id
                                                      AND pl.rw_code = v.rw_code))) AS balita""").param("region", region).query().singleRow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void plannedVersusDoneEqualsARecountAndTheLastVisitFeedsTargeting() {
        stored(record(graphQl, visit(planId, rws.get(0), "2026-12-01")));
        Map<String, Object> second = visit(planId, rws.get(1), "2026-12-02");
        second.put("peopleServed", List.of(Map.of("segment", "BALITA", "people", 7)));
        stored(record(graphQl, second));
        String unplannedRw =
                OutreachTestPlans.rwsNear(jdbc, TIRTO, 1, 12, "33.75").get(0);
        Map<String, Object> unplanned = visit(null, unplannedRw, "2026-12-15");
        unplanned.remove("planId");
        stored(record(as("puskesmas-tirto"), unplanned));

        for (String region :
                List.of("33.75", rws.get(0).substring(0, 8), rws.get(0).substring(0, 13))) {
            Map<String, Object> report = graphQl.documentName("visits")
                    .operationName("OutreachRealisation")
                    .variable("regionCode", region)
                    .variable("month", "2026-12")
                    .execute()
                    .path("outreachRealisation")
                    .entity(Map.class)
                    .get();
            Map<String, Object> expected = recount(region);
            int planned = ((Number) expected.get("planned")).intValue();
            int done = ((Number) expected.get("done")).intValue();
            assertThat(report.get("plannedCount")).as(region).isEqualTo(planned);
            assertThat(report.get("doneCount")).as(region).isEqualTo(done);
            assertThat(report.get("unplannedCount"))
                    .as(region)
                    .isEqualTo(((Number) expected.get("unplanned")).intValue());
            assertThat(report.get("peopleReachedTotal"))
                    .as(region)
                    .isEqualTo(((Number) expected.get("people")).intValue());
            int balita = ((List<Map<String, Object>>) report.get("peopleReached"))
                    .stream()
                            .filter(s -> s.get("segment").equals("BALITA"))
                            .mapToInt(s -> (int) s.get("people"))
                            .sum();
            assertThat(balita).as(region).isEqualTo(((Number) expected.get("balita")).intValue());
            if (planned > 0) {
                assertThat(((Number) report.get("doneRatio")).doubleValue())
                        .isCloseTo((double) done / planned, within(1e-12));
            }
            // Each area's figures are those of its RWs.
            for (Map<String, Object> area : (List<Map<String, Object>>) report.get("areas")) {
                String code = (String) area.get("regionCode");
                List<Map<String, Object>> mine = ((List<Map<String, Object>>) report.get("rws"))
                        .stream()
                                .filter(r -> ((String) r.get("rwCode")).startsWith(code + ".")
                                        || r.get("rwCode").equals(code))
                                .toList();
                assertThat(area.get("plannedCount")).as(code).isEqualTo((int)
                        mine.stream().filter(r -> r.get("planId") != null).count());
                assertThat(area.get("doneCount")).as(code).isEqualTo((int) mine.stream()
                        .filter(r -> r.get("planId") != null && r.get("visitId") != null)
                        .count());
                if (area.get("level").equals("KELURAHAN")) {
                    assertThat(recount(code).get("planned"))
                            .as(code)
                            .isEqualTo(((Number) area.get("plannedCount")).longValue());
                }
            }
        }
        Map<String, Object> kelurahan = graphQl.documentName("visits")
                .operationName("OutreachRealisation")
                .variable("regionCode", "33.75")
                .variable("month", "2026-12")
                .execute()
                .path("outreachRealisation")
                .entity(Map.class)
                .get();
        Map<String, Object> row = ((List<Map<String, Object>>) kelurahan.get("rws"))
                .stream()
                        .filter(r ->
                                planId.equals(r.get("planId")) && rws.get(0).equals(r.get("rwCode")))
                        .findFirst()
                        .orElseThrow();
        assertThat(row).containsEntry("visitedDate", "2026-12-01").containsEntry("peopleReachedTotal", 39);
        assertThat(row.get("plannedDate")).isIn("2026-12-01", "2026-12-02");
        assertThat(errorTypes(anonymous()
                        .documentName("visits")
                        .operationName("OutreachRealisation")
                        .variable("regionCode", "33.75")
                        .variable("month", "2026-12")
                        .execute()))
                .containsExactly("FORBIDDEN");
        assertThat(kelurahan).containsEntry("scopeLimited", false);
        assertThat((List<Map<String, Object>>) kelurahan.get("areas"))
                .allSatisfy(a -> assertThat(a).containsEntry("scopeLimited", false));

        // A lurah asking for her kecamatan gets her kelurahan's figures only, flagged so that nobody reads them as
        // the kecamatan's total.
        String kel = rws.get(0).substring(0, 13);
        String kecamatan = rws.get(0).substring(0, 8);
        String lurahToken = demoTokens.token(new id.ilpatlas.api.security.DemoTokens.DemoUser(
                "lurah-scope", id.ilpatlas.api.security.Role.LURAH, List.of(kel), null));
        Map<String, Object> limited = graphQl.mutate()
                .headers(h -> h.setBearerAuth(lurahToken))
                .build()
                .documentName("visits")
                .operationName("OutreachRealisation")
                .variable("regionCode", kecamatan)
                .variable("month", "2026-12")
                .execute()
                .path("outreachRealisation")
                .entity(Map.class)
                .get();
        assertThat(limited).containsEntry("scopeLimited", true);
        Map<String, Map<String, Object>> limitedAreas = new HashMap<>();
        ((List<Map<String, Object>>) limited.get("areas"))
                .forEach(a -> limitedAreas.put((String) a.get("regionCode"), a));
        assertThat(limitedAreas.get(kecamatan))
                .containsEntry("scopeLimited", true)
                .containsEntry("plannedCount", ((Number) recount(kel).get("planned")).intValue());
        assertThat(limitedAreas.get(kel)).containsEntry("scopeLimited", false);

        // The last visit per RW: the latest by date; notes only for health roles; none for an RW never visited.
        Map<String, Object> later = visit(null, rws.get(0), "2026-12-18");
        later.remove("planId");
        stored(record(graphQl, later));
        assertThat(graphQl.documentName("visits")
                        .operationName("LastOutreachVisit")
                        .variable("code", rws.get(0))
                        .execute()
                        .path("region.lastOutreachVisit.visitDate")
                        .entity(String.class)
                        .get())
                .isEqualTo(jdbc.sql("SELECT max(visit_date)::text FROM outreach_visits WHERE rw_code = :rw")
                        .param("rw", rws.get(0))
                        .query(String.class)
                        .single());
        GraphQlTester.Response asPlanner = as("planner")
                .documentName("visits")
                .operationName("LastOutreachVisit")
                .variable("code", rws.get(0))
                .execute();
        asPlanner
                .path("region.lastOutreachVisit.visitDate")
                .entity(String.class)
                .isEqualTo("2026-12-18");
        asPlanner.path("region.lastOutreachVisit.notes").valueIsNull();
        String never = jdbc.sql("""
                        SELECT r.code FROM regions r WHERE r.level = 'RW' AND r.parent_code = :kel
                           AND NOT EXISTS (SELECT 1 FROM outreach_visits v WHERE v.rw_code = r.code)
                         ORDER BY r.code LIMIT 1""")
                .param("kel", rws.get(0).substring(0, 13))
                .query(String.class)
                .single();
        graphQl.documentName("visits")
                .operationName("LastOutreachVisit")
                .variable("code", never)
                .execute()
                .path("region.lastOutreachVisit")
                .valueIsNull();

        // targetCandidates: "not visited for N months" ranks the never-visited RW above the just-visited one.
        Map<String, Object> weights = new HashMap<>();
        for (String field : List.of(
                "stuntingPrevalence",
                "stunted",
                "tbNotificationsPer100k",
                "extremePoorShare",
                "distanceToPuskesmas",
                "travelTimeToPuskesmas",
                "lowMeasurementCoverage",
                "kleopatraCriteria")) {
            weights.put(field, 0.0);
        }
        weights.put("monthsSinceLastVisit", 1.0);
        Map<String, Object> ranking = graphQl.documentName("targetCandidates")
                .variable("regionCode", rws.get(0).substring(0, 13))
                .variable("period", Map.of("year", 2026))
                .variable("weights", weights)
                .execute()
                .path("targetCandidates")
                .entity(Map.class)
                .get();
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) ranking.get("candidates");
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Map<String, Object>> component = new HashMap<>();
        for (Map<String, Object> c : candidates) {
            rank.put((String) c.get("regionCode"), (Integer) c.get("rank"));
            component.put(
                    (String) c.get("regionCode"),
                    ((List<Map<String, Object>>) c.get("components"))
                            .stream()
                                    .filter(p -> p.get("key").equals("MONTHS_SINCE_LAST_VISIT"))
                                    .findFirst()
                                    .orElseThrow());
        }
        assertThat(rank.get(never)).isLessThan(rank.get(rws.get(0)));
        assertThat(component.get(rws.get(0))).containsEntry("missing", false);
        assertThat(((Number) component.get(rws.get(0)).get("value")).doubleValue())
                .isZero();
        assertThat(component.get(never)).containsEntry("missing", true).containsEntry("value", null);
        assertThat(((Number) component.get(never).get("normalized")).doubleValue())
                .isEqualTo(1.0);
    }
}
