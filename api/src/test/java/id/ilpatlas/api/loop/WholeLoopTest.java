package id.ilpatlas.api.loop;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.outreach.OutreachJobPolling;
import id.ilpatlas.geo.testing.Slow;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The whole loop of issue 16, walked through GraphQL on real PostGIS by the people who do each step, as in Bekasi:
 * the lurah of Medono proposes RWs for the Pusling, the camat of Pekalongan Barat edits her proposal and sends it on,
 * Puskesmas Medono finds it in its review queue and approves it, plans the month from it (a job it follows), publishes
 * the plan, the kader of RW 001 reads when the Pusling comes, the puskesmas records the visits, and the month's planned
 * vs done equals a recount from the tables. Each persona's test walks the whole loop in a month of its own (March to
 * July 2027, so that no two walks share a month) and then checks what that persona sees. "Today" is pinned: the day
 * before the month while proposing and planning, its last day while recording the visits.
 */
@Slow
class WholeLoopTest extends IntegrationTest {

    private static final String MEDONO = "33.75.01.1002";
    private static final String BASE = "PKM-3375-MEDONO";
    private static final String KADER = "kader-PSY-3375011002RW001-1";
    /** What the lurah proposes, and what the camat makes of it (RW004 out, RW005 in). */
    private static final List<String> PROPOSED = rws("RW001", "RW002", "RW003", "RW004");

    private static final List<String> EDITED = rws("RW001", "RW002", "RW003", "RW005");
    /** The RWs the puskesmas visits; RW005 is planned but not visited. */
    private static final List<String> VISITED = rws("RW001", "RW002", "RW003");

    private static List<String> rws(String... numbers) {
        List<String> codes = new ArrayList<>();
        for (String n : numbers) {
            codes.add(MEDONO + "." + n);
        }
        return codes;
    }

    /** What one walk of the loop left behind. */
    record Walk(
            YearMonth month,
            String selectionId,
            String planId,
            Map<String, LocalDate> plannedDates,
            Map<String, String> visitIds) {}

    // ------------------------------------------------------------------------------------------------ the loop

    private Walk walk(YearMonth month) {
        testClock.pin(month.atDay(1).minusDays(1));
        HttpGraphQlTester lurah = as("lurah-medono");
        HttpGraphQlTester camat = as("camat-barat");
        HttpGraphQlTester puskesmas = as("puskesmas-medono");

        // 1. The lurah proposes: a DRAFT of four RWs of her kelurahan.
        Map<String, Object> created = ok(
                lurah,
                "targetCreate",
                "createTargetSelection",
                Map.of(
                        "purpose",
                        "PUSLING",
                        "periodFrom",
                        month.atDay(1).toString(),
                        "periodTo",
                        month.atEndOfMonth().toString(),
                        "rwCodes",
                        PROPOSED,
                        "reason",
                        "RW jauh dari puskesmas, balita belum terukur"));
        String selectionId = (String) created.get("id");
        assertThat(created.get("state")).isEqualTo("DRAFT");

        // 2. The camat of another kecamatan may not touch it; her own camat edits it and sends it on.
        as("camat-utara")
                .documentName("targetUpdate")
                .variable(
                        "input",
                        Map.of("id", selectionId, "version", created.get("version"), "reason", "bukan wilayah saya"))
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(String.valueOf(e.getExtensions().get("classification"))))
                .verify();
        Map<String, Object> edited = ok(
                camat,
                "targetUpdate",
                "updateTargetSelection",
                Map.of(
                        "id",
                        selectionId,
                        "version",
                        versionOf(selectionId),
                        "rwCodes",
                        EDITED,
                        "reason",
                        "RW004 sudah dilayani posyandu; RW005 lebih jauh"));
        assertThat(edited.get("rwCodes")).isEqualTo(EDITED);
        Map<String, Object> submitted = ok(
                camat,
                "targetSubmit",
                "submitTargetSelection",
                Map.of("id", selectionId, "version", edited.get("version")));
        assertThat(submitted.get("state")).isEqualTo("SUBMITTED");

