package id.ilpatlas.api.ops;

import id.ilpatlas.api.cases.importing.CaseImportFinished;
import id.ilpatlas.api.cases.importing.CaseImportStarted;
import id.ilpatlas.api.cases.importing.ImportJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Case import metrics: {@code atlas.import.rows} (counter; tags {@code format}, {@code outcome} = inserted, updated,
 * unchanged, rejected, superseded, unassigned), {@code atlas.import.duration} (timer; tags {@code format},
 * {@code state} = SUCCEEDED or FAILED) and {@code atlas.import.running} (gauge of jobs running now). In Prometheus:
 * {@code atlas_import_rows_total}, {@code atlas_import_duration_seconds_*}, {@code atlas_import_running}.
 */
@Component
public class ImportMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();

    ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("atlas.import.running", running, AtomicInteger::get)
                .description("Case import jobs running now")
                .register(registry);
    }

    @EventListener
    void onImportStarted(CaseImportStarted event) {
        started();
    }

    /** After the RW indicators' rebuild ({@code IndicatorRefresh}), so the duration includes it as it always did. */
    @EventListener
    @Order(1)
    void onImportFinished(CaseImportFinished event) {
        finished(event.job(), System.nanoTime() - event.startedNanos());
    }

    /** A job starts reading its file. */
    public void started() {
        running.incrementAndGet();
    }

    /** A job ended (the job as stored at its end; null when it could not be read back). */
    public void finished(ImportJob job, long nanos) {
        running.decrementAndGet();
        if (job == null) {
            return;
        }
        String format = job.format().name().toLowerCase(Locale.ROOT);
        Timer.builder("atlas.import.duration")
                .description("Case import jobs, start to end")
                .tag("format", format)
                .tag("state", job.state().name())
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        rows(format, "inserted", job.rowsInserted());
        rows(format, "updated", job.rowsUpdated());
        rows(format, "unchanged", job.rowsUnchanged());
        rows(format, "rejected", job.rowsRejected());
        rows(format, "superseded", job.rowsSuperseded());
        rows(format, "unassigned", job.rowsUnassigned());
    }

    private void rows(String format, String outcome, int count) {
        Counter.builder("atlas.import.rows")
                .description("Rows of case files imported, by outcome")
                .tag("format", format)
                .tag("outcome", outcome)
                .register(registry)
                .increment(count);
    }
}
