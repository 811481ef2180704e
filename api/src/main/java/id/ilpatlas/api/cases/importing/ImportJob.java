package id.ilpatlas.api.cases.importing;

/** An import job as users follow it: counts of rows read, inserted, updated, unchanged, rejected, unassigned. */
public record ImportJob(
        long id,
        ImportFormat format,
        String fileName,
        State state,
        String actor,
        String kabkotaCode,
        boolean synthetic,
        int rowsRead,
        int rowsInserted,
        int rowsUpdated,
        int rowsUnchanged,
        int rowsRejected,
        int rowsSuperseded,
        int rowsUnassigned,
        int committedRow,
        String error,
        String createdAt,
        String startedAt,
        String finishedAt) {

    /** Where a job is. */
    public enum State {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public boolean finished() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }

    /** One line for a terminal. */
    public String describe() {
        return "job " + id + " " + state + ": " + rowsRead + " rows read, " + rowsInserted + " inserted, "
                + rowsUpdated + " updated, " + rowsUnchanged + " unchanged, " + rowsRejected + " rejected, "
                + rowsSuperseded + " superseded, " + rowsUnassigned + " kept unassigned"
                + (error == null ? "" : "\n  stopped: " + error);
    }
}