        // 3. The puskesmas finds it in its review queue and approves it.
        List<String> queue = puskesmas
                .documentName("targetSelections")
                .variable("filter", Map.of("needsMyReview", true))
                .variable("first", 100)
                .execute()
                .path("targetSelections.edges[*].node.id")
                .entityList(String.class)
                .get();
        assertThat(queue).as("the review queue of Puskesmas Medono").contains(selectionId);
        Map<String, Object> approved = ok(
                puskesmas,
                "targetReview",
                "reviewTargetSelection",
                Map.of(
                        "id",
                        selectionId,
                        "version",
                        submitted.get("version"),
                        "decision",
                        "APPROVE",
                        "note",
                        "Disetujui untuk Pusling " + month));
        assertThat(approved.get("state")).isEqualTo("APPROVED");

        // 4. It plans the month from the selection: a job, followed until it is done.
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "Pusling Medono " + month);
        input.put("targetSelectionId", selectionId);
        input.put("baseFacilityId", BASE);
        input.put("month", month.toString());
        input.put("timeLimitSeconds", 2);
        Map<String, Object> plan = OutreachJobPolling.plan(puskesmas, input);
        String planId = (String) plan.get("id");
        Map<String, LocalDate> planned = plannedDates(plan);
        assertThat(planned.keySet()).as("every RW of the selection, once").containsExactlyInAnyOrderElementsOf(EDITED);
        assertThat(stopCount(plan)).as("no RW twice in the month").isEqualTo(EDITED.size());
        Set<LocalDate> daysOff = daysOff(month);
        for (Map.Entry<String, LocalDate> visit : planned.entrySet()) {
            assertThat(YearMonth.from(visit.getValue())).isEqualTo(month);
            assertThat(daysOff).as("%s planned on a day off", visit.getKey()).doesNotContain(visit.getValue());
            assertThat(visit.getValue().getDayOfWeek().getValue())
                    .as("a weekday")
                    .isLessThanOrEqualTo(5);
        }

        // Before it is published, the field sees nothing of it.
        assertThat(scheduledRws(as(KADER), MEDONO + ".RW001", month)).isEmpty();

        // 5. The puskesmas publishes it.
        Map<String, Object> published = puskesmas
                .documentName("planLifecycle")
                .operationName("PublishOutreachPlan")
                .variable("input", Map.of("id", planId, "version", planVersion(planId)))
                .execute()
                .path("publishOutreachPlan")
                .entity(Map.class)
                .get();
        assertThat(errorsOf(published)).isEmpty();

        // 6. The visits are recorded at the end of the month, on their planned days (RW005 was not reached).
        testClock.pin(month.atEndOfMonth());
        Map<String, String> visitIds = new TreeMap<>();
        int people = 7;
        for (String rw : VISITED) {
            Map<String, Object> recorded = puskesmas
                    .documentName("visits")
                    .operationName("RecordOutreachVisit")
                    .variable(
                            "input",
                            Map.of(
                                    "planId",
                                    planId,
                                    "rwCode",
                                    rw,
                                    "visitDate",
                                    planned.get(rw).toString(),
                                    "teamName",
                                    "Tim Pusling Medono",
                                    "teamMembers",
                                    4,
                                    "serviceKeys",
                                    List.of("PANTAU_TUMBANG", "IMUNISASI_RUTIN"),
                                    "referrals",
                                    1,
                                    "peopleServed",
                                    List.of(
                                            Map.of("segment", "BALITA", "people", people),
                                            Map.of("segment", "IBU_HAMIL", "people", 2),
                                            Map.of("segment", "LANSIA", "people", people + 3))))
                    .execute()
                    .path("recordOutreachVisit")
                    .entity(Map.class)
                    .get();
            assertThat(errorsOf(recorded)).as("visit to %s", rw).isEmpty();
            visitIds.put(rw, (String) ((Map<?, ?>) recorded.get("outreachVisit")).get("id"));
            people++;
        }
        return new Walk(month, selectionId, planId, planned, visitIds);
    }

    // ------------------------------------------------------------------------------------------------ personas

    @Test
    void theLurahProposesAndSeesHerProposalCarriedThroughToTheVisits() {
        Walk walk = walk(YearMonth.of(2027, 3));
        HttpGraphQlTester lurah = as("lurah-medono");
        List<Map<String, Object>> history = lurah.documentName("targetSelection")
                .variable("id", walk.selectionId())
                .execute()
                .path("targetSelection.history")
                .entityList(mapType())
                .get();
        assertThat(history)
                .extracting(h -> h.get("action") + " by " + h.get("actor"))
                .containsExactly(
                        "CREATE by lurah-medono",
                        "UPDATE by camat-barat",
                        "SUBMIT by camat-barat",
                        "APPROVE by puskesmas-medono");
        assertThat(scheduledRws(lurah, MEDONO, walk.month())).isEqualTo(walk.plannedDates());
        assertRealisationEqualsRecount(lurah, MEDONO, walk);
    }

    @Test
    void theCamatEditsALurahsProposalAndReadsHisKecamatansPlannedVersusDone() {
        Walk walk = walk(YearMonth.of(2027, 4));
        HttpGraphQlTester camat = as("camat-barat");
        assertRealisationEqualsRecount(camat, "33.75.01", walk);
        // Withdrawing stays the lurah's: the camat edits and sends on, but does not take her proposal back.
        assertThat(scheduledRws(camat, "33.75.01", walk.month())).containsAllEntriesOf(walk.plannedDates());
    }

    @Test
    void thePuskesmasReviewsPlansPublishesRecordsAndCompletes() {
        Walk walk = walk(YearMonth.of(2027, 5));
        HttpGraphQlTester puskesmas = as("puskesmas-medono");
        // A second plan of the same base and month cannot be published next to the official one.
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "Pusling Medono " + walk.month() + " (kedua)");
        input.put("rwCodes", List.of(MEDONO + ".RW006"));
        input.put("baseFacilityId", BASE);
        input.put("month", walk.month().toString());
        testClock.pin(walk.month().atDay(1).minusDays(1));
        String second = (String) OutreachJobPolling.plan(puskesmas, input).get("id");
        Map<String, Object> refused = puskesmas
                .documentName("planLifecycle")
                .operationName("PublishOutreachPlan")
                .variable("input", Map.of("id", second, "version", planVersion(second)))
                .execute()
                .path("publishOutreachPlan")
                .entity(Map.class)
                .get();
        assertThat(errorsOf(refused)).extracting(e -> e.get("__typename")).containsExactly("PlanAlreadyPublishedError");
        // The last visit of each visited RW is its latest recorded (other walks' months included); the month is
        // then completed.
        for (String rw : VISITED) {
            Map<String, Object> last = puskesmas
                    .documentName("visits")
                    .operationName("LastOutreachVisit")
                    .variable("code", rw)
                    .execute()
                    .path("region.lastOutreachVisit")
                    .entity(mapType())
                    .get();
            LocalDate latest = jdbc.sql("SELECT max(visit_date) FROM outreach_visits WHERE rw_code = :rw")
                    .param("rw", rw)
                    .query(LocalDate.class)
                    .single();
            assertThat(LocalDate.parse((String) last.get("visitDate")))
                    .as("last visit of %s", rw)
                    .isEqualTo(latest);
            assertThat(latest).isAfterOrEqualTo(walk.plannedDates().get(rw));
        }
        // Completing before the plan's last service day is refused: the base and month would look free.
        LocalDate lastDay =
                walk.plannedDates().values().stream().max(LocalDate::compareTo).orElseThrow();
        testClock.pin(lastDay.minusDays(1));
        Map<String, Object> early = puskesmas
                .documentName("planLifecycle")
                .operationName("CompleteOutreachPlan")
                .variable("input", Map.of("id", walk.planId(), "version", planVersion(walk.planId())))
                .execute()
                .path("completeOutreachPlan")
                .entity(Map.class)
                .get();
        assertThat(errorsOf(early)).extracting(e -> e.get("__typename")).containsExactly("PlanNotOverError");
        testClock.pin(walk.month().atEndOfMonth());
        Map<String, Object> completed = puskesmas
                .documentName("planLifecycle")
                .operationName("CompleteOutreachPlan")
                .variable("input", Map.of("id", walk.planId(), "version", planVersion(walk.planId())))
                .execute()
                .path("completeOutreachPlan")
                .entity(Map.class)
                .get();
        assertThat(errorsOf(completed)).isEmpty();
        assertThat(((Map<?, ?>) completed.get("outreachPlan")).get("status")).isEqualTo("COMPLETED");
        assertRealisationEqualsRecount(puskesmas, MEDONO, walk);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKaderSeesWhenThePuslingAndThePosyanduComeToHerRw() {
        Walk walk = walk(YearMonth.of(2027, 6));
        HttpGraphQlTester kader = as(KADER);
        String rw = MEDONO + ".RW001";
        assertThat(scheduledRws(kader, rw, walk.month()))
                .isEqualTo(Map.of(rw, walk.plannedDates().get(rw)));
        List<Map<String, Object>> days = kader.documentName("schedule")
                .operationName("OutreachSchedule")
                .variable("regionCode", rw)
                .variable("month", walk.month().toString())
                .execute()
                .path("outreachSchedule.days")
                .entityList(mapType())
                .get();
        Set<LocalDate> posyanduDays = days.stream()
                .filter(d -> !((List<?>) d.get("posyanduSessions")).isEmpty())
                .map(d -> LocalDate.parse((String) d.get("date")))
                .collect(Collectors.toCollection(TreeSet::new));
        // Recounted from the registry: the n-th (or last) weekday of the month of every session of every active
        // posyandu serving her RW.
        Set<LocalDate> sessionDays = new TreeSet<>();
        jdbc.sql("""
                        SELECT s.week_of_month, s.day_of_week FROM posyandu_sessions s
                          JOIN facilities f ON f.id = s.facility_id AND f.type = 'POSYANDU' AND f.active
                          JOIN facility_catchments c ON c.facility_id = f.id AND c.region_code = :rw""")
                .param("rw", rw)
                .query((r, n) -> {
                    int week = r.getInt(1);
                    DayOfWeek day = DayOfWeek.of(r.getInt(2));
                    return sessionDays.add(walk.month()
                            .atDay(1)
                            .with(
                                    week == -1
                                            ? TemporalAdjusters.lastInMonth(day)
                                            : TemporalAdjusters.dayOfWeekInMonth(week, day)));
                })
                .list();
        sessionDays.removeIf(d -> !YearMonth.from(d).equals(walk.month()));
        assertThat(sessionDays).as("her posyandu has sessions").isNotEmpty();
        assertThat(posyanduDays).as("the posyandu's sessions of the month").isEqualTo(sessionDays);
        // She sees which team comes (the route's Pusling unit, not "Tim 1") and takes the jadwal's paths from the
        // schedule (she cannot read outreachPlan).
        List<Map<String, Object>> visits = days.stream()
                .flatMap(d -> ((List<Map<String, Object>>) d.get("puslingVisits")).stream())
                .filter(v -> walk.planId().equals(v.get("planId")))
                .toList();
        assertThat(visits).hasSize(1);
        String team = jdbc.sql("""
                        SELECT t.team_name FROM outreach_plan_routes t JOIN outreach_plan_stops s
                            ON s.plan_id = t.plan_id AND s.service_date = t.service_date AND s.vehicle = t.vehicle
                         WHERE s.plan_id = :id AND s.rw_code = :rw""")
                .param("id", Long.parseLong(walk.planId()))
                .param("rw", rw)
                .query(String.class)
                .single();
        assertThat(visits.get(0))
                .containsEntry("teamName", team)
                .containsEntry("jadwalPdfPath", "/exports/outreach-plans/" + walk.planId() + "/jadwal.pdf");
        // Her day names are Indonesian.
        assertThat(days)
                .extracting(d -> (String) d.get("dayName"))
                .allMatch(name -> Set.of("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
                        .contains(name));
    }

    @Test
    void theDinkesReadsTheCitysPlannedVersusDoneAndEveryStepIsAudited() {
        Walk walk = walk(YearMonth.of(2027, 7));
        assertRealisationEqualsRecount(graphQl, "33.75", walk);
        List<String> selectionSteps = jdbc.sql("""
                        SELECT action FROM audit_log WHERE target_type = 'TargetSelection' AND target_id = :id
                           AND outcome = 'DONE' ORDER BY id""")
                .param("id", walk.selectionId())
                .query(String.class)
                .list();
        assertThat(selectionSteps)
                .containsExactly(
                        "createTargetSelection",
                        "updateTargetSelection",
                        "submitTargetSelection",
                        "reviewTargetSelection");
        List<String> planSteps =
                jdbc.sql("""
                        SELECT action FROM audit_log WHERE target_type = 'OutreachPlan' AND target_id = :id
                           AND outcome = 'DONE' ORDER BY id""").param("id", walk.planId()).query(String.class).list();
        assertThat(planSteps).contains("publishOutreachPlan");
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * Planned vs done of the month in {@code region}, as the caller reads it, equals a recount from the tables: the
     * stops of PUBLISHED or COMPLETED plans in the month, the visits recorded against them, the people counted; and
     * this walk's RWs read as planned and (but RW005) done.
     */
    @SuppressWarnings("unchecked")
    private void assertRealisationEqualsRecount(HttpGraphQlTester tester, String region, Walk walk) {
        Map<String, Object> realisation = tester.documentName("visits")
                .operationName("OutreachRealisation")
                .variable("regionCode", region)
                .variable("month", walk.month().toString())
                .execute()
                .path("outreachRealisation")
                .entity(mapType())
                .get();
        Map<String, Object> recount = jdbc.sql("""
                        WITH planned AS (
                            SELECT DISTINCT s.kabkota_code, s.plan_id, s.rw_code
                              FROM outreach_plan_stops s
                              JOIN outreach_plans p ON p.kabkota_code = s.kabkota_code AND p.id = s.plan_id
                             WHERE p.status IN ('PUBLISHED', 'COMPLETED')
                               AND to_char(s.service_date, 'YYYY-MM') = :month
                               AND (s.rw_code = :region OR s.rw_code LIKE :region || '.%'))
                        SELECT (SELECT count(*) FROM planned) AS planned,
                               (SELECT count(*) FROM planned p JOIN outreach_visits v
                                    ON v.kabkota_code = p.kabkota_code AND v.plan_id = p.plan_id
                                   AND v.rw_code = p.rw_code) AS done""")
                .param("month", walk.month().toString())
                .param("region", region)
                .query()
                .singleRow();
        assertThat(((Number) realisation.get("plannedCount")).longValue())
                .as("planned in %s", region)
                .isEqualTo(((Number) recount.get("planned")).longValue());
        assertThat(((Number) realisation.get("doneCount")).longValue())
                .as("done in %s", region)
                .isEqualTo(((Number) recount.get("done")).longValue());
        Map<String, Map<String, Object>> rows = ((List<Map<String, Object>>) realisation.get("rws"))
                .stream()
                        .filter(r -> walk.planId().equals(r.get("planId")))
                        .collect(Collectors.toMap(r -> (String) r.get("rwCode"), r -> r));
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(EDITED);
        for (String rw : EDITED) {
            Map<String, Object> row = rows.get(rw);
            assertThat(row.get("plannedDate"))
                    .isEqualTo(walk.plannedDates().get(rw).toString());
            if (VISITED.contains(rw)) {
                assertThat(row.get("visitId")).isEqualTo(walk.visitIds().get(rw));
                int people = jdbc.sql("""
                                SELECT sum(e.value::int)::int FROM outreach_visits v,
                                       jsonb_each_text(v.people_served) AS e
                                 WHERE v.id = CAST(:id AS bigint)""")
                        .param("id", walk.visitIds().get(rw))
                        .query(Integer.class)
                        .single();
                assertThat(((Number) row.get("peopleReachedTotal")).intValue())
                        .as("people reached in %s", rw)
                        .isEqualTo(people);
            } else {
                assertThat(row.get("visitId")).as("%s was not visited", rw).isNull();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ok(
            HttpGraphQlTester tester, String document, String field, Map<String, Object> input) {
        Map<String, Object> payload = tester.documentName(document)
                .variable("input", input)
                .execute()
                .path(field)
                .entity(Map.class)
                .get();
        assertThat((List<Object>) payload.get("errors")).as(field + " errors").isEmpty();
        return (Map<String, Object>) payload.get("targetSelection");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorsOf(Map<String, Object> payload) {
        return (List<Map<String, Object>>) payload.get("errors");
    }

    private int versionOf(String selectionId) {
        return jdbc.sql("SELECT version FROM target_selections WHERE id = CAST(:id AS bigint)")
                .param("id", selectionId)
                .query(Integer.class)
                .single();
    }

    private int planVersion(String planId) {
        return jdbc.sql("SELECT version FROM outreach_plans WHERE id = CAST(:id AS bigint)")
                .param("id", planId)
                .query(Integer.class)
                .single();
    }

    private Set<LocalDate> daysOff(YearMonth month) {
        return new TreeSet<>(jdbc.sql("""
                        SELECT date FROM calendar_days_off
                         WHERE (kabkota_code IS NULL OR kabkota_code = '33.75') AND date BETWEEN :from AND :to""")
                .param("from", month.atDay(1))
                .param("to", month.atEndOfMonth())
                .query(LocalDate.class)
                .list());
    }

    /** The RW of each stop of the plan and its day. */
    @SuppressWarnings("unchecked")
    private static Map<String, LocalDate> plannedDates(Map<String, Object> plan) {
        Map<String, LocalDate> dates = new TreeMap<>();
        for (Map<String, Object> route : (List<Map<String, Object>>) plan.get("routes")) {
            for (Map<String, Object> stop : (List<Map<String, Object>>) route.get("stops")) {
                dates.put((String) stop.get("rwCode"), LocalDate.parse((String) route.get("date")));
            }
        }
        return dates;
    }

    @SuppressWarnings("unchecked")
    private static int stopCount(Map<String, Object> plan) {
        return ((List<Map<String, Object>>) plan.get("routes"))
                .stream().mapToInt(r -> ((List<?>) r.get("stops")).size()).sum();
    }

    /** The Pusling visits of the published schedule the caller reads: RW → day. */
    @SuppressWarnings("unchecked")
    private static Map<String, LocalDate> scheduledRws(HttpGraphQlTester tester, String region, YearMonth month) {
        List<Map<String, Object>> days = tester.documentName("schedule")
                .operationName("OutreachSchedule")
                .variable("regionCode", region)
                .variable("month", month.toString())
                .execute()
                .path("outreachSchedule.days")
                .entityList(mapType())
                .get();
        Map<String, LocalDate> visits = new TreeMap<>();
        for (Map<String, Object> day : days) {
            for (Map<String, Object> visit : (List<Map<String, Object>>) day.get("puslingVisits")) {
                visits.put((String) visit.get("rwCode"), LocalDate.parse((String) day.get("date")));
            }
        }
        return visits;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }
}
