package id.ilpatlas.api.cases.importing;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One national export format and the register it fills: which columns it needs, how a row is validated, how a batch
 * is staged and merged. The importer does the rest (streaming, batches, RW assignment, the job and its report).
 *
 * @param <R> a validated row
 */
interface RegisterFormat<R extends RegisterFormat.StagedRow> {

    /** What every validated row carries: its file row number, natural key and address. */
    interface StagedRow {
        int rowNumber();

        String naturalKey();

        ImportContext.Address address();
    }

    /** Rows of a batch that the merge inserted and updated (the rest of the staged rows were unchanged). */
    record Merged(int inserted, int updated) {}

    /**
     * How a staged row finds the record it would update: the register table (alias {@code t}), the condition joining
     * it to a staged row (alias {@code s}), and the column, as documented, that carries the key.
     */
    record StoredRecord(String table, String match, String keyColumn) {}

    ImportFormat format();

    /** Where the record a staged row would update is stored (the importer rejects rows whose record is out of scope). */
    StoredRecord storedRecord();

    /** Column groups (names as documented) of which at least one column must be present in the header. */
    List<List<String>> requiredColumns();

    /**
     * Whether a later row of the file replaces an earlier one with the same natural key (in the same batch). By
     * default the later row wins; a format with an as-of date keeps the newer row.
     */
    default boolean replaces(R later, R earlier) {
        return true;
    }

    /**
     * An SQL aggregate over the batch's staged rows (table {@code stage}) for the first day the batch reports on
     * completely: what {@code import_job_coverage} (V28) records, so that a period outside every import reads as no data
     * rather than zero.
     */
    String coverageFrom();

    /**
     * An SQL aggregate over the staged rows for the last day the batch reports on (the importer never lets it pass
     * the day of the import).
     */
    String coverageTo();

    /** The row validated, or null when it is rejected (its problems are then in {@code row}). */
    R parse(RowProblems row, ImportContext context);

    /** The format's own staging columns after the common ones: {@code name type, name type}. */
    String stageColumnsDdl();

    /** The format's own staging column names, in the order {@link #stage} adds them. */
    String stageColumns();

    void stage(R row, StageBuffer buffer);

    /**
     * Merges the staged rows (RW already assigned in {@code stage.rw_code}, {@code stage.rw_assignment}) into the
     * register: inserts new natural keys, updates changed ones, leaves equal ones untouched.
     */
    Merged merge(JdbcClient jdbc, long jobId, boolean synthetic);
}
