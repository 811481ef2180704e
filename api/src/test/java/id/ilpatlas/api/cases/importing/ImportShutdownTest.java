package id.ilpatlas.api.cases.importing;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.privacy.Nik;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shutdown with imports: a running import that does not finish within the grace stops after a committed batch and
 * its job fails with the row to re-run from (every committed batch whole, nothing after it); a queued upload fails
 * with "upload again"; importing the same file again completes it. Jobs left RUNNING by a dead process are marked
 * at the next start, jobs a live process still runs are not.
 */
@Slow
class ImportShutdownTest extends CaseTestSupport {

    private static final int BATCH = 5;
    private static final String HEADER = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Tinggi\n";

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog audit;

    @Autowired
    Nik nik;

    @Autowired
    List<RegisterFormat<?>> formats;

    @Autowired
    java.time.Clock clock;

    @Autowired
    ApplicationContext context;

    private CaseImporter smallBatches() {
        return new CaseImporter(jdbc, dataSource, transactions, jobs, audit, nik, formats, BATCH, clock);
    }

    /** Valid e-PPGBM rows 2..rows+1, each its own child (one row = one record, so batches are exactly 5 rows). */
    private static Path file(String tag, int rows) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int row = 2; row < rows + 2; row++) {
            text.append(nik())
                    .append(";Anak ")
                    .append(RUN)
                    .append(' ')
                    .append(tag)
                    .append('-')
                    .append(row)
                    .append(";P;01/02/2023;33.75.01.1002;1;2;15/03/2025;10,1;80,0\n");
        }
        Path path = Files.createTempFile("atlas-shutdown-", ".csv");
        Files.writeString(path, text);
        return path;
    }

    private List<Integer> storedRows(String tag) {
        return jdbc
                .sql("SELECT name FROM children WHERE name LIKE :m")
                .param("m", "Anak " + RUN + " " + tag + "-%")
                .query(String.class)
                .list()
                .stream()
                .map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1)))
                .sorted()
                .toList();
    }

    @Test
    void shutdownStopsARunningImportAfterACommittedBatchAndTheSameFileCompletesIt() throws Exception {
        String tag = "SHUT";
        int rows = 3000;
        Path file = file(tag, rows);
        Path keep = Files.createTempFile("atlas-shutdown-again-", ".csv");
        Files.copy(file, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CaseImporter importer = smallBatches();
        ImportRunner runner = new ImportRunner(importer, jobs, context, Duration.ofMillis(300));
        runner.start();
        long running = importer.createJob(ImportFormat.EPPGBM, "big.csv", DINKES, false);
        long queued = importer.createJob(ImportFormat.EPPGBM, "next.csv", DINKES, false);
        assertThat(runner.submit(running, file, DINKES)).isTrue();
        assertThat(runner.submit(queued, file(tag + "Q", 10), DINKES)).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jobs.find(running).orElseThrow().committedRow() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        runner.stop();

        ImportJob stopped = jobs.find(running).orElseThrow();
        assertThat(stopped.state()).as(stopped.describe()).isEqualTo(ImportJob.State.FAILED);
        int committed = stopped.committedRow();
        assertThat(committed).as("stopped mid-file").isGreaterThan(1).isLessThan(rows + 1);
        assertThat((committed - 1) % BATCH).as("at a batch boundary").isZero();
        assertThat(stopped.error())
                .isEqualTo(
                        "interrupted by shutdown after row " + committed
                                + " (every row up to it is committed); re-run the same file to complete it (imports are idempotent)");
        assertThat(stopped.finishedAt()).isNotNull();
        assertThat(stopped.rowsRead()).isEqualTo(committed - 1);
        assertThat(stopped.rowsInserted()).isEqualTo(committed - 1);
        assertThat(storedRows(tag))
                .as("every committed batch whole, nothing after the last")
                .isEqualTo(java.util.stream.IntStream.rangeClosed(2, committed)
                        .boxed()
                        .toList());
        ImportJob notStarted = jobs.find(queued).orElseThrow();
        assertThat(notStarted.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(notStarted.error()).contains("upload the file again");
        assertThat(storedRows(tag + "Q")).isEmpty();
        assertThat(Files.exists(file))
                .as("the upload's temporary copy is deleted")
                .isFalse();
        assertThat(runner.submit(
                        importer.createJob(ImportFormat.EPPGBM, "late.csv", DINKES, false), file(tag + "L", 1), DINKES))
                .as("no upload is taken after stop")
                .isFalse();

        ImportJob again = smallBatches().importFile(ImportFormat.EPPGBM, keep, DINKES, false);

        assertThat(again.state()).as(again.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(again.rowsUnchanged()).isEqualTo(committed - 1);
        assertThat(again.rowsInserted()).isEqualTo(rows - (committed - 1));
        assertThat(storedRows(tag)).hasSize(rows);
    }

    @Test
    void jobsLeftRunningByADeadProcessAreMarkedAtStartButNotJobsALiveProcessRuns() {
        long dead = importer.createJob(ImportFormat.EPPGBM, "dead.csv", DINKES, false);
        jobs.start(dead);
        jdbc.sql("UPDATE import_jobs SET committed_row = 2001 WHERE id = :id")
                .param("id", dead)
                .update();
        long alive = importer.createJob(ImportFormat.EPPGBM, "alive.csv", DINKES, false);
        jobs.start(alive);
        List<Long> marked;
        try (ImportJobs.RunLock lock = jobs.lock(alive)) {
            marked = jobs.failAbandoned();
        }

        assertThat(marked).contains(dead).doesNotContain(alive);
        ImportJob deadJob = jobs.find(dead).orElseThrow();
        assertThat(deadJob.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(deadJob.error()).contains("after row 2001").contains("re-run the same file");
        assertThat(jobs.find(alive).orElseThrow().state()).isEqualTo(ImportJob.State.RUNNING);

        assertThat(jobs.failAbandoned())
                .as("once its lock is gone, it is abandoned")
                .contains(alive);
    }
}
