package id.ilpatlas.api.outreach;

import static id.ilpatlas.api.outreach.OutreachPlanTest.await;
import static id.ilpatlas.api.outreach.OutreachPlanTest.errors;
import static id.ilpatlas.api.outreach.OutreachPlanTest.input;
import static id.ilpatlas.api.outreach.OutreachPlanTest.plan;
import static id.ilpatlas.api.outreach.OutreachPlanTest.queue;
import static id.ilpatlas.api.outreach.OutreachPlanTest.weekOf;
import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.calendar.NationalCalendarLoader;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.geo.schedule.MonthlySession;
import id.ilpatlas.geo.schedule.WeekOfMonth;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16 on the Pekalongan data through GraphQL: the calendar (national holidays and cuti bersama shipped as data,
 * a kab/kota's own days off kept by its Dinkes, no visit on a day off or a past day), one visit per RW per month
 * spread over the weeks, the posyandu week, any facility that runs Pusling as the base, the teams per day, and
 * solving as a job (queued, polled, failed with a reason, re-queued after a restart). "Today" is pinned to Monday
 * 30 November 2026 unless a test pins another day; the solver is pinned by a solution limit (IntegrationTest).
 */
@Slow
class OutreachCalendarTest extends IntegrationTest {

    private static final String TIRTO = "PKM-3375-TIRTO";

    @Autowired
    RwAccessService access;

    @Autowired
    OutreachPlanJobRunner runner;

    @Autowired
    NationalCalendarLoader calendarLoader;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ConfigurableApplicationContext context;

    @BeforeEach
    void pinToday() {
        testClock.pin(LocalDate.of(2026, 11, 30));
        access.refreshIfStale("33.75");
    }

    private List<String> rwsNear(String facility, int n, int skip) {
        return jdbc.sql("""
                        SELECT p.rw_code FROM rw_representative_points p, facilities f
                         WHERE f.code = :f AND p.rw_code LIKE '33.75.%'
                         ORDER BY ST_Distance(p.point::geography, f.location::geography), p.rw_code
                         OFFSET :skip LIMIT :n""")
                .param("f", facility)
                .param("n", n)
                .param("skip", skip)
                .query(String.class)
                .list();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String field) {
        return (List<Map<String, Object>>) map.get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> map, String field) {
        return (Map<String, Object>) map.get(field);
    }

    /** The visit date of every RW served. */
    private static Map<String, String> visitDates(Map<String, Object> plan) {
        Map<String, String> dates = new HashMap<>();
        for (Map<String, Object> route : list(plan, "routes")) {
            for (Map<String, Object> stop : list(route, "stops")) {
                assertThat(dates.put((String) stop.get("rwCode"), (String) route.get("date")))
                        .as("%s visited once in the month", stop.get("rwCode"))
                        .isNull();
            }
        }
        return dates;
    }

    private List<Map<String, Object>> daysOff(GraphQlTester tester, int year, Integer month) {
        return tester
                .documentName("calendarDaysOff")
                .operationName("DaysOff")
                .variable("kabkotaCode", "33.75")
                .variable("year", year)
                .variable("month", month)
                .execute()
                .path("daysOff")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> day = (Map<String, Object>) m;
                    return day;
                })
                .toList();
    }

    @Test
    void theShippedCalendarHoldsTheDecreesDaysOff() {
        List<Map<String, Object>> december = daysOff(anonymous(), 2026, 12);
        assertThat(december)
                .extracting(d -> d.get("date") + " " + d.get("kind"))
                .containsExactly("2026-12-24 CUTI_BERSAMA", "2026-12-25 LIBUR_NASIONAL");
        assertThat((String) december.get(1).get("source")).contains("SKB 3 Menteri");
        assertThat(daysOff(graphQl, 2026, null)).hasSize(25);
        assertThat(daysOff(graphQl, 2027, null)).hasSize(26);
    }

    /** A December 2026 plan never visits on 24 (cuti bersama) or 25 December; January 2027 never on 1 or 5 January. */
    @Test
    void noVisitOnAHolidayOrCutiBersama() {
        List<String> rws = rwsNear(TIRTO, 10, 0);
        Map<String, Object> december = input("Desember", rws);
        december.put("month", "2026-12");
        december.put("serviceMinutes", 60);
        Map<String, Object> plan = plan(graphQl, december);
        @SuppressWarnings("unchecked")
        List<String> dates = (List<String>) plan.get("serviceDates");
        assertThat(dates).doesNotContain("2026-12-24", "2026-12-25").hasSize(21);
        assertThat(visitDates(plan).values()).doesNotContain("2026-12-24", "2026-12-25");
        assertThat(list(plan, "notes")).singleElement().satisfies(n -> {
            assertThat(n.get("code")).isEqualTo("DAYS_OFF_SKIPPED");
            assertThat((String) n.get("message")).contains("2026-12-24 Cuti Bersama", "2026-12-25 Kelahiran");
        });

        Map<String, Object> january = input("Januari", rws.subList(0, 3));
        january.put("month", "2027-01");
        Map<String, Object> jan = plan(graphQl, january);
        assertThat(stringList(jan.get("serviceDates")))
                .doesNotContain("2027-01-01", "2027-01-05")
                .contains("2027-01-04", "2027-01-29");
        assertThat(visitDates(jan).values()).doesNotContain("2027-01-01");

        // Working on cuti bersama when asked: the 24th becomes a service day; the 25th never does.
        december.put("workOnCutiBersama", true);
        december.put("rwCodes", rws.subList(0, 2));
        assertThat(stringList(plan(graphQl, december).get("serviceDates")))
                .contains("2026-12-24")
                .doesNotContain("2026-12-25");
    }

    /** An explicit date that is a day off is refused, naming the field and the day off; a plan is one month's. */
    @Test
    void explicitDaysOffAndDatesOfTwoMonthsAreRefused() {
        Map<String, Object> in = input("explicit", rwsNear(TIRTO, 2, 0));
        in.put("dates", List.of("2026-12-23", "2026-12-24", "2026-12-25"));
        List<Map<String, Object>> errors = errors(graphQl, in);
        assertThat(errors)
                .extracting(e -> e.get("__typename") + " " + String.join(".", stringList(e.get("field"))))
                .containsExactly("ServiceDayOffError input.dates.1", "ServiceDayOffError input.dates.2");
        assertThat((String) errors.get(0).get("message")).contains("workOnCutiBersama");
        assertThat(map(errors.get(1), "dayOff").get("name")).isEqualTo("Kelahiran Yesus Kristus");

        in.put("workOnCutiBersama", true);
        assertThat(errors(graphQl, in))
                .extracting(e -> String.join(".", stringList(e.get("field"))))
                .containsExactly("input.dates.2");

        in.put("dates", List.of("2026-12-30", "2027-01-04"));
        assertThat(errors(graphQl, in)).singleElement().satisfies(e -> {
            assertThat(e.get("__typename")).isEqualTo("InvalidValueError");
            assertThat(e.get("field")).isEqualTo(List.of("input", "dates", "1"));
            assertThat((String) e.get("message")).contains("one month's plan");
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object o) {
        return (List<String>) o;
    }

    /** The Dinkes adds a day off of its own: plans avoid it; only the Dinkes may; national days off stay. */
    @Test
    void aKabkotaDayOffAddedByTheDinkesIsAvoided() {
        Map<String, Object> add = Map.of(
                "kabkotaCode",
                "33.75",
                "date",
                "2026-12-16",
                "name",
                "Hari Jadi (test)",
                "source",
                "Keputusan Wali Kota (test)");
        assertThat(as("camat-utara")
                .documentName("calendarDaysOff")
                .operationName("AddDayOff")
                .variable("input", add)
                .execute()
                .errors()
                .satisfy(errs -> assertThat(errs)
                        .extracting(e -> e.getErrorType().toString())
                        .containsExactly("FORBIDDEN")));
        @SuppressWarnings("unchecked")
        Map<String, Object> added = graphQl.documentName("calendarDaysOff")
                .operationName("AddDayOff")
                .variable("input", add)
                .execute()
                .path("addDayOff")
                .entity(Map.class)
                .get();
        try {
            assertThat(list(added, "errors")).isEmpty();
            assertThat(map(added, "dayOff").get("kind")).isEqualTo("LIBUR_DAERAH");
            assertThat(daysOff(graphQl, 2026, 12))
                    .extracting(d -> d.get("date"))
                    .containsExactly("2026-12-16", "2026-12-24", "2026-12-25");
            @SuppressWarnings("unchecked")
            Map<String, Object> again = graphQl.documentName("calendarDaysOff")
                    .operationName("AddDayOff")
                    .variable("input", add)
                    .execute()
                    .path("addDayOff")
                    .entity(Map.class)
                    .get();
            assertThat(list(again, "errors"))
                    .extracting(e -> e.get("__typename"))
                    .containsExactly("DayOffExistsError");

            Map<String, Object> in = input("hari jadi", rwsNear(TIRTO, 8, 0));
            in.put("month", "2026-12");
            in.put("weekdays", List.of("WEDNESDAY"));
            in.put("vehicles", 2);
            Map<String, Object> plan = plan(graphQl, in);
            assertThat(stringList(plan.get("serviceDates")))
                    .containsExactly("2026-12-02", "2026-12-09", "2026-12-23", "2026-12-30");
            assertThat(visitDates(plan).values()).doesNotContain("2026-12-16");

            Map<String, Object> explicit = input("hari jadi explicit", rwsNear(TIRTO, 1, 0));
            explicit.put("dates", List.of("2026-12-16"));
            assertThat(errors(graphQl, explicit))
                    .extracting(e -> e.get("__typename"))
                    .containsExactly("ServiceDayOffError");
        } finally {
            @SuppressWarnings("unchecked")
            Map<String, Object> removed = graphQl.documentName("calendarDaysOff")
                    .operationName("RemoveDayOff")
                    .variable("input", Map.of("kabkotaCode", "33.75", "date", "2026-12-16"))
                    .execute()
                    .path("removeDayOff")
                    .entity(Map.class)
                    .get();
            assertThat(list(removed, "errors")).isEmpty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> national = graphQl.documentName("calendarDaysOff")
                .operationName("RemoveDayOff")
                .variable("input", Map.of("kabkotaCode", "33.75", "date", "2026-12-25"))
                .execute()
                .path("removeDayOff")
                .entity(Map.class)
                .get();
        assertThat(list(national, "errors"))
                .extracting(e -> e.get("__typename"))
                .containsExactly("DayOffNotFoundError");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action IN ('addDayOff', 'removeDayOff') "
                                + "AND outcome = 'DONE'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    /** An amended decree replaces that year's national rows only, and the shipped file restores them. */
    @Test
    void anAmendedDecreeReplacesThatYearsNationalDaysOff() {
        String amended = """
                date,kind,name_id,name_en,source
                2027-01-01,LIBUR_NASIONAL,Tahun Baru 2027 Masehi,New Year,SKB amended (test)
                2027-01-04,CUTI_BERSAMA,Cuti Bersama Tahun Baru (test),Collective leave,SKB amended (test)
                """;
        try {
            transactions.executeWithoutResult(s -> calendarLoader.load(
                    new ByteArrayInputStream(amended.getBytes(StandardCharsets.UTF_8)), "amended-test.csv"));
            assertThat(daysOff(graphQl, 2027, null))
                    .extracting(d -> d.get("date"))
                    .containsExactly("2027-01-01", "2027-01-04");
            assertThat(daysOff(graphQl, 2026, null)).hasSize(25);
            Map<String, Object> in = input("amended", rwsNear(TIRTO, 1, 0));
            in.put("month", "2027-01");
            assertThat(stringList(plan(graphQl, in).get("serviceDates")))
                    .doesNotContain("2027-01-04")
                    .contains("2027-01-05");
        } finally {
            jdbc.sql("DELETE FROM reference_data_loads WHERE dataset = 'id-national-days-off'")
                    .update();
            calendarLoader.ensureLoaded();
        }
        assertThat(daysOff(graphQl, 2027, null)).hasSize(26);
    }

    /**
     * Past days never: on 15 December at 07:00 (before the working day), a December plan starts on the 15th; at 09:00
     * (the working day from 08:00 has begun) on the 16th.
     */
    @Test
    void noVisitOnAPastDay() {
        testClock.pin(LocalDate.of(2026, 12, 15)
                .atTime(7, 0)
                .atZone(ClockConfig.SERVICE_ZONE)
                .toInstant());
        Map<String, Object> early = input("early December", rwsNear(TIRTO, 1, 0));
        early.put("month", "2026-12");
        assertThat(stringList(plan(graphQl, early).get("serviceDates"))).startsWith("2026-12-15");
        testClock.pin(LocalDate.of(2026, 12, 15)); // 09:00
        Map<String, Object> in = input("late December", rwsNear(TIRTO, 4, 0));
        in.put("month", "2026-12");
        Map<String, Object> plan = plan(graphQl, in);
        assertThat(stringList(plan.get("serviceDates")))
                .startsWith("2026-12-16")
                .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo("2026-12-16"));
        assertThat(visitDates(plan).values()).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo("2026-12-16"));
    }

    /**
     * With 10 RWs and room to spare, the visits fall in at least 3 different weeks and no day holds more than
     * ceil(n / weeks) + 1; every RW once. Packed (spreadOverWeeks false), they would all fit the first two days.
     */
    @Test
    void visitsAreSpreadOverTheWeeksOfTheMonth() {
        List<String> rws = rwsNear(TIRTO, 10, 0);
        Map<String, Object> in = input("spread", rws);
        in.put("month", "2026-12");
        in.put("serviceMinutes", 45);
        Map<String, Object> plan = plan(graphQl, in);
        Map<String, String> dates = visitDates(plan);
        assertThat(dates).hasSize(10);
        Set<Integer> weeks = new HashSet<>();
        dates.values().forEach(d -> weeks.add(weekOf(d)));
        int monthWeeks = (int) stringList(plan.get("serviceDates")).stream()
                .map(OutreachPlanTest::weekOf)
                .distinct()
                .count();
        assertThat(weeks).as("weeks with a visit").hasSizeGreaterThanOrEqualTo(3);
        Map<String, Integer> perDay = new HashMap<>();
        dates.values().forEach(d -> perDay.merge(d, 1, Integer::sum));
        int bound = (int) Math.ceil(10.0 / monthWeeks) + 1;
        assertThat(perDay.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(bound));

        in.put("spreadOverWeeks", false);
        Map<String, String> packed = visitDates(plan(graphQl, in));
        assertThat(new HashSet<>(packed.values())).hasSizeLessThanOrEqualTo(2);
    }

    /**
     * alignWithPosyandu: each RW with a posyandu session is visited in the ISO week of that session (computed here from
     * posyandu_sessions); RWs without one are spread and named in a note.
     */
    @Test
    void visitsFallInTheWeekOfThePosyanduSession() {
        List<String> rws = rwsNear(TIRTO, 8, 0);
        Map<String, Object> in = input("posyandu", rws);
        in.put("month", "2026-12");
        in.put("serviceMinutes", 30);
        in.put("vehicles", 2);
        in.put("alignWithPosyandu", true);
        Map<String, Object> plan = plan(graphQl, in);
        List<String> serviceDates = stringList(plan.get("serviceDates"));
        Map<String, Set<Integer>> sessionWeeks = new HashMap<>();
        jdbc.sql("""
                        SELECT c.region_code, s.week_of_month, s.day_of_week, s.starts_at, s.ends_at
                          FROM facility_catchments c
                          JOIN facilities f ON f.id = c.facility_id AND f.type = 'POSYANDU' AND f.active
                          JOIN posyandu_sessions s ON s.facility_id = f.id
                         WHERE c.region_code = ANY(:rws)""")
                .param("rws", rws.toArray(String[]::new))
                .query((rs, n) -> {
                    Optional<LocalDate> held = new MonthlySession(
                                    WeekOfMonth.of(rs.getInt(2)),
                                    DayOfWeek.of(rs.getInt(3)),
                                    rs.getObject(4, LocalTime.class),
                                    rs.getObject(5, LocalTime.class))
                            .dateIn(YearMonth.of(2026, 12));
                    if (held.isEmpty()) {
                        return null;
                    }
                    LocalDate session = held.get();
                    if (serviceDates.stream().anyMatch(d -> weekOf(d) == weekOf(session.toString()))) {
                        sessionWeeks
                                .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                                .add(weekOf(session.toString()));
                    }
                    return null;
                })
                .list();
        assertThat(sessionWeeks).as("RWs with a posyandu session week").isNotEmpty();
        Map<String, String> dates = visitDates(plan);
        assertThat(dates).hasSize(8);
        sessionWeeks.forEach((rw, weeks) ->
                assertThat(weeks).as("%s visited on %s", rw, dates.get(rw)).contains(weekOf(dates.get(rw))));
        List<String> without = new ArrayList<>(rws);
        without.removeAll(sessionWeeks.keySet());
        if (!without.isEmpty()) {
            assertThat(list(plan, "notes")).anySatisfy(n -> {
                assertThat(n.get("code")).isEqualTo("POSYANDU_WEEK_UNKNOWN");
                assertThat((String) n.get("message")).contains(without.get(0));
            });
        }
    }

    /**
     * The bases of a kab/kota are found with {@code facilities(filter: {regionCode, runsPusling: true})} (equal to a
     * recount of the active units); the demo's partner clinic (a general polyclinic) is a base; a hospital that runs
     * none is refused with a typed error.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aPartnerClinicIsABaseAndAFacilityWithoutPuslingIsRefused() {
        List<String> bases = new ArrayList<>();
        List<String> clinics = new ArrayList<>();
        graphQl.documentName("puslingBases")
                .variable("regionCode", "33.75")
                .execute()
                .path("facilities.edges")
                .entityList(Map.class)
                .get()
                .forEach(e -> {
                    Map<String, Object> node = (Map<String, Object>) e.get("node");
                    bases.add((String) node.get("id"));
                    if ("KLINIK".equals(node.get("type"))) {
                        clinics.add((String) node.get("id"));
                    }
                });
        assertThat(bases)
                .containsExactlyElementsOf(jdbc.sql("""
                        SELECT DISTINCT f.code FROM pusling_units u JOIN facilities f ON f.id = u.facility_id
                         WHERE u.active AND f.active AND f.kabkota_code = '33.75' ORDER BY f.code""").query(String.class).list());
        assertThat(clinics).containsExactly("KLN-3375-POLIKLINIK-AL-AFIYAH");
        String clinic = clinics.get(0);
        List<String> units = graphQl.documentName("puslingUnits")
                .variable("facilityId", clinic)
                .execute()
                .path("puslingUnits[*].vehicle")
                .entityList(String.class)
                .get();
        assertThat(units).containsExactly("AMBULANS");
        Map<String, Object> in = input("from the clinic", rwsNear(clinic, 3, 0));
        in.remove("depotFacilityId");
        in.put("baseFacilityId", clinic);
        in.put("dates", List.of("2026-12-01", "2026-12-02"));
        Map<String, Object> plan = plan(graphQl, in);
        assertThat(map(plan, "base")).containsEntry("id", clinic).containsEntry("type", "KLINIK");
        assertThat(list(plan, "routes"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(map(r, "team"))
                        .containsEntry("vehicle", "AMBULANS")
                        .containsEntry("size", 3));

        String hospital = jdbc.sql("""
                        SELECT f.code FROM facilities f WHERE f.type = 'RUMAH_SAKIT' AND f.active
                           AND NOT EXISTS (SELECT 1 FROM pusling_units u WHERE u.facility_id = f.id AND u.active)
                         ORDER BY f.code LIMIT 1""").query(String.class).single();
        in.put("baseFacilityId", hospital);
        assertThat(errors(graphQl, in)).singleElement().satisfies(e -> {
            assertThat(e.get("__typename")).isEqualTo("NoPuslingUnitError");
            assertThat(e.get("field")).isEqualTo(List.of("input", "baseFacilityId"));
            assertThat(e.get("facilityId")).isEqualTo(hospital);
        });
    }

    /** Teams per day: a team for every day with its size, another unit on one date; each route names its team. */
    @Test
    void eachRouteCarriesTheTeamOfItsDay() {
        Map<String, Object> in = input("teams", rwsNear(TIRTO, 6, 0));
        in.put("dates", List.of("2026-12-01", "2026-12-02"));
        in.put("spreadOverWeeks", false);
        in.put(
                "teams",
                List.of(
                        Map.of("unitId", "PUSLING-3375-TIRTO-1", "teamSize", 5),
                        Map.of("date", "2026-12-02", "unitId", "PUSLING-3375-TIRTO-2"),
                        Map.of("date", "2026-12-02", "unitId", "PUSLING-3375-TIRTO-1", "teamSize", 3)));
        Map<String, Object> plan = plan(graphQl, in);
        assertThat(plan.get("vehicles")).isEqualTo(2);
        for (Map<String, Object> route : list(plan, "routes")) {
            Map<String, Object> team = map(route, "team");
            if (route.get("date").equals("2026-12-01")) {
                assertThat(team).containsEntry("unitId", "PUSLING-3375-TIRTO-1").containsEntry("size", 5);
            } else {
                assertThat(team.get("unitId") + " " + team.get("size") + " " + team.get("vehicle"))
                        .isIn("PUSLING-3375-TIRTO-2 2 MOTOR", "PUSLING-3375-TIRTO-1 3 MOBIL_PUSLING");
            }
        }
        assertThat(list(plan, "routes"))
                .filteredOn(r -> r.get("date").equals("2026-12-01"))
                .hasSize(1);

        in.put("teams", List.of(Map.of("unitId", "PUSLING-3375-DUKUH-1")));
        assertThat(errors(graphQl, in))
                .singleElement()
                .satisfies(e -> assertThat(e.get("field")).isEqualTo(List.of("input", "teams", "0", "unitId")));
        in.remove("teams");
        in.put("vehicles", 3);
        assertThat(errors(graphQl, in))
                .singleElement()
                .satisfies(e -> assertThat((String) e.get("message")).contains("runs 2 Pusling unit(s)"));
    }

    /**
     * The job: queued at once, then RUNNING, then SUCCEEDED with times; a job left RUNNING by a dead process is
     * re-queued on recovery and solved again; a job whose input is no longer valid when it runs FAILS with the reason.
     */
    @Test
    void aJobIsQueuedSolvedRecoveredAfterARestartAndFailsWithAReason() {
        List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) e -> {
            if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof WorkflowEvent w) {
                events.add(w);
            }
        });
        Map<String, Object> in = input("job", rwsNear(TIRTO, 3, 0));
        in.put("dates", List.of("2026-12-01"));
        Map<String, Object> queued = queue(graphQl, in);
        assertThat(queued.get("state")).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(queued.get("createdBy")).isEqualTo("dinkes");
        Map<String, Object> done = await(graphQl, (String) queued.get("id"));
        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        assertThat(done.get("startedAt")).isNotNull();
        assertThat((String) done.get("finishedAt")).isGreaterThanOrEqualTo((String) done.get("startedAt"));
        String firstPlan = (String) map(done, "plan").get("id");
        // Others follow only the jobs of their scope.
        as("camat-utara")
                .documentName("planOutreach")
                .operationName("OutreachPlanJob")
                .variable("id", queued.get("id"))
                .execute()
                .path("outreachPlanJob")
                .valueIsNull();

        // A restart while it was RUNNING: recovery re-queues and solves it again.
        jdbc.sql("UPDATE outreach_plan_jobs SET state = 'RUNNING', plan_id = NULL, finished_at = NULL WHERE id = :id")
                .param("id", Long.parseLong((String) queued.get("id")))
                .update();
        assertThat(runner.recover()).contains(Long.parseLong((String) queued.get("id")));
        Map<String, Object> again = await(graphQl, (String) queued.get("id"));
        assertThat(again.get("state")).isEqualTo("SUCCEEDED");
        assertThat(map(again, "plan").get("id")).isNotEqualTo(firstPlan);

        // Recovered after 1 December has passed: the input is checked again and the job fails, saying why.
        jdbc.sql("UPDATE outreach_plan_jobs SET state = 'QUEUED', plan_id = NULL, finished_at = NULL WHERE id = :id")
                .param("id", Long.parseLong((String) queued.get("id")))
                .update();
        testClock.pin(LocalDate.of(2026, 12, 3));
        runner.recover();
        Map<String, Object> failed = await(graphQl, (String) queued.get("id"));
        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat((String) failed.get("message")).contains("no longer valid", "2026-12-01 is in the past");
        assertThat(list(failed, "errors"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("field")).isEqualTo(List.of("input", "dates", "0")));
        assertThat(failed.get("plan")).isNull();

        // Every step was announced (inside its transaction), for the job and its RWs.
        assertThat(events.stream()
                        .filter(e -> e.subjectId().equals(queued.get("id")))
                        .map(e -> e.kind().name()))
                .containsExactly(
                        "PLAN_JOB_QUEUED",
                        "PLAN_JOB_RUNNING",
                        "PLAN_JOB_SUCCEEDED",
                        "PLAN_JOB_RUNNING",
                        "PLAN_JOB_SUCCEEDED",
                        "PLAN_JOB_RUNNING",
                        "PLAN_JOB_FAILED");
        assertThat(events)
                .filteredOn(e -> e.subjectId().equals(queued.get("id")))
                .allSatisfy(e -> assertThat(e.rwCodes()).containsExactlyElementsOf(stringList(in.get("rwCodes"))));
    }
}
