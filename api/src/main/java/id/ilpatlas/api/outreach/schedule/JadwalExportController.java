package id.ilpatlas.api.outreach.schedule;

import id.ilpatlas.api.security.Callers;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plan's printable Indonesian schedule: {@code /exports/outreach-plans/{id}/jadwal.html} (shown inline, for the
 * browser's print), {@code jadwal.pdf} and {@code jadwal.csv} (downloads). Who may read them:
 * {@link OutreachSchedule#ofPlan}; 404 when the plan does not exist or the caller may not print it, 403 for planner
 * and anonymous callers.
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

    private ResponseEntity<byte[]> respond(String id, Principal principal,
                                           Function<OutreachSchedule.PlanSchedule, byte[]> render, MediaType type,
                                           String download) {
        Optional<OutreachSchedule.PlanSchedule> found = schedule.ofPlan(callers.of(principal), id);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(type);
        if (download != null) {
            ok = ok.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + download + "\"");
        }
        return ok.body(render.apply(found.get()));
    }
}
