package id.ilpatlas.api.cases.importing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.Sql;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.graphql.DatabaseUnavailable;
import id.ilpatlas.api.privacy.Nik;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.geo.region.RegionCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
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
    /**
     * Announces {@link CaseImportStarted} and {@link CaseImportFinished} (the RW indicators, hex heat and import
     * metrics listen; absent in importers built by hand in tests).
     */
    @Autowired(required = false)
    private ApplicationEventPublisher events;
    /**
     * Set on shutdown ({@link ImportRunner#stop}): a running import stops after the batch in flight has committed and
     * its job fails with the row to re-run from. Never reset: the application is going away.
     */
    private volatile boolean stopRequested;
    /**
     * Keyed hashes (HMAC, {@link Nik#keyed}) of the identities rows carry, by their text: a child's measurements repeat
     * its NIK (or name, birth date, sex and kelurahan), so a file hashes each child once. A pure function of the text
     * (the key is the application's), so no job can see another's answer; bounded, and emptied when a job ends so that
     * no clear NIK stays in memory after it. Metrics: {@code cache_*{cache="atlas.import.keyed-hashes"}}.
     */
    private final Cache<String, String> keyedHashes = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterAccess(Duration.ofMinutes(1))
            .recordStats()
            .build();

    private final Clock clock;

    CaseImporter(
            JdbcClient jdbc,
            DataSource dataSource,
            TransactionTemplate transactions,
            ImportJobs jobs,
            AuditLog audit,
            Nik nik,
            List<RegisterFormat<?>> registerFormats,
            @Value("${atlas.import.batch-size:10000}") int batchSize,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.jobs = jobs;
        this.audit = audit;
        this.nik = nik;
        this.batchSize = batchSize;
        registerFormats.forEach(f -> formats.put(f.format(), f));
    }

    /** Hit rate and size of the identity hash cache on /actuator/prometheus. */
    @Autowired(required = false)
    void bindCacheMetrics(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, keyedHashes, "atlas.import.keyed-hashes");
    }

    /**
     * The reason of every row refused for scope: its address lies outside the importer's scope, or the record its key
     * (NIK, No Registrasi, No KK) would update does. One wording for both, naming neither the other area nor the
     * record; the column tells which of the two it was.
     */
    static String belongsToAnotherArea(Caller caller) {
        return "belongs to another area: outside your scope " + caller.scope() + "; the Dinkes may import this row";
    }

    /** Who may import: DINKES_ADMIN and PUSKESMAS_STAFF (rows outside their scope are rejected row by row). */
    public static void requireImportRole(Caller caller) {
        if (!AccessPolicy.may(caller, Permission.IMPORT_CASES)) {
            throw new AccessDeniedException("importing case files needs the role DINKES_ADMIN or PUSKESMAS_STAFF; you "
                    + "are " + caller.role());
        }
    }

    /** The audit entry of an import job ({@code jobId} null before the job exists). */
    private void auditJob(Caller caller, String jobId, String kabkotaCode, AuditLog.Outcome outcome, String detail) {
        audit.record(caller, "importCases", "ImportJob", jobId, kabkotaCode, outcome, detail, null, null);
    }

    /** The kab/kota whose Dinkes reads the audit entry of a caller's attempt: that of its first scope entry. */
    private static String callerKabkota(Caller caller) {
        return caller.scope().stream()
                .findFirst()
                .flatMap(code -> RegionCode.parse(code).kabkotaCode())
                .orElse(null);
    }

    /** Creates a QUEUED job for a file that {@link #run} will read; a refused caller is audited as DENIED. */
    public long createJob(ImportFormat format, String fileName, Caller caller, boolean synthetic) {
        try {
            requireImportRole(caller);
        } catch (AccessDeniedException e) {
            auditJob(
                    caller,
                    null,
                    callerKabkota(caller),
                    AuditLog.Outcome.DENIED,
                    format + " " + fileName + ": " + e.getMessage());
            throw e;
        }
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

    /** Asks running imports to stop after their batch in flight has committed (shutdown). */
    void requestStop() {
        stopRequested = true;
    }

    /** The message of a job stopped by shutdown after {@code committedRow}. */
    static String interruptedMessage(int committedRow) {
        return "interrupted by shutdown after row " + committedRow + " (every row up to it is committed); re-run the "
                + "same file to complete it (imports are idempotent)";
    }

    /** Reads the job's file to the end (or to the first file-level problem) and finishes the job. */
    public void run(long jobId, InputStream in, Caller caller) {
        ImportJob job = jobs.find(jobId).orElseThrow();
        RegisterFormat<?> format = formats.get(job.format());
        long started = System.nanoTime();
        if (events != null) {
            events.publishEvent(new CaseImportStarted(jobId));
        }
        boolean completed = false;
        // Held while the job runs: a server starting meanwhile does not take this job for one left by a crash.
        try (ImportJobs.RunLock lock = jobs.lock(jobId)) {
            runLocked(jobId, job, format, in, caller, started);
            completed = true;
        } finally {
            keyedHashes.invalidateAll();
            if (events != null) {
                events.publishEvent(
                        new CaseImportFinished(jobId, jobs.find(jobId).orElse(null), started, completed));
            }
        }
    }

    private void runLocked(
            long jobId, ImportJob job, RegisterFormat<?> format, InputStream in, Caller caller, long started) {
        jobs.start(jobId);
        try {
            Progress progress = runFormat(jobId, format, in, caller, job.synthetic());
            log.info(
                    "import job {} {}: {}; {}",
                    jobId,
                    job.format(),
                    progress.describe(),
                    progress.timings(System.nanoTime() - started));
            String failure = progress.interrupted ? interruptedMessage(progress.committedRow) : progress.fileProblem;
            if (failure == null) {
                jobs.succeed(jobId);
            } else {
                jobs.fail(jobId, failure);
            }
            auditJob(
                    caller,
                    Long.toString(jobId),
                    job.kabkotaCode(),
                    failure == null ? AuditLog.Outcome.DONE : AuditLog.Outcome.REJECTED,
                    job.format() + " " + job.fileName() + ": " + progress.describe()
                            + (failure == null ? "" : "; stopped: " + failure));
        } catch (RuntimeException e) {
            log.error("import job {} failed", jobId, e);
            String why = DatabaseUnavailable.causedBy(e)
                    ? "the database became unavailable"
                    : "the import stopped on an internal error";
            // The database may still be away (a restart): retry until it answers, so the job never stays RUNNING.
            whenTheDatabaseAnswers(jobId, () -> {
                jobs.fail(
                        jobId,
                        why + " after row "
                                + jobs.find(jobId).map(ImportJob::committedRow).orElse(1)
                                + "; committed batches are kept, re-run the file");
                auditJob(
                        caller,
                        Long.toString(jobId),
                        job.kabkotaCode(),
                        AuditLog.Outcome.REJECTED,
                        job.format() + " " + job.fileName() + ": " + why);
            });
        }
    }

    /** How long a job's closing bookkeeping waits for a database that went away (a restart takes seconds). */
    private static final long BOOKKEEPING_PATIENCE_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** Runs a job's closing bookkeeping, again and again while the database is unavailable (at most 5 minutes). */
    private static void whenTheDatabaseAnswers(long jobId, Runnable bookkeeping) {
        long deadline = System.nanoTime() + BOOKKEEPING_PATIENCE_NANOS;
        for (long wait = 500; ; wait = Math.min(2 * wait, 10_000)) {
            try {
                bookkeeping.run();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.causedBy(e) || System.nanoTime() + wait * 1_000_000 > deadline) {
                    log.error("import job {}: its failure could not be recorded", jobId, e);
                    throw e;
                }
                log.warn(
                        "import job {}: the database is unavailable; recording the failure again in {} ms",
                        jobId,
                        wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Counters of a running job, flushed to the job row with every batch. */
    static final class Progress {
        int read;
        int inserted;
        int updated;
        int unchanged;
        int rejected;
        /** Rows rejected by the writer because the record their key would update lies outside the importer's scope. */
        int rejectedOutOfScope;

        int superseded;
        int unassigned;
        int committedRow = 1;
        String fileProblem;
        /** Stopped by shutdown after the last committed batch. */
        boolean interrupted;
        /** Where the database writer's time went, in nanoseconds. */
        long stageNanos;

        long assignNanos;
        long mergeNanos;

        String timings(long totalNanos) {
            return "total " + totalNanos / 1_000_000 + " ms; database writer: stage (COPY) " + stageNanos / 1_000_000
                    + " ms, RW assignment " + assignNanos / 1_000_000 + " ms, merge " + mergeNanos / 1_000_000
                    + " ms (reading and validating the next batch runs alongside)";
        }

        String describe() {
            return read + " rows read, " + inserted + " inserted, " + updated + " updated, " + unchanged
                    + " unchanged, " + rejected + " rejected, " + superseded + " superseded by a later row, "
                    + unassigned
                    + " kept unassigned";
        }
    }

    private record PendingProblem(int row, String column, String severity, String reason) {}

    /** What the reader knows when it hands a batch over: its own counters and the last row read. */
    private record ReaderCounts(int read, int rejected, int superseded, int lastRow) {}

    /**
     * Writes batches in a second thread while the reader validates the next one (the two cores work at once). At
     * most one batch is in flight: handing over the next waits for the previous to commit, so memory stays flat
     * and batches commit in file order. The writer owns the {@link Progress}.
     */
    private final class BatchWriter<R extends RegisterFormat.StagedRow> implements AutoCloseable {

        private final long jobId;
        private final RegisterFormat<R> format;
        private final Caller caller;
        private final boolean synthetic;
        private final Progress progress = new Progress();
        private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "case-import-writer");
            thread.setDaemon(true);
            return thread;
        });
        private Future<?> inFlight;

        BatchWriter(long jobId, RegisterFormat<R> format, Caller caller, boolean synthetic) {
            this.jobId = jobId;
            this.format = format;
            this.caller = caller;
            this.synthetic = synthetic;
        }

        void submit(Map<String, R> batch, List<PendingProblem> problems, ReaderCounts counts) {
            await();
            List<R> rows = new ArrayList<>(batch.values());
            List<PendingProblem> pending = new ArrayList<>(problems);
            batch.clear();
            problems.clear();
            inFlight = executor.submit(() -> flush(jobId, format, rows, pending, progress, counts, caller, synthetic));
        }

        /** Waits for the batch in flight; a failure in the writer surfaces here, in the reader's thread. */
        Progress await() {
            if (inFlight != null) {
                try {
                    inFlight.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while a batch was being written", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } finally {
                    inFlight = null;
                }
            }
            return progress;
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    private <R extends RegisterFormat.StagedRow> Progress runFormat(
            long jobId, RegisterFormat<R> format, InputStream in, Caller caller, boolean synthetic) {
        ImportContext context = new ImportContext(jdbc, caller, nik, keyedHashes);
        // Fresh planner statistics of the regions (just loaded, or an RW layer just imported): the RW lookups of
        // every batch are planned with them.
        jdbc.sql("ANALYZE regions").update();
        int read = 0;
        int rejected = 0;
        int superseded = 0;
        try (BatchWriter<R> writer = new BatchWriter<>(jobId, format, caller, synthetic)) {
            try (CaseCsvReader reader = new CaseCsvReader(in)) {
                for (List<String> group : format.requiredColumns()) {
                    if (group.stream().map(CaseCsvReader::normalize).noneMatch(reader::hasColumn)) {
                        String names = String.join("' or '", group);
                        throw new CaseCsvReader.FileProblem(
                                1,
                                "the header has no column '" + names + "' (is this an "
                                        + format.format().lowerName() + " file? see docs/case-formats.md)");
                    }
                }
                Map<String, R> batch = new LinkedHashMap<>();
                List<PendingProblem> problems = new ArrayList<>();
                CaseCsvReader.Row row;
                int lastRow = 1;
                try {
                    while ((row = reader.next()) != null) {
                        read++;
                        lastRow = row.number();
                        RowProblems checked = new RowProblems(reader, row);
                        R parsed = checked.ok() ? format.parse(checked, context) : null;
                        if (parsed == null || !checked.ok()) {
                            rejected++;
                            for (RowProblems.Problem p : checked.problems()) {
                                problems.add(new PendingProblem(row.number(), p.column(), "REJECTED", p.reason()));
                            }
                        } else {
                            R earlier = batch.get(parsed.naturalKey());
                            if (earlier == null) {
                                batch.put(parsed.naturalKey(), parsed);
                            } else if (format.replaces(parsed, earlier)) {
                                superseded++;
                                batch.remove(parsed.naturalKey());
                                batch.put(parsed.naturalKey(), parsed);
                                problems.add(new PendingProblem(
                                        earlier.rowNumber(),
                                        "(row)",
                                        "SUPERSEDED",
                                        "the same record as row " + row.number() + ", which is imported instead"));
                            } else {
                                superseded++;
                                problems.add(new PendingProblem(
                                        row.number(),
                                        "(row)",
                                        "SUPERSEDED",
                                        "the same record as row " + earlier.rowNumber() + ", which is newer and "
                                                + "imported instead"));
                            }
                        }
                        if (batch.size() + problems.size() >= batchSize) {
                            writer.submit(batch, problems, new ReaderCounts(read, rejected, superseded, row.number()));
                            if (stopRequested) {
                                Progress progress = writer.await();
                                progress.interrupted = true;
                                return progress;
                            }
                        }
                    }
                } catch (CaseCsvReader.FileProblem e) {
                    // The rows read completely before the problem are imported (docs/case-formats.md).
                    writer.submit(batch, problems, new ReaderCounts(read, rejected, superseded, lastRow));
                    throw e;
                }
                writer.submit(batch, problems, new ReaderCounts(read, rejected, superseded, reader.lastRowNumber()));
                return writer.await();
            } catch (CaseCsvReader.FileProblem e) {
                Progress progress = writer.await();
                progress.fileProblem = "row " + e.rowNumber + ": " + e.getMessage();
                jobs.problem(jobId, e.rowNumber, "(file)", "REJECTED", e.getMessage());
                jobs.progress(jobId, progress);
                return progress;
            } catch (IOException e) {
                Progress progress = writer.await();
                progress.fileProblem = "the file could not be closed: " + e.getMessage();
                return progress;
            }
        }
    }

    private <R extends RegisterFormat.StagedRow> void flush(
            long jobId,
            RegisterFormat<R> format,
            List<R> batch,
            List<PendingProblem> problems,
            Progress progress,
            ReaderCounts counts,
            Caller caller,
            boolean synthetic) {
        transactions.executeWithoutResult(status -> {
            for (PendingProblem p : problems) {
                jobs.problem(jobId, p.row(), p.column(), p.severity(), p.reason());
            }
            if (!batch.isEmpty()) {
                stageAndMerge(jobId, format, batch, progress, caller, synthetic);
            }
            progress.read = counts.read();
            progress.rejected = counts.rejected() + progress.rejectedOutOfScope;
            progress.superseded = counts.superseded();
            progress.committedRow = counts.lastRow();
            jobs.progress(jobId, progress);
        });
    }

    private <R extends RegisterFormat.StagedRow> void stageAndMerge(
            long jobId,
            RegisterFormat<R> format,
            Iterable<R> rows,
            Progress progress,
            Caller caller,
            boolean synthetic) {
        jdbc.sql("CREATE TEMP TABLE stage_raw (row_number integer, kabkota_code text, kelurahan_code text, "
                        + "rt smallint, rw_number smallint, address text, lon float8, lat float8, "
                        + format.stageColumnsDdl() + ") ON COMMIT DROP")
                .update();
        long t0 = System.nanoTime();
        StageBuffer buffer = new StageBuffer();
        int staged = 0;
        for (R row : rows) {
            ImportContext.Address a = row.address();
            buffer.row()
                    .add(row.rowNumber())
                    .add(a.kabkotaCode())
                    .add(a.kelurahanCode())
                    .add(a.rt())
                    .add(a.rwNumber())
                    .add(a.street())
                    .add(a.longitude())
                    .add(a.latitude());
            format.stage(row, buffer);
            staged++;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            buffer.copyInto(
                    connection,
                    "stage_raw",
                    "row_number, kabkota_code, kelurahan_code, rt, rw_number, address, " + "lon, lat, "
                            + format.stageColumns());
        } catch (SQLException e) {
            throw new IllegalStateException("staging a batch failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        long t1 = System.nanoTime();
        progress.stageNanos += t1 - t0;
        assignRws(format);
        int outOfScope = rejectOutOfScope(jobId, format, caller);
        progress.rejectedOutOfScope += outOfScope;
        staged -= outOfScope;
        progress.unassigned += jdbc.sql(Sql.load("sql/cases/unassigned-problems.sql"))
                .param("job", jobId)
                .update();
        long t2 = System.nanoTime();
        progress.assignNanos += t2 - t1;
        RegisterFormat.Merged merged = format.merge(jdbc, jobId, synthetic);
        recordCoverage(jobId, format);
        progress.mergeNanos += System.nanoTime() - t2;
        progress.inserted += merged.inserted();
        progress.updated += merged.updated();
        progress.unchanged += staged - merged.inserted() - merged.updated();
    }

    /**
     * Takes out of {@code stage} the rows whose key (NIK, No Registrasi, No KK, mother + HPHT) matches a stored record
     * outside the importer's scope, and reports each as REJECTED on the key column: a row may only change records its
     * importer could read (docs/DESIGN.md §4, writes are scoped by what they touch). The reason is the one every scope
     * refusal has ({@link #belongsToAnotherArea}); the Dinkes learns of each from its audit log.
     *
     * @return the number of rows taken out
     */
    private int rejectOutOfScope(long jobId, RegisterFormat<?> format, Caller caller) {
        RegisterFormat.StoredRecord stored = format.storedRecord();
        List<Integer> rows = jdbc
                .sql("""
                        DELETE FROM stage s USING %s t
                         WHERE %s
                           AND NOT (t.region_code = ANY(CAST(:scope AS text[]))
                                    OR t.region_code LIKE ANY(CAST(:scopeLike AS text[])))
                        RETURNING s.row_number""".formatted(stored.table(), stored.match()))
                .param("scope", caller.scope().toArray(String[]::new))
                .param("scopeLike", caller.scope().stream().map(s -> s + ".%").toArray(String[]::new))
                .query(Integer.class)
                .list()
                .stream()
                .sorted()
                .toList();
        if (rows.isEmpty()) {
            return 0;
        }
        for (int row : rows) {
            jobs.problem(jobId, row, stored.keyColumn(), "REJECTED", belongsToAnotherArea(caller));
        }
        auditJob(
                caller,
                Long.toString(jobId),
                callerKabkota(caller),
                AuditLog.Outcome.REJECTED,
                format.format() + ": " + rows.size() + " row(s) whose " + stored.keyColumn() + " matches a record "
                        + "outside the importer's scope, rejected: rows "
                        + rows.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        return rows.size();
    }

    /**
     * Widens the job's coverage per kab/kota (import_job_coverage, V28) by the days the batch reports on, never past
     * the service day of the import (Asia/Jakarta).
     */
    private void recordCoverage(long jobId, RegisterFormat<?> format) {
        jdbc.sql("""
                INSERT INTO import_job_coverage AS c (job_id, kabkota_code, covers_from, covers_to, rows)
                SELECT :job, kabkota_code, %s, least(%s, CAST(:today AS date)), count(*)
                  FROM stage WHERE kabkota_code IS NOT NULL GROUP BY kabkota_code
                ON CONFLICT (job_id, kabkota_code) DO UPDATE
                   SET covers_from = least(c.covers_from, excluded.covers_from),
                       covers_to = greatest(c.covers_to, excluded.covers_to), rows = c.rows + excluded.rows""".formatted(format.coverageFrom(), format.coverageTo()))
                .param("job", jobId)
                .param("today", ClockConfig.serviceToday(clock))
                .update();
    }

    /**
     * Builds the staging table {@code stage} from the copied rows with their RW: point-in-polygon first (inside the
     * stated kelurahan, or the kab/kota when the kelurahan is unknown), then kelurahan + RW number, else
     * UNASSIGNED ({@code sql/cases/assign-rws.sql}). One pass that writes each row once; the lookups are per-row index
     * probes (GiST, primary key).
     */
    private void assignRws(RegisterFormat<?> format) {
        String formatColumns = Arrays.stream(format.stageColumns().split(","))
                .map(c -> "raw." + c.strip())
                .collect(Collectors.joining(", "));
        // The RW depends on the address only (kab/kota, kelurahan, RW number, point), and a child's measurements
        // repeat its address: each distinct address of the batch is looked up once (concat writes NULL as '' and no
        // value is '' or holds '|'; a float8 as text is exact). A batch of an e-PPGBM export has ~8 rows per address.
        jdbc.sql(Sql.load("sql/cases/assign-rws.sql").replace("/*format columns*/", formatColumns))
                .update();
        // Statistics of the batch (a temporary table has none): without them the scope check and the merge joined
        // the batch to the register by hashing the whole children table, once per batch (284 ms of a 10,000-row
        // batch at 125,000 children, growing with the register); with them each distinct child is one index probe.
        jdbc.sql("ANALYZE stage").update();
    }
}
