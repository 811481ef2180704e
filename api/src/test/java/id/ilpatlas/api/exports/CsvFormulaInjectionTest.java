package id.ilpatlas.api.exports;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.outreach.OutreachJobPolling;
import id.ilpatlas.geo.testing.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Text a user typed never reaches a CSV the product writes as a live spreadsheet formula (OWASP CSV injection): a
 * cell starting with {@code = + - @}, tab or CR gets a leading {@code '}. Checked on the outreach schedule (a depot
 * puskesmas registered with a formula as its name) and on an import's problem report (a header spelled with one).
 */
@Slow
class CsvFormulaInjectionTest extends CaseTestSupport {

    private static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";
    private static final String KELURAHAN = "33.75.01.1002";
    private static final String CODE = "PKM-CSV-" + RUN;

    @LocalServerPort
    int port;

    @Autowired
    RwAccessService access;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void deleteTheFacility() {
        String id = "SELECT id FROM facilities WHERE code = '" + CODE + "'";
        jdbc.sql("DELETE FROM outreach_plans WHERE depot_facility_id IN (" + id + ")")
                .update();
        for (String table : List.of(
                "facility_services",
                "facility_catchments",
                "facility_opening_hours",
                "posyandu_sessions",
                "program_facilities",
                "pusling_units")) {
            jdbc.sql("DELETE FROM " + table + " WHERE facility_id IN (" + id + ")")
                    .update();
        }
        jdbc.sql("DELETE FROM facilities WHERE code = '" + CODE + "'").update();
    }

    @Test
    void aDepotNamedLikeAFormulaIsPlainTextInTheOutreachCsv() throws Exception {
        double[] point = pointIn(KELURAHAN);
        Map<String, Object> facility = new LinkedHashMap<>();
        facility.put("code", CODE);
        facility.put("name", FORMULA);
        facility.put("type", "PUSKESMAS");
        facility.put("location", Map.of("longitude", point[0], "latitude", point[1]));
        facility.put("kelurahanCode", KELURAHAN);
        GraphQlTester.Response created = graphQl.documentName("registryCreate")
                .variable("input", facility)
                .execute();
        created.path("createFacility.errors").entityList(Object.class).hasSize(0);
        created.path("createFacility.facility.name").entity(String.class).isEqualTo(FORMULA);

        access.refreshIfStale(
                "33.75"); // the new puskesmas makes the access rows stale: refreshed here, not in the call
        List<String> rws = jdbc.sql(
                        "SELECT code FROM regions WHERE level = 'RW' AND parent_code = :k ORDER BY code " + "LIMIT 2")
                .param("k", KELURAHAN)
                .query(String.class)
                .list();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "=1+1 formula plan");
        input.put("rwCodes", rws);
        input.put("depotFacilityId", CODE);
        input.put("dates", List.of("2027-01-06")); // 5 January 2027 is a holiday (Isra Mikraj)
        input.put("distanceMode", "GEODESIC");
        input.put("timeLimitSeconds", 1);
        // the new puskesmas runs a Pusling unit (units are registry data; there is no mutation for them)
        jdbc.sql("""
                INSERT INTO pusling_units (kabkota_code, code, facility_id, name, vehicle_kind, team_size)
                SELECT kabkota_code, 'PUSLING-FORMULA-' || id, id, 'Pusling =1+1', 'MOTOR', 2 FROM facilities
                 WHERE code = :code""").param("code", CODE).update();
        String csvPath = (String) OutreachJobPolling.plan(graphQl, input).get("csvPath");

        HttpResponse<String> csv = get(csvPath);

        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> returns =
                csv.body().lines().filter(l -> l.contains(",return,")).toList();
        assertThat(returns)
                .as(csv.body())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","));
        assertNoCellStartsAFormula(csv.body());
    }

    @Test
    void aHeaderSpelledLikeAFormulaIsPlainTextInTheProblemReport() throws Exception {
        String text = "NIK;Nama;=JK;Tgl Lahir;Kode Kel;RW;Tanggal Pengukuran;@Berat\n" + ";Anak " + RUN
                + " csv;X;01/01/2024;" + KELURAHAN + ";1;15/03/2025;-8,0\n";
        ImportJob job = importText(ImportFormat.EPPGBM, "=formula.csv", text);
        assertThat(problemLines(job)).contains("2 =JK REJECTED", "2 @Berat REJECTED");

        HttpResponse<String> report = get("/imports/" + job.id() + "/problems.csv");

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("2,\"'=JK\",REJECTED,").contains("2,\"'@Berat\",REJECTED,");
        assertNoCellStartsAFormula(report.body());
    }

    /** Every cell of a CSV body (RFC 4180, quoted or not) starts with something other than = + - @ tab CR. */
    private static void assertNoCellStartsAFormula(String body) {
        for (String line : body.split("\r?\n")) {
            for (String cell : id.ilpatlas.api.Csv.split(line, ',')) {
                if (!cell.matches("-?[0-9]+(\\.[0-9]+)?")) {
                    assertThat(cell)
                            .as("a text cell of line %s", line)
                            .doesNotStartWith("=")
                            .doesNotStartWith("+")
                            .doesNotStartWith("-")
                            .doesNotStartWith("@")
                            .doesNotStartWith("\t");
                }
            }
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + tokenOf("dinkes"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
