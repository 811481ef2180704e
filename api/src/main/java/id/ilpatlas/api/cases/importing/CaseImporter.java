package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.privacy.Nik;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a national export file into its case register, streaming: one batch of rows in memory at a time, each
 * batch in its own transaction (a crash leaves no partial batch; the job records the last committed row). Rows are
 * merged by natural key, so the same file again changes nothing and a corrected row updates its record. Every
 * rejected row is reported with row number, column and reason; rows whose RW cannot be found are kept unassigned
 * and reported; no valid row is dropped.
 */
@Service
public class CaseImporter {

    private static final Logger log = LoggerFactory.getLogger(CaseImporter.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final ImportJobs jobs;
    private final AuditLog audit;
    private final Nik nik;
    private final Map<ImportFormat, RegisterFormat<?>> formats = new EnumMap<>(ImportFormat.class);
    private final int batchSize;

    CaseImporter(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, ImportJobs jobs,
                 AuditLog audit, Nik nik, List<RegisterFormat<?>> registerFormats,
                 @Value("${atlas.import.batch-size:2000}") int batchSize) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.jobs = jobs;
        this.audit = audit;
        this.nik = nik;
        this.batchSize = batchSize;
        registerFormats.forEach(f -> formats.put(f.format(), f));
    }

    /** Who may import: DINKES_ADMIN and PUSKESMAS_STAFF (rows outside their scope are rejected row by row). */
    public static void requireImportRole(Caller caller) {
        if (caller.role() != Role.DINKES_ADMIN && caller.role() != Role.PUSKESMAS_STAFF) {
            throw new AccessDeniedException("importing case files needs the role DINKES_ADMIN or PUSKESMAS_STAFF; you "
                    + "are " + caller.role());
        }
    }

    /** Creates a QUEUED job for a file that {@link #run} will read. */
    public long createJob(ImportFormat format, String fileName, Caller caller, boolean synthetic) {
        requireImportRole(caller);
        return jobs.create(format, fileName, caller, synthetic);
    }

    /** Imports a file now, in the calling thread; returns the finished job. */
    public ImportJob importFile(ImportFormat format, Path file, Caller caller, boolean synthetic) {
        long id = createJob(format, file.getFileName().toString(), caller, synthetic);
        try (InputStream in = Files.newInputStream(file)) {
            run(id, in, caller);
        } catch (IOException e) {
            jobs.fail(id, "the file could not be read: " + e.getMessage());
        }
        return jobs.find(id).orElseThrow();
    }

    /** Reads the job's file to the end (or to the first file-level problem) and finishes the job. */
    public void run(long jobId, InputStream in, Caller caller) {
        ImportJob job = jobs.find(jobId).orElseThrow();
        RegisterFormat<?> format = formats.get(job.format());
        jobs.start(jobId);
        try {
            long started = System.nanoTime();
            Progress progress = runFormat(jobId, format, in, caller, job.synthetic());
            log.info("import job {} {}: {}; {}", jobId, job.format(), progress.describe(),
                    progress.timings(System.nanoTime() - started));
            String failure = progress.fileProblem;
            if (failure == null) {
                jobs.succeed(jobId);
            } else {
                jobs.fail(jobId, failure);
            }
            audit.record(caller, "importCases", "ImportJob", Long.toString(jobId), job.kabkotaCode(),
                    failure == null ? AuditLog.Outcome.DONE : AuditLog.Outcome.REJECTED,
                    job.format() + " " + job.fileName() + ": " + progress.describe()
                            + (failure == null ? "" : "; stopped: " + failure), null, null);
        } catch (RuntimeException e) {
            log.error("import job {} failed", jobId, e);
            jobs.fail(jobId, "the import stopped on an internal error after row " + jobs.find(jobId)
                    .map(ImportJob::committedRow).orElse(1) + "; committed batches are kept, re-run the file");
            audit.record(caller, "importCases", "ImportJob", Long.toString(jobId), job.kabkotaCode(),
                    AuditLog.Outcome.REJECTED, job.format() + " " + job.fileName() + ": internal error", null, null);
        }
    }

    /** Counters of a running job, flushed to the job row with every batch. */
    static final class Progress {
        int read;
        int inserted;
        int updated;
        int unchanged;
        int rejected;
        int superseded;
        int unassigned;
        int committedRow = 1;
        String fileProblem;
        /** Where the time went, in nanoseconds: COPY, RW assignment, merging; the rest is reading and validating. */
        long stageNanos;
        long assignNanos;
        long mergeNanos;

