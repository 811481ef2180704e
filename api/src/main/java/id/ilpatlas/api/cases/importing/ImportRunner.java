package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;

/**
 * Runs uploaded case files in the background, one job at a time, and takes part in the application's lifecycle.
 *
 * <p>On start (before the web server takes requests) it marks the jobs a previous process left QUEUED or RUNNING
 * (a crash, a kill) as FAILED with the row to re-run from, unless a live process still holds them
 * ({@link ImportJobs#failAbandoned}).
 *
 * <p>On shutdown (after the web server has stopped taking requests) it waits up to
 * {@code atlas.import.shutdown-grace} for the running import to finish; if it does not, the import stops after the
 * batch in flight has committed and its job fails with "interrupted by shutdown after row N; re-run the same file".
 * Uploads still waiting in the queue fail with "upload the file again". Nothing is left RUNNING.
 */
@Component
class ImportRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final CaseImporter importer;
    private final ImportJobs jobs;
    private final Duration grace;
    /** Only the server marks abandoned jobs (a command-line import starting meanwhile leaves them alone). */
    private final boolean server;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "case-import");
        thread.setDaemon(false);
        return thread;
    });
    /** Jobs submitted and not finished, with their file: what shutdown has to account for. */
    private final ConcurrentHashMap<Long, Path> pending = new ConcurrentHashMap<>();

    private volatile boolean running;
    /** Set once the importer has been told to stop: jobs still queued are not started. */
    private volatile boolean importerStopped;

    ImportRunner(
            CaseImporter importer,
            ImportJobs jobs,
            ApplicationContext context,
            @Value("${atlas.import.shutdown-grace:20s}") Duration grace) {
        this.importer = importer;
        this.jobs = jobs;
        this.grace = grace;
        this.server = context instanceof WebApplicationContext;
    }

    /**
     * Imports the file (a temporary copy, deleted afterwards) in the background. False when the application is
     * shutting down: the job is then failed at once and the file deleted.
     */
    boolean submit(long id, Path file, Caller caller) {
        if (!running) {
            jobs.fail(id, "the server is shutting down; upload the file again");
            delete(file);
            return false;
        }
        pending.put(id, file);
        String requestId = MDC.get("requestId");
        executor.submit(() -> {
            if (requestId != null) {
                MDC.put("requestId", requestId);
            }
            if (importerStopped) {
                jobs.fail(id, "the server shut down before the import started; upload the file again");
                pending.remove(id);
                delete(file);
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                importer.run(id, in, caller);
            } catch (IOException | RuntimeException e) {
                log.error("import job {} could not run", id, e);
            } finally {
                pending.remove(id);
                delete(file);
                MDC.remove("requestId");
            }
        });
        return true;
    }

    @Override
    public void start() {
        List<Long> abandoned = server ? jobs.failAbandoned() : List.of();
        if (!abandoned.isEmpty()) {
            log.warn(
                    "import jobs {} were left unfinished by a previous run of the server and are marked FAILED; "
                            + "re-run their files to complete them (imports are idempotent)",
                    abandoned);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "shutdown: the running import did not finish within {}; stopping it after the batch in "
                                + "flight",
                        grace);
                importerStopped = true;
                importer.requestStop();
                // The batch in flight commits (bounded by the statement timeout), then the job is marked.
                if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                    log.error("shutdown: the import did not stop; its job is marked at the next start");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Long id : pending.keySet()) {
            jobs.find(id).filter(job -> job.state() == ImportJob.State.QUEUED).ifPresent(job -> {
                jobs.fail(id, "the server shut down before the import started; upload the file again");
                delete(pending.remove(id));
            });
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at a higher phase): no upload arrives once this stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}", file);
        }
    }
}
