package id.ilpatlas.api.cases.importing;

/**
 * Application event: a case import job ended ({@link CaseImporter#run}), whether it succeeded or failed. Published
 * synchronously in the importing thread before {@code run} returns, so a listener's work (the RW indicators and the
 * hex heat of the job's kab/kotas, the import metrics) is done when an import call returns: a caller reading
 * indicators right after an import sees them fresh.
 *
 * @param jobId        the job
 * @param job          the job as stored at its end (state, kab/kota, scope, row counts); null when it could not be
 *                     read back (the database went away)
 * @param startedNanos {@link System#nanoTime()} when the job started reading its file (durations)
 * @param completed    whether the job's closing bookkeeping ran (its state and audit entry are stored); false when the
 *                     import stopped on a failure that could not even be recorded
 */
public record CaseImportFinished(long jobId, ImportJob job, long startedNanos, boolean completed) {}