        String timings(long totalNanos) {
            long parseNanos = totalNanos - stageNanos - assignNanos - mergeNanos;
            return "total " + totalNanos / 1_000_000 + " ms: read+validate+commit " + parseNanos / 1_000_000
                    + " ms, stage (COPY) " + stageNanos / 1_000_000
                    + " ms, RW assignment " + assignNanos / 1_000_000 + " ms, merge " + mergeNanos / 1_000_000 + " ms";
        }

        String describe() {
            return read + " rows read, " + inserted + " inserted, " + updated + " updated, " + unchanged
                    + " unchanged, " + rejected + " rejected, " + superseded + " superseded by a later row, " + unassigned
                    + " kept unassigned";
        }
    }

    private record PendingProblem(int row, String column, String severity, String reason) {
    }

    private <R extends RegisterFormat.StagedRow> Progress runFormat(long jobId, RegisterFormat<R> format,
                                                                     InputStream in, Caller caller, boolean synthetic) {
        Progress progress = new Progress();
        ImportContext context = new ImportContext(jdbc, caller, nik);
        try (CaseCsvReader reader = new CaseCsvReader(in)) {
            for (List<String> group : format.requiredColumns()) {
                if (group.stream().map(CaseCsvReader::normalize).noneMatch(reader::hasColumn)) {
                    String names = String.join("' or '", group);
                    throw new CaseCsvReader.FileProblem(1, "the header has no column '" + names + "' (is this an "
                            + format.format().lowerName() + " file? see docs/case-formats.md)");
                }
            }
            Map<String, R> batch = new LinkedHashMap<>();
            List<PendingProblem> problems = new ArrayList<>();
            CaseCsvReader.Row row;
            int lastRow = 1;
            try {
                while ((row = reader.next()) != null) {
                    progress.read++;
                    lastRow = row.number();
                    RowProblems checked = new RowProblems(reader, row);
                    R parsed = checked.ok() ? format.parse(checked, context) : null;
                    if (parsed == null || !checked.ok()) {
                        progress.rejected++;
                        for (RowProblems.Problem p : checked.problems()) {
                            problems.add(new PendingProblem(row.number(), p.column(), "REJECTED", p.reason()));
                        }
                    } else {
                        R earlier = batch.get(parsed.naturalKey());
                        if (earlier == null) {
                            batch.put(parsed.naturalKey(), parsed);
                        } else if (format.replaces(parsed, earlier)) {
                            progress.superseded++;
                            batch.remove(parsed.naturalKey());
                            batch.put(parsed.naturalKey(), parsed);
                            problems.add(new PendingProblem(earlier.rowNumber(), "(row)", "SUPERSEDED",
                                    "the same record as row " + row.number() + ", which is imported instead"));
                        } else {
                            progress.superseded++;
                            problems.add(new PendingProblem(row.number(), "(row)", "SUPERSEDED",
                                    "the same record as row " + earlier.rowNumber() + ", which is newer and imported "
                                            + "instead"));
                        }
                    }
                    if (batch.size() + problems.size() >= batchSize) {
                        flush(jobId, format, batch, problems, progress, row.number(), synthetic);
                    }
                }
            } catch (CaseCsvReader.FileProblem e) {
                // The rows read completely before the problem are imported (docs/case-formats.md).
                flush(jobId, format, batch, problems, progress, lastRow, synthetic);
                throw e;
            }
            flush(jobId, format, batch, problems, progress, reader.lastRowNumber(), synthetic);
        } catch (CaseCsvReader.FileProblem e) {
            progress.fileProblem = "row " + e.rowNumber + ": " + e.getMessage();
            jobs.problem(jobId, e.rowNumber, "(file)", "REJECTED", e.getMessage());
            jobs.progress(jobId, progress);
        } catch (IOException e) {
            progress.fileProblem = "the file could not be closed: " + e.getMessage();
        }
        return progress;
    }

    private <R extends RegisterFormat.StagedRow> void flush(long jobId, RegisterFormat<R> format, Map<String, R> batch,
                                                            List<PendingProblem> problems, Progress progress,
                                                            int lastRow, boolean synthetic) {
        transactions.executeWithoutResult(status -> {
            for (PendingProblem p : problems) {
                jobs.problem(jobId, p.row(), p.column(), p.severity(), p.reason());
            }
            if (!batch.isEmpty()) {
                stageAndMerge(jobId, format, batch.values(), progress, synthetic);
            }
            progress.committedRow = lastRow;
            jobs.progress(jobId, progress);
        });
        batch.clear();
        problems.clear();
    }

