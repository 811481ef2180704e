package id.ilpatlas.api.outreach.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.outreach.OutreachTestPlans;
import id.ilpatlas.api.security.DemoTokens;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.schedule.MonthlySession;
import id.ilpatlas.geo.schedule.WeekOfMonth;
import id.ilpatlas.geo.testing.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The field schedule through GraphQL and REST on real PostGIS: a plan for two RWs of Medono on Monday 7 December 2026
 * is invisible to the lurah and kader while a DRAFT; once PUBLISHED the lurah of Medono and the kader of a posyandu of
 * one of its RWs see it (the kader only her RW, with her posyandu's session of the month), the lurah of another
 * kelurahan does not; the printable schedule as HTML, a PDF read back with PDFBox and a CSV in the Indonesian Excel
 * style read back with a {@code ;} reader. "Today" is Monday 30 November 2026.
 */
@Slow
class OutreachScheduleTest extends IntegrationTest {

    private static final String MEDONO = "33.75.01.1002";

    @Autowired
    RwAccessService access;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private String posyandu;
    private String kaderRw;
    private List<String> rws;

    @BeforeEach
    void setUp() {
        testClock.pin(LocalDate.of(2026, 11, 30));
        access.refreshIfStale("33.75");
        jdbc.sql("""
                UPDATE outreach_plans SET status = 'CANCELLED', cancel_reason = 'reset by OutreachScheduleTest',
                       version = version + 1 WHERE status IN ('PUBLISHED', 'COMPLETED')""").update();
        Map<String, Object> row = jdbc.sql("""
                        SELECT f.code, min(c.region_code) AS rw FROM facilities f
                          JOIN facility_catchments c ON c.facility_id = f.id
                         WHERE f.type = 'POSYANDU' AND f.active AND c.region_code LIKE :kel || '.RW%'
                           AND EXISTS (SELECT 1 FROM posyandu_sessions s WHERE s.facility_id = f.id)
                         GROUP BY f.code ORDER BY f.code LIMIT 1""").param("kel", MEDONO).query().singleRow();
        posyandu = (String) row.get("code");
        kaderRw = (String) row.get("rw");
        List<String> kaderRws =
                jdbc.sql("""
                        SELECT c.region_code FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                         WHERE f.code = :p""").param("p", posyandu).query(String.class).list();
        String other = jdbc.sql("""
                        SELECT p.rw_code FROM rw_representative_points p
                         WHERE p.rw_code LIKE :kel || '.RW%' AND NOT (p.rw_code = ANY (CAST(:mine AS text[])))
                         ORDER BY p.rw_code LIMIT 1""")
                .param("kel", MEDONO)
                .param("mine", kaderRws.toArray(String[]::new))
                .query(String.class)
                .single();
        rws = List.of(kaderRw, other);
    }

    private String plan(String name) {
        return OutreachTestPlans.create(graphQl, name, OutreachTestPlans.TIRTO, rws, List.of("2026-12-07"));
    }

    private void publish(String id) {
        graphQl.documentName("planLifecycle")
                .operationName("PublishOutreachPlan")
                .variable("input", Map.of("id", id, "version", 0))
                .execute()
                .path("publishOutreachPlan.outreachPlan.status")
                .entity(String.class)
                .isEqualTo("PUBLISHED");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schedule(GraphQlTester tester, String region) {
        return tester.documentName("schedule")
                .operationName("OutreachSchedule")
                .variable("regionCode", region)
                .variable("month", "2026-12")
                .execute()
                .path("outreachSchedule")
                .entity(Map.class)
                .get();
    }

    /** The Pusling visits of a plan on the schedule, as "date rwCode". */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> visitsOf(Map<String, Object> schedule, String planId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> day : (List<Map<String, Object>>) schedule.get("days")) {
            for (Map<String, Object> v : (List<Map<String, Object>>) day.get("puslingVisits")) {
                if (planId.equals(v.get("planId"))) {
                    Map<String, Object> withDay = new java.util.HashMap<>(v);
                    withDay.put("date", day.get("date"));
                    withDay.put("dayName", day.get("dayName"));
                    withDay.put("dateText", day.get("dateText"));
                    out.add(withDay);
                }
            }
        }
        return out;
    }

    private HttpGraphQlTester tester(DemoTokens.DemoUser user) {
        String token = demoTokens.token(user);
        return graphQl.mutate().headers(h -> h.setBearerAuth(token)).build();
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFieldSeesPublishedPlansOfItsAreaOnly() throws Exception {
        String id = plan("jadwal Medono");
        String lurahToken = tokenOf("lurah-medono");
        String kaderToken = tokenOf("kader-" + posyandu);
        String paths = "/exports/outreach-plans/" + id + "/jadwal";

        // A draft: not on the field schedule, not printable by the field; the Dinkes prints it marked as a draft.
        assertThat(visitsOf(schedule(as("lurah-medono"), MEDONO), id)).isEmpty();
        assertThat(visitsOf(schedule(as("kader-" + posyandu), MEDONO), id)).isEmpty();
        assertThat(visitsOf(schedule(graphQl, "33.75"), id)).isEmpty();
        HttpResponse<byte[]> notYet = get(paths + ".html", lurahToken);
        assertThat(notYet.statusCode()).isEqualTo(404);
        assertThat(new String(notYet.body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"NOT_FOUND\"", "belum diterbitkan atau tidak ada", id);
        assertThat(get(paths + ".pdf", kaderToken).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> draft = get(paths + ".html", tokenOf("dinkes"));
        assertThat(draft.statusCode()).isEqualTo(200);
        assertThat(new String(draft.body(), StandardCharsets.UTF_8)).contains("Draf (belum resmi)");

        publish(id);
        List<Map<String, Object>> lurah = visitsOf(schedule(as("lurah-medono"), MEDONO), id);
        assertThat(lurah).extracting(v -> v.get("rwCode")).containsExactlyInAnyOrderElementsOf(rws);
        for (Map<String, Object> v : lurah) {
            // The route's real team (its Pusling unit), vehicle in Indonesian and size, as stored with the plan.
            Map<String, Object> team = jdbc.sql("""
                            SELECT t.team_name, t.team_size, t.vehicle_kind FROM outreach_plan_routes t
                              JOIN outreach_plan_stops s ON s.plan_id = t.plan_id AND s.service_date = t.service_date
                                                        AND s.vehicle = t.vehicle
                             WHERE s.plan_id = :id AND s.rw_code = :rw""")
                    .param("id", Long.parseLong(id))
                    .param("rw", v.get("rwCode"))
                    .query()
                    .singleRow();
            assertThat((String) team.get("team_name")).startsWith("Pusling");
            assertThat(v)
                    .containsEntry("date", "2026-12-07")
                    .containsEntry("dayName", "Senin")
                    .containsEntry("dateText", "Senin, 7 Desember 2026")
                    .containsEntry("kelurahanCode", MEDONO)
                    .containsEntry("baseFacilityId", OutreachTestPlans.TIRTO)
                    .containsEntry("planStatus", "PUBLISHED")
                    .containsEntry("teamName", team.get("team_name"))
                    .containsEntry("teamSize", team.get("team_size"))
                    .containsEntry("vehicleKind", team.get("vehicle_kind"))
                    .containsEntry("cancelReason", null)
                    .containsEntry(
                            "vehicleLabel",
                            Map.of("MOBIL_PUSLING", "Mobil Pusling", "AMBULANS", "Ambulans", "MOTOR", "Sepeda motor")
                                    .get((String) team.get("vehicle_kind")))
                    .containsEntry("jadwalHtmlPath", paths + ".html")
                    .containsEntry("jadwalPdfPath", paths + ".pdf")
                    .containsEntry("jadwalCsvPath", paths + ".csv");
            // To the minute, as the stored time truncated (not rounded).
            Map<String, Object> stored = jdbc.sql("""
                            SELECT to_char(arrival, 'HH24:MI') AS arrival, to_char(service_start, 'HH24:MI') AS start,
                                   to_char(departure, 'HH24:MI') AS departure
                              FROM outreach_plan_stops WHERE plan_id = :id AND rw_code = :rw""")
                    .param("id", Long.parseLong(id))
                    .param("rw", v.get("rwCode"))
                    .query()
                    .singleRow();
            assertThat(v)
                    .containsEntry("arrival", stored.get("arrival"))
                    .containsEntry("serviceStart", stored.get("start"))
                    .containsEntry("serviceEnd", stored.get("departure"));
            assertThat((String) v.get("timeText"))
                    .matches("\\d\\d\\.\\d\\d\u2013\\d\\d\\.\\d\\d")
                    .startsWith(IndonesianFormat.time(LocalTime.parse((String) v.get("serviceStart"))));
        }
        Map<String, Object> camat = schedule(graphQl, "33.75.01");
        assertThat(visitsOf(camat, id)).hasSize(2);
        assertThat(camat).containsEntry("monthName", "Desember 2026");

        // The kader: her posyandu's RWs only, with the posyandu's session of December on its day.
        Map<String, Object> kader = schedule(as("kader-" + posyandu), MEDONO);
        assertThat(visitsOf(kader, id)).extracting(v -> v.get("rwCode")).containsExactly(kaderRw);
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (Map<String, Object> day : (List<Map<String, Object>>) kader.get("days")) {
            for (Map<String, Object> s : (List<Map<String, Object>>) day.get("posyanduSessions")) {
                Map<String, Object> withDay = new java.util.HashMap<>(s);
                withDay.put("date", day.get("date"));
                sessions.add(withDay);
            }
        }
        List<String> expectedDates = jdbc
                .sql("""
                        SELECT s.week_of_month, s.day_of_week, s.starts_at, s.ends_at FROM posyandu_sessions s
                          JOIN facilities f ON f.id = s.facility_id WHERE f.code = :p""")
                .param("p", posyandu)
                .query((rs, n) -> {
                    int week = rs.getInt(1);
                    WeekOfMonth w = Arrays.stream(WeekOfMonth.values())
                            .filter(x -> x.ordinalNumber() == week)
                            .findFirst()
                            .orElseThrow();
                    return new MonthlySession(
                                    w,
                                    DayOfWeek.of(rs.getInt(2)),
                                    rs.getObject(3, LocalTime.class),
                                    rs.getObject(4, LocalTime.class))
                            .dateIn(YearMonth.of(2026, 12))
                            .map(LocalDate::toString)
                            .orElse(null);
                })
                .list()
                .stream()
                .filter(d -> d != null)
                .toList();
        assertThat(sessions)
                .filteredOn(s -> posyandu.equals(s.get("posyanduId")))
                .extracting(s -> s.get("date"))
                .containsExactlyInAnyOrderElementsOf(expectedDates)
                .isNotEmpty();
        assertThat(sessions)
                .allSatisfy(s -> assertThat((List<String>) s.get("rwCodes")).contains(kaderRw));

        // The lurah of another kelurahan sees none of it and cannot print it; the planner reads no schedule.
        String elsewhere =
                jdbc.sql("""
                        SELECT code FROM regions WHERE level = 'KELURAHAN' AND code LIKE '33.75.%' AND code <> :kel
                         ORDER BY code DESC LIMIT 1""").param("kel", MEDONO).query(String.class).single();
        DemoTokens.DemoUser otherLurah = new DemoTokens.DemoUser("lurah-other", Role.LURAH, List.of(elsewhere), null);
        assertThat(visitsOf(schedule(tester(otherLurah), elsewhere), id)).isEmpty();
        assertThat(get(paths + ".html", demoTokens.token(otherLurah)).statusCode())
                .isEqualTo(404);
        HttpResponse<byte[]> planner = get(paths + ".html", tokenOf("planner"));
        assertThat(planner.statusCode()).isEqualTo(403);
        assertThat(new String(planner.body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"FORBIDDEN\"", "Anda tidak berhak melihat jadwal Pusling");
        assertThat(errorTypes(as("planner")
                        .documentName("schedule")
                        .operationName("OutreachSchedule")
                        .variable("regionCode", "33.75")
                        .variable("month", "2026-12")
                        .execute()))
                .containsExactly("FORBIDDEN");
        assertThat(errorTypes(as("lurah-medono")
                        .documentName("schedule")
                        .operationName("OutreachSchedule")
                        .variable("regionCode", elsewhere)
                        .variable("month", "2026-12")
                        .execute()))
                .containsExactly("FORBIDDEN");
        assertThat(get(paths + ".csv", null).statusCode()).isEqualTo(403);
    }

    @Test
    void thePrintableScheduleIsIndonesianHtmlPdfAndCsv() throws Exception {
        String id = plan("=1+1 jadwal cetak");
        publish(id);
        String paths = graphQl.documentName("schedule")
                .operationName("PlanJadwal")
                .variable("id", id)
                .execute()
                .path("outreachPlan.jadwalHtmlPath")
                .entity(String.class)
                .get();
        assertThat(paths).isEqualTo("/exports/outreach-plans/" + id + "/jadwal.html");
        String base = paths.substring(0, paths.length() - ".html".length());
        List<Map<String, Object>> stops =
                jdbc.sql("""
                        SELECT s.rw_code, r.name, s.arrival, s.service_start, s.departure FROM outreach_plan_stops s
                          JOIN regions r ON r.code = s.rw_code WHERE s.plan_id = :id ORDER BY s.vehicle, s.sequence""").param("id", Long.parseLong(id)).query().listOfRows();
        assertThat(stops).hasSize(2);

        // HTML for print: Indonesian, print CSS, nothing fetched from elsewhere.
        HttpResponse<byte[]> html = get(paths, tokenOf("lurah-medono"));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String page = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(page)
                .contains(
                        "<html lang=\"id\"",
                        "@media print",
                        "Senin, 7 Desember 2026",
                        "Desember 2026",
                        "Diterbitkan",
                        "Jadwal Posyandu",
                        (String) stops.get(0).get("rw_code"),
                        "=1+1 jadwal cetak",
                        "<title>Jadwal Pusling =1+1 jadwal cetak</title>",
                        "Pangkalan: Puskesmas",
                        "Mobil Pusling")
                .doesNotContain("Basis:", "Tim 1", "DIBATALKAN");
        // The XHTML namespace is a name, not a request; nothing else points outside the page.
        assertThat(page.replace("xmlns=\"http://www.w3.org/1999/xhtml\"", ""))
                .doesNotContain("http://", "https://")
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("url(");

        // PDF, read back with PDFBox.
        HttpResponse<byte[]> pdf = get(base + ".pdf", tokenOf("kader-" + posyandu));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Senin, 7 Desember 2026", "Desember 2026", kaderRw, "Jadwal Puskesmas Keliling");
            // The kader's copy holds her RW only.
            assertThat(text).doesNotContain(rws.get(1));
        }

        // CSV: BOM, ';', Indonesian dates, times to the minute, decimal comma, formula-safe text.
        HttpResponse<byte[]> csv = get(base + ".csv", tokenOf("dinkes"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String body = new String(csv.body(), StandardCharsets.UTF_8).substring(1);
        String[] lines = body.split("\r\n");
        assertThat(lines[0]).isEqualTo(JadwalDocuments.CSV_HEADER);
        List<String> header = Csv.split(lines[0], ';');
        List<List<String>> pusling = new ArrayList<>();
        int posyanduRows = 0;
        for (int i = 1; i < lines.length; i++) {
            List<String> cells = Csv.split(lines[i], ';');
            assertThat(cells).as("line %d: %s", i, lines[i]).hasSize(header.size());
            assertThat(cells.get(header.indexOf("Rencana"))).isEqualTo("'=1+1 jadwal cetak");
            assertThat(cells.get(header.indexOf("Status"))).isEqualTo("Diterbitkan");
            for (String c : cells) {
                assertThat(c).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
            }
            if (cells.get(0).equals("Pusling datang")) {
                pusling.add(cells);
            } else {
                assertThat(cells.get(0)).isEqualTo("Posyandu");
                posyanduRows++;
            }
        }
        assertThat(pusling).hasSize(2);
        for (List<String> cells : pusling) {
            assertThat(cells.get(header.indexOf("Tanggal"))).isEqualTo("Senin, 7 Desember 2026");
            assertThat(cells.get(header.indexOf("Tanggal ISO"))).isEqualTo("2026-12-07");
            Map<String, Object> stop = stops.stream()
                    .filter(s -> s.get("rw_code").equals(cells.get(header.indexOf("Kode RW"))))
                    .findFirst()
                    .orElseThrow();
            assertThat(cells.get(header.indexOf("Tim"))).startsWith("Pusling");
            assertThat(cells.get(header.indexOf("Kendaraan"))).isIn("Mobil Pusling", "Sepeda motor", "Ambulans");
            assertThat(cells.get(header.indexOf("Jumlah petugas"))).matches("\\d+");
            assertThat(cells.get(header.indexOf("Libur"))).isEmpty();
            assertThat(cells.get(header.indexOf("Tiba")))
                    .isEqualTo(IndonesianFormat.time(((java.sql.Time) stop.get("arrival")).toLocalTime()))
                    .matches("\\d\\d\\.\\d\\d");
            assertThat(cells.get(header.indexOf("Mulai"))).matches("\\d\\d\\.\\d\\d");
            assertThat(cells.get(header.indexOf("Selesai")))
                    .isEqualTo(IndonesianFormat.time(((java.sql.Time) stop.get("departure")).toLocalTime()));
            assertThat(cells.get(header.indexOf("Jarak dari titik sebelumnya (km)")))
                    .matches("\\d+,\\d\\d");
            assertThat(cells.get(header.indexOf("RW"))).isEqualTo(stop.get("name"));
        }
        assertThat(posyanduRows).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCancelledPlanAndADayOffAreShownToTheField() throws Exception {
        // A plan named "Pusling ..." is not titled "Jadwal Pusling Pusling ...".
        String id = OutreachTestPlans.create(
                graphQl, "Pusling Medono libur", OutreachTestPlans.TIRTO, rws, List.of("2026-12-08"));
        publish(id);
        String paths = "/exports/outreach-plans/" + id + "/jadwal";
        String lurahToken = tokenOf("lurah-medono");
        assertThat(new String(get(paths + ".html", lurahToken).body(), StandardCharsets.UTF_8))
                .contains("<title>Jadwal Pusling Medono libur</title>")
                .doesNotContain("Pusling Pusling");

        // The Dinkes adds a day off on the plan's day: told which published plan visits which RWs that day.
        Map<String, Object> added = graphQl.documentName("calendarDaysOff")
                .operationName("AddDayOff")
                .variable("input", Map.of("kabkotaCode", "33.75", "date", "2026-12-08", "name", "Hari Jadi Uji Jadwal"))
                .execute()
                .path("addDayOff")
                .entity(Map.class)
                .get();
        try {
            assertThat((List<Object>) added.get("errors")).isEmpty();
            List<Map<String, Object>> affected = (List<Map<String, Object>>) added.get("affectedPlans");
            assertThat(affected)
                    .filteredOn(a -> id.equals(a.get("planId")))
                    .singleElement()
                    .satisfies(a -> assertThat(a)
                            .containsEntry("name", "Pusling Medono libur")
                            .containsEntry("baseFacilityId", OutreachTestPlans.TIRTO)
                            .containsEntry("date", "2026-12-08")
                            .containsEntry("rwCodes", rws.stream().sorted().toList()));
            List<String> publishedThatDay = jdbc.sql("""
                            SELECT DISTINCT p.id::text FROM outreach_plans p JOIN outreach_plan_stops s ON s.plan_id = p.id
                             WHERE p.status = 'PUBLISHED' AND s.service_date = '2026-12-08' AND p.kabkota_code = '33.75'""").query(String.class).list();
            assertThat(affected).extracting(a -> a.get("planId")).containsExactlyInAnyOrderElementsOf(publishedThatDay);
            // The plan carries a note when read.
            List<Map<String, Object>> notes = graphQl
                    .documentName("schedule")
                    .operationName("PlanNotes")
                    .variable("id", id)
                    .execute()
                    .path("outreachPlan.notes")
                    .entityList(Map.class)
                    .get()
                    .stream()
                    .map(m -> (Map<String, Object>) m)
                    .toList();
            assertThat(notes)
                    .filteredOn(n -> "VISIT_ON_DAY_OFF".equals(n.get("code")))
                    .singleElement()
                    .satisfies(n -> assertThat((String) n.get("message"))
                            .contains("2026-12-08", "Hari Jadi Uji Jadwal", rws.get(0)));

            // The schedule marks the day; the jadwal prints "Libur: <nama>".
            Map<String, Object> day = ((List<Map<String, Object>>)
                            schedule(as("lurah-medono"), MEDONO).get("days"))
                    .stream()
                            .filter(d -> "2026-12-08".equals(d.get("date")))
                            .findFirst()
                            .orElseThrow();
            assertThat((Map<String, Object>) day.get("dayOff"))
                    .containsEntry("name", "Hari Jadi Uji Jadwal")
                    .containsEntry("kind", "LIBUR_DAERAH")
                    .containsEntry("kabkotaCode", "33.75");
            Map<String, Object> working = ((List<Map<String, Object>>)
                            schedule(graphQl, "33.75").get("days"))
                    .stream()
                            .filter(d -> "2026-12-07".equals(d.get("date")))
                            .findFirst()
                            .orElse(Map.of("dayOff", "none"));
            assertThat(working.get("dayOff")).as("7 December is a working day").isIn(null, "none");
            assertThat(new String(get(paths + ".html", lurahToken).body(), StandardCharsets.UTF_8))
                    .contains("Libur: Hari Jadi Uji Jadwal");

            // Cancelled: the field still sees the visits, marked, with the reason; the jadwal says so in Indonesian.
            graphQl.documentName("planLifecycle")
                    .operationName("CancelOutreachPlan")
                    .variable("input", Map.of("id", id, "version", 1, "reason", "hari libur daerah"))
                    .execute()
                    .path("cancelOutreachPlan.outreachPlan.status")
                    .entity(String.class)
                    .isEqualTo("CANCELLED");
            List<Map<String, Object>> cancelled = visitsOf(schedule(as("kader-" + posyandu), MEDONO), id);
            assertThat(cancelled).extracting(v -> v.get("rwCode")).containsExactly(kaderRw);
            assertThat(cancelled)
                    .allSatisfy(v -> assertThat(v)
                            .containsEntry("planStatus", "CANCELLED")
                            .containsEntry("cancelReason", "hari libur daerah"));
            HttpResponse<byte[]> html = get(paths + ".html", tokenOf("kader-" + posyandu));
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(new String(html.body(), StandardCharsets.UTF_8))
                    .contains("DIBATALKAN: hari libur daerah", "Dibatalkan");
            try (PDDocument document =
                    Loader.loadPDF(get(paths + ".pdf", lurahToken).body())) {
                assertThat(new PDFTextStripper().getText(document))
                        .contains("DIBATALKAN: hari libur daerah", "Libur: Hari Jadi Uji Jadwal");
            }
            String csv = new String(get(paths + ".csv", lurahToken).body(), StandardCharsets.UTF_8).substring(1);
            String[] lines = csv.split("\r\n");
            List<String> header = Csv.split(lines[0], ';');
            for (int i = 1; i < lines.length; i++) {
                List<String> cells = Csv.split(lines[i], ';');
                assertThat(cells.get(header.indexOf("Status"))).startsWith("DIBATALKAN: hari libur daerah");
                if (cells.get(0).equals("Pusling datang")) {
                    assertThat(cells.get(header.indexOf("Libur"))).isEqualTo("Libur: Hari Jadi Uji Jadwal");
                }
            }
            // A cancelled plan is not noted for days off; a cancelled draft stays invisible to the field.
            assertThat(graphQl.documentName("schedule")
                            .operationName("PlanNotes")
                            .variable("id", id)
                            .execute()
                            .path("outreachPlan.notes[*].code")
                            .entityList(String.class)
                            .get())
                    .doesNotContain("VISIT_ON_DAY_OFF");
            String draft = OutreachTestPlans.create(
                    graphQl, "draf batal", OutreachTestPlans.TIRTO, rws, List.of("2026-12-09"));
            graphQl.documentName("planLifecycle")
                    .operationName("CancelOutreachPlan")
                    .variable("input", Map.of("id", draft, "version", 0, "reason", "tidak jadi"))
                    .execute()
                    .path("cancelOutreachPlan.outreachPlan.status")
                    .entity(String.class)
                    .isEqualTo("CANCELLED");
            assertThat(visitsOf(schedule(as("lurah-medono"), MEDONO), draft)).isEmpty();
            assertThat(get("/exports/outreach-plans/" + draft + "/jadwal.html", lurahToken)
                            .statusCode())
                    .isEqualTo(404);
        } finally {
            graphQl.documentName("calendarDaysOff")
                    .operationName("RemoveDayOff")
                    .variable("input", Map.of("kabkotaCode", "33.75", "date", "2026-12-08"))
                    .execute()
                    .path("removeDayOff.errors")
                    .entityList(Object.class)
                    .hasSize(0);
        }
    }
}
