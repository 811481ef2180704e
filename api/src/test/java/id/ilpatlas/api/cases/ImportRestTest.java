package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.GraphQlResponse;

/**
 * The upload endpoint as a client uses it: {@code POST /imports/{format}} with a multipart part {@code file} answers
 * 202 with the job id, the job is followed through GraphQL {@code importJob(id)} until it finishes, and
 * {@code GET /imports/{id}/problems.csv} returns the report. Only DINKES_ADMIN and PUSKESMAS_STAFF may upload.
 */
@Slow
class ImportRestTest extends CaseTestSupport {

    private static final String BOUNDARY = "----atlas-test-boundary";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void dinkesUploadsFollowsTheJobAndDownloadsTheProblems() throws Exception {
        Fixture file = fixture("eppgbm-valid.csv");
        String run = file.marker();
        String bad = "9;" + nik() + ";Anak " + run + " rest-bad;X;01/01/2024;;;;;33.75.01.1002;;1;1;;;;;15/03/2025;"
                + "8,0;70,0;;;;;;;\n";
        byte[] body = (file.text() + bad).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> upload = upload("eppgbm", "dinkes", "e-ppgbm maret.csv", body);

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String id = upload.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"(\\d+)\".*", "$1");
        assertThat(id).as(upload.body()).matches("\\d+");
        assertThat(upload.body()).contains("QUEUED").contains("/imports/" + id + "/problems.csv");

        Map<String, Object> job = awaitFinished(id);
        assertThat(job)
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("format", "EPPGBM")
                .containsEntry("fileName", "e-ppgbm maret.csv")
                .containsEntry("actor", "dinkes")
                .containsEntry("rowsRead", 7)
                .containsEntry("rowsInserted", 6)
                .containsEntry("rowsRejected", 1)
                .containsEntry("rowsUnassigned", 2);
        assertThat(count("SELECT count(*) FROM children WHERE name LIKE :m", "m", "Anak " + run + " %"))
                .isEqualTo(6);

        HttpResponse<String> problems = get("/imports/" + id + "/problems.csv", "dinkes");
        assertThat(problems.statusCode()).isEqualTo(200);
        assertThat(problems.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = problems.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,column,severity,reason");
        assertThat(lines.subList(1, lines.size()))
                .satisfiesExactly(
                        l -> assertThat(l).startsWith("4,\"RW\",UNASSIGNED,\""),
                        l -> assertThat(l).startsWith("5,\"RW\",UNASSIGNED,\"RW 099 does not exist"),
                        l -> assertThat(l).startsWith("9,\"JK\",REJECTED,\"'X' is not one of"));

        HttpResponse<String> lurah = get("/imports/" + id + "/problems.csv", "lurah-medono");
        assertThat(lurah.statusCode())
                .as("the report of a job the lurah may not follow")
                .isEqualTo(404);
        assertThat(lurah.body()).doesNotContain("RW 099");
    }

    @Test
    void puskesmasStaffMayUploadTooAndFollowsItsOwnJob() throws Exception {
        String text = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RW;Tanggal Pengukuran;Berat\n" + nik() + ";Anak " + RUN
                + " rest-tirto;P;01/01/2024;33.75.01.1009;2;15/03/2025;8,0\n";
        HttpResponse<String> upload =
                upload("EPPGBM", "puskesmas-tirto", "tirto.csv", text.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String id = upload.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"(\\d+)\".*", "$1");
        Map<String, Object> job = awaitFinished(id);
        assertThat(job)
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("rowsInserted", 1)
                .containsEntry("actor", "puskesmas-tirto");
        assertThat(get("/imports/" + id + "/problems.csv", "puskesmas-tirto").statusCode())
                .isEqualTo(200);
    }

    @Test
    void whoMayUploadWhatIsCheckedBeforeAnythingIsStored() throws Exception {
        byte[] body = "NIK;Nama\n".getBytes(StandardCharsets.UTF_8);
        long jobsBefore = count("SELECT count(*) FROM import_jobs");

        for (String user :
                List.of("planner", "anonymous", "lurah-medono", "camat-utara", "kader-PSY-3375011002RW001-1")) {
            HttpResponse<String> response = upload("eppgbm", user, "x.csv", body);
            // without a token 401, with a role that may not import 403: both before the body is read
            assertThat(response.statusCode())
                    .as("upload as %s: %s", user, response.body())
                    .isEqualTo(user.equals("anonymous") ? 401 : 403);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at id.ilpatlas");
        }
        HttpResponse<String> plannerProbing = upload("sensus", "planner", "x.csv", new byte[0]);
        assertThat(plannerProbing.statusCode())
                .as("the role is checked before the format and the part")
                .isEqualTo(403);

        HttpResponse<String> unknown = upload("sensus", "dinkes", "x.csv", body);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).contains("eppgbm, sitb, p3ke, permaisuri");

        HttpResponse<String> noFile = send(HttpRequest.newBuilder(uri("/imports/sitb"))
                .header("Authorization", "Bearer " + tokenOf("dinkes"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("other", "x.csv", body)))
                .build());
        assertThat(noFile.statusCode()).as(noFile.body()).isEqualTo(400);
        assertThat(noFile.body()).contains("'file'");

        HttpResponse<String> emptyFile = upload("sitb", "dinkes", "empty.csv", new byte[0]);
        assertThat(emptyFile.statusCode()).as(emptyFile.body()).isEqualTo(400);

        assertThat(count("SELECT count(*) FROM import_jobs"))
                .as("no job for a refused upload")
                .isEqualTo(jobsBefore);
        assertThat(get("/imports/999999999/problems.csv", "dinkes").statusCode())
                .isEqualTo(404);
        assertThat(get("/imports/abc/problems.csv", "dinkes").statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitFinished(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            GraphQlResponse response = run(as("dinkes"), "caseImportJob", Map.of("id", id));
            assertThat(response.getErrors()).isEmpty();
            Map<String, Object> job = (Map<String, Object>) at(response, "importJob");
            assertThat(job).as("job %s as dinkes", id).isNotNull();
            if (job.get("state").equals("SUCCEEDED") || job.get("state").equals("FAILED")) {
                return job;
            }
            assertThat(System.currentTimeMillis())
                    .as("job %s still %s", id, job.get("state"))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> upload(String format, String user, String fileName, byte[] content) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/imports/" + format))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("file", fileName, content)));
        if (!user.equals("anonymous")) {
            request.header("Authorization", "Bearer " + tokenOf(user));
        }
        return send(request.build());
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + tokenOf(user))
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] multipart(String part, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