    private <R extends RegisterFormat.StagedRow> void stageAndMerge(long jobId, RegisterFormat<R> format,
                                                                    Iterable<R> rows, Progress progress,
                                                                    boolean synthetic) {
        jdbc.sql("CREATE TEMP TABLE stage (row_number integer PRIMARY KEY, kabkota_code text, kelurahan_code text, "
                + "rt smallint, rw_number smallint, address text, lon float8, lat float8, rw_code text, "
                + "rw_assignment text, " + format.stageColumnsDdl() + ") ON COMMIT DROP").update();
        long t0 = System.nanoTime();
        StageBuffer buffer = new StageBuffer();
        int staged = 0;
        for (R row : rows) {
            ImportContext.Address a = row.address();
            buffer.row().add(row.rowNumber()).add(a.kabkotaCode()).add(a.kelurahanCode()).add(a.rt())
                    .add(a.rwNumber()).add(a.street()).add(a.longitude()).add(a.latitude());
            format.stage(row, buffer);
            staged++;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            buffer.copyInto(connection, "stage", "row_number, kabkota_code, kelurahan_code, rt, rw_number, address, "
                    + "lon, lat, " + format.stageColumns());
        } catch (SQLException e) {
            throw new IllegalStateException("staging a batch failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        long t1 = System.nanoTime();
        progress.stageNanos += t1 - t0;
        assignRws();
        progress.unassigned += jdbc.sql("""
                INSERT INTO import_problems (job_id, row_number, column_name, severity, reason)
                SELECT :job, row_number, 'RW', 'UNASSIGNED',
                       CASE WHEN kelurahan_code IS NULL
                            THEN 'the kelurahan is not in the region table; kept at kab/kota ' || kabkota_code
                            WHEN rw_number IS NULL AND lon IS NULL
                            THEN 'no RW number and no point; kept at kelurahan ' || kelurahan_code
                            ELSE concat_ws(' and ',
                                   CASE WHEN rw_number IS NOT NULL
                                        THEN 'RW ' || lpad(rw_number::text, 3, '0') || ' does not exist in kelurahan '
                                             || kelurahan_code END,
                                   CASE WHEN lon IS NOT NULL THEN 'the point lies in none of its RWs' END)
                                 || '; kept at kelurahan ' || kelurahan_code
                       END
                  FROM stage WHERE rw_assignment = 'UNASSIGNED'
                ON CONFLICT DO NOTHING""").param("job", jobId).update();
        long t2 = System.nanoTime();
        progress.assignNanos += t2 - t1;
        RegisterFormat.Merged merged = format.merge(jdbc, jobId, synthetic);
        progress.mergeNanos += System.nanoTime() - t2;
        progress.inserted += merged.inserted();
        progress.updated += merged.updated();
        progress.unchanged += staged - merged.inserted() - merged.updated();
    }

    /**
     * Point-in-polygon first (inside the stated kelurahan, or the kab/kota when unknown), then kelurahan + RW number.
     * Per-row subqueries on the GiST and primary-key indexes: the staging table has no statistics, so a join
     * could be planned as a nested loop over the whole batch.
     */
    private void assignRws() {
        jdbc.sql("""
                UPDATE stage s
                   SET rw_code = (SELECT r.code FROM regions r
                                   WHERE r.level = 'RW'
                                     AND ST_Intersects(r.geom, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326))
                                     AND CASE WHEN s.kelurahan_code IS NOT NULL THEN r.parent_code = s.kelurahan_code
                                              ELSE r.kabkota_code = s.kabkota_code END
                                   ORDER BY r.code LIMIT 1),
                       rw_assignment = 'POINT'
                 WHERE s.lon IS NOT NULL""").update();
        jdbc.sql("""
                UPDATE stage s
                   SET rw_code = (SELECT r.code FROM regions r
                                   WHERE r.code = s.kelurahan_code || '.RW' || lpad(s.rw_number::text, 3, '0')
                                     AND r.level = 'RW'),
                       rw_assignment = 'KELURAHAN_RW'
                 WHERE s.rw_code IS NULL AND s.kelurahan_code IS NOT NULL AND s.rw_number IS NOT NULL""").update();
        jdbc.sql("""
                UPDATE stage s
                   SET rw_assignment = CASE WHEN s.rw_code IS NULL THEN 'UNASSIGNED' ELSE s.rw_assignment END,
                       kelurahan_code = coalesce(s.kelurahan_code,
                                                 (SELECT r.parent_code FROM regions r WHERE r.code = s.rw_code))
                 WHERE s.rw_code IS NULL OR s.kelurahan_code IS NULL""").update();
        jdbc.sql("ANALYZE stage").update();
    }
}
