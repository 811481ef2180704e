package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Case file upload: {@code POST /imports/{format}} (multipart, part {@code file}) answers 202 with the job id at
 * once and imports in the background, one job at a time; follow it with the GraphQL {@code importJob(id)} query.
 * {@code GET /imports/{id}/problems.csv} downloads every rejected and unassigned row (row, column, severity, reason).
 */
@RestController
class ImportController {

    private final CaseImporter importer;
    private final ImportJobs jobs;
    private final Callers callers;
    private final ImportRunner runner;

    ImportController(CaseImporter importer, ImportJobs jobs, Callers callers, ImportRunner runner) {
        this.importer = importer;
        this.jobs = jobs;
        this.callers = callers;
        this.runner = runner;
    }

    @PostMapping(path = "/imports/{format}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(
            @PathVariable String format,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Principal principal)
            throws IOException {
        Caller caller = callers.of(principal);
        // Who may import is decided first: a caller without the role learns nothing about formats or parts.
        CaseImporter.requireImportRole(caller);
        ImportFormat importFormat = ImportFormat.fromName(format);
        if (importFormat == null) {
            return error(
                    HttpStatus.NOT_FOUND, "unknown import format '" + format + "' (eppgbm, sitb, p3ke, permaisuri)");
        }
        if (file == null || file.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "the multipart part 'file' is missing or empty");
        }
        Path copy = Files.createTempFile("atlas-import-", ".csv");
        file.transferTo(copy);
        String name = file.getOriginalFilename() == null
                ? "upload.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        long id;
        try {
            id = importer.createJob(importFormat, name, caller, false);
        } catch (RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        if (!runner.submit(id, copy, caller)) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "the server is shutting down; upload the file again");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Long.toString(id));
        body.put("state", "QUEUED");
        body.put("problems", "/imports/" + id + "/problems.csv");
        return ResponseEntity.accepted()
                .location(URI.create("/imports/" + id + "/problems.csv"))
                .body(body);
    }

    @GetMapping("/imports/{id}/problems.csv")
    void problems(@PathVariable String id, Principal principal, HttpServletResponse response) throws IOException {
        Caller caller = callers.of(principal);
        long jobId;
        try {
            jobId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            response.sendError(HttpStatus.NOT_FOUND.value());
            return;
        }
        if (!jobs.visible(jobId, caller)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getWriter().write("no import job " + id + " that you may read\n");
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + jobId + "-problems.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        jobs.writeProblemsCsv(jobId, out);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
