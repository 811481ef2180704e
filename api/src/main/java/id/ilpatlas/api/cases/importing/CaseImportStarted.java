package id.ilpatlas.api.cases.importing;

/**
 * Application event: a case import job starts reading its file ({@link CaseImporter#run}). Published synchronously in
 * the importing thread; the import metrics count running jobs by it.
 *
 * @param jobId the job
 */
public record CaseImportStarted(long jobId) {}
