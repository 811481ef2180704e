package id.ilpatlas.api.outreach.schedule;

import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plan's printable Indonesian schedule: {@code /exports/outreach-plans/{id}/jadwal.html} (shown inline, for the
 * browser's print), {@code jadwal.pdf} and {@code jadwal.csv} (downloads). Who may read them:
 * {@link OutreachSchedule#ofPlan}; 404 when the plan does not exist or the caller may not print it (a draft, for the
 * field), 403 for planner and anonymous callers. The refusals are read by the field: JSON with a machine-readable
 * {@code code} ({@code NOT_FOUND}, {@code FORBIDDEN}) and an Indonesian {@code error}.
 */
@RestController
class JadwalExportController {

    static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final OutreachSchedule schedule;
    private final Callers callers;

    JadwalExportController(OutreachSchedule schedule, Callers callers) {
        this.schedule = schedule;
        this.callers = callers;
    }

    @GetMapping("/exports/outreach-plans/{id}/jadwal.html")
    ResponseEntity<byte[]> html(@PathVariable String id, Principal principal) {
        return respond(id, principal, s -> JadwalDocuments.html(s).getBytes(StandardCharsets.UTF_8), HTML, null);
    }

    @GetMapping("/exports/outreach-plans/{id}/jadwal.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, Principal principal) {
        return respond(id, principal, JadwalDocuments::pdf, MediaType.APPLICATION_PDF, "jadwal-pusling-" + id + ".pdf");
    }

    @GetMapping("/exports/outreach-plans/{id}/jadwal.csv")
    ResponseEntity<byte[]> csv(@PathVariable String id, Principal principal) {
        return respond(id, principal, JadwalDocuments::csv, CSV, "jadwal-pusling-" + id + ".csv");
    }

    private ResponseEntity<byte[]> respond(
            String id,
            Principal principal,
            Function<OutreachSchedule.PlanSchedule, byte[]> render,
            MediaType type,
            String download) {
        Caller caller = callers.of(principal);
        Optional<OutreachSchedule.PlanSchedule> found;
        try {
            found = schedule.ofPlan(caller, id);
        } catch (AccessDeniedException e) {
            return refusal(
                    HttpStatus.FORBIDDEN,
                    "FORBIDDEN",
                    caller.user() == null
                            ? "Silakan masuk (login) dulu: jadwal Pusling hanya untuk Dinkes, puskesmas, camat, lurah dan kader."
                            : "Anda tidak berhak melihat jadwal Pusling: jadwal ini hanya untuk Dinkes, puskesmas, camat,"
                                    + " lurah dan kader.");
        }
        if (found.isEmpty()) {
            return refusal(
                    HttpStatus.NOT_FOUND,
                    "NOT_FOUND",
                    "Jadwal tidak ditemukan: rencana Pusling " + id
                            + " belum diterbitkan atau tidak ada (atau tidak mengunjungi RW di wilayah Anda).");
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(type);
        if (download != null) {
            ok = ok.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + download + "\"");
        }
        return ok.body(render.apply(found.get()));
    }

    private static ResponseEntity<byte[]> refusal(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("error", message);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsBytes(body));
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
}
