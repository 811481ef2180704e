package id.ilpatlas.api.outreach;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Solves queued {@code planOutreach} jobs on a bounded executor: at most {@code atlas.outreach.max-concurrent-solves}
 * at once (default: half the cores, at least one), each keeping a core busy for its search; the others wait in the
 * queue, and in the database. No request thread ever waits for the solver.
 *
 * <p>Never lost: on start, jobs a previous process left RUNNING (it died with them) go back to QUEUED and every
 * QUEUED job is submitted again ({@link #recover}); on shutdown the running solves get {@code
 * atlas.outreach.shutdown-grace} to finish, and whatever is left is re-queued at the next start. One server instance
 * runs the jobs (a second instance starting would re-queue the first one's running jobs).
 */
@Component
class OutreachPlanJobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutreachPlanJobRunner.class);

    private final OutreachPlanner planner;
    private final OutreachPlanJobs jobs;
    private final int slots;
    private final long graceSeconds;
    /** A new one at every start (a stopped context may be started again). */
    private volatile ThreadPoolExecutor executor;

    private volatile boolean running;

    OutreachPlanJobRunner(
            OutreachPlanner planner,
            OutreachPlanJobs jobs,
            @Value("${atlas.outreach.max-concurrent-solves:0}") int maxConcurrentSolves,
            @Value("${atlas.outreach.shutdown-grace-seconds:20}") long graceSeconds) {
        this.planner = planner;
        this.jobs = jobs;
        this.slots = maxConcurrentSolves > 0
                ? maxConcurrentSolves
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.graceSeconds = graceSeconds;
    }

    private ThreadPoolExecutor newExecutor() {
        AtomicInteger number = new AtomicInteger();
        return new ThreadPoolExecutor(slots, slots, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "outreach-solve-" + number.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        });
    }

    /** How many solves may run at once. */
    int slots() {
        return slots;
    }

    /**
     * Submits a queued job; a job another worker has claimed, or that has finished, is skipped. While the runner is
     * stopped the job stays QUEUED in the database and is submitted at the next start.
     */
    synchronized void submit(long id) {
        if (!running) {
            log.info("outreach plan job {} stays queued until the planner starts again", id);
            return;
        }
        executor.execute(() -> {
            try {
                jobs.claim(id).ifPresent(planner::execute);
            } catch (RuntimeException e) {
                log.error("outreach plan job {} failed", id, e);
            }
        });
    }

    /** Re-queues the jobs a previous process left RUNNING and submits every QUEUED job, oldest first. */
    List<Long> recover() {
        List<Long> open = jobs.requeueOpen();
        if (!open.isEmpty()) {
            log.info("outreach plan jobs {} were queued or running when the server stopped; solving them now", open);
        }
        open.forEach(this::submit);
        return open;
    }

    @Override
    public synchronized void start() {
        executor = newExecutor();
        running = true;
        recover();
    }

    @Override
    public void stop() {
        ThreadPoolExecutor executor;
        synchronized (this) {
            running = false;
            executor = this.executor;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
                log.warn(
                        "shutdown: outreach solves still running after {} s; they are re-queued at the next start",
                        graceSeconds);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
