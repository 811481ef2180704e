package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.geo.region.RegionCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Import jobs and their problem reports. Updates run in the caller's transaction (the batch's). */
@Repository
public class ImportJobs {

    private static final String COLUMNS = """
            id, format, file_name, state, actor, kabkota_code, synthetic, rows_read, rows_inserted, rows_updated,
            rows_unchanged, rows_rejected, rows_superseded, rows_unassigned, committed_row, error,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_text,
            to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_text,
            to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_text""";

    /** First key of the session advisory locks that running jobs hold (second key: the job id). "ATLI". */
    private static final int LOCK_SPACE = 0x41544C49;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ImportJobs(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * A PostgreSQL session advisory lock on the job, held on a connection of its own while the job runs: it tells any
     * process starting meanwhile ({@link #failAbandoned}) that the job is alive. Released on close (or by the
     * database when the process dies).
     */
    RunLock lock(long id) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, (int) id);
                lock.execute();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new RunLock(connection, (int) id);
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock import job " + id, e);
        }
    }

    /** See {@link #lock}. */
    static final class RunLock implements AutoCloseable {
        private final Connection connection;
        private final int id;

        private RunLock(Connection connection, int id) {
            this.connection = connection;
            this.id = id;
        }

        @Override
        public void close() {
            try (connection;
                    PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, LOCK_SPACE);
                unlock.setInt(2, id);
                unlock.execute();
            } catch (SQLException e) {
                // The connection is gone, and the lock with it.
            }
        }
    }

    /**
     * Jobs left QUEUED or RUNNING by a process that stopped without finishing them (a crash, a kill): FAILED, with the
     * row to re-run from. A RUNNING job whose lock ({@link #lock}) another live process holds is left alone.
     * Returns the ids marked.
     */
    List<Long> failAbandoned() {
        return jdbc.sql("""
                        UPDATE import_jobs j
                           SET state = 'FAILED', finished_at = now(),
                               error = CASE WHEN j.state = 'QUEUED'
                                            THEN 'the server stopped before the import started; upload the file again'
                                            ELSE 'the server stopped during the import after row ' || j.committed_row
                                                 || ' (every row up to it is committed); re-run the same file to '
                                                 || 'complete it (imports are idempotent)' END
                         WHERE j.state IN ('QUEUED', 'RUNNING')
                           AND pg_try_advisory_xact_lock(:space, CAST(j.id AS integer))
                        RETURNING j.id""").param("space", LOCK_SPACE).query(Long.class).list();
    }

    long create(ImportFormat format, String fileName, Caller caller, boolean synthetic) {
        String kabkota = caller.scope().stream()
                .map(s -> RegionCode.parse(s).kabkotaCode().orElse(null))
                .distinct()
                .reduce((a, b) -> a != null && a.equals(b) ? a : null)
                .orElse(null);
        return jdbc.sql("""
                        INSERT INTO import_jobs (format, file_name, actor, role, scope, kabkota_code, synthetic)
                        VALUES (:format, :file, :actor, :role, :scope, :kota, :synthetic) RETURNING id""")
                .param("format", format.name())
                .param("file", fileName)
                .param("actor", caller.actor())
                .param("role", caller.role().name())
                .param("scope", caller.scope().toArray(String[]::new))
                .param("kota", kabkota)
                .param("synthetic", synthetic)
                .query(Long.class)
                .single();
    }

    void start(long id) {
        jdbc.sql("UPDATE import_jobs SET state = 'RUNNING', error = NULL, started_at = now() WHERE id = :id")
                .param("id", id)
                .update();
    }

    void succeed(long id) {
        jdbc.sql("UPDATE import_jobs SET state = 'SUCCEEDED', finished_at = now() WHERE id = :id")
                .param("id", id)
                .update();
    }

    void fail(long id, String error) {
        jdbc.sql("UPDATE import_jobs SET state = 'FAILED', error = :error, finished_at = now() WHERE id = :id")
                .param("id", id)
                .param("error", error)
                .update();
    }

    void progress(long id, CaseImporter.Progress p) {
        jdbc.sql("""
                        UPDATE import_jobs SET rows_read = :read, rows_inserted = :inserted, rows_updated = :updated,
                               rows_unchanged = :unchanged, rows_rejected = :rejected, rows_superseded = :superseded,
                               rows_unassigned = :unassigned, committed_row = :committed
                         WHERE id = :id""")
                .param("read", p.read)
                .param("inserted", p.inserted)
                .param("updated", p.updated)
                .param("unchanged", p.unchanged)
                .param("rejected", p.rejected)
                .param("superseded", p.superseded)
                .param("unassigned", p.unassigned)
                .param("committed", p.committedRow)
                .param("id", id)
                .update();
    }

    void problem(long id, int row, String column, String severity, String reason) {
        jdbc.sql("""
                        INSERT INTO import_problems (job_id, row_number, column_name, severity, reason)
                        VALUES (:id, :row, :column, :severity, :reason) ON CONFLICT DO NOTHING""")
                .param("id", id)
                .param("row", row)
                .param("column", column)
                .param("severity", severity)
                .param("reason", reason)
                .update();
    }

    public Optional<ImportJob> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_jobs WHERE id = :id")
                .param("id", id)
                .query(ImportJobs::job)
                .optional();
    }

    /** Jobs the caller may follow: their own, and for DINKES_ADMIN every job of a kab/kota in scope. Newest first. */
    public List<ImportJob> visibleTo(Caller caller, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_jobs WHERE " + visibility()
                        + " ORDER BY id DESC LIMIT :limit")
                .param("actor", caller.actor())
                .param("admin", AccessPolicy.may(caller, Permission.FOLLOW_EVERY_IMPORT_JOB))
                .param("scope", caller.scope().toArray(String[]::new))
                .param("limit", limit)
                .query(ImportJobs::job)
                .list();
    }

    public boolean visible(long id, Caller caller) {
        return jdbc.sql("SELECT count(*) FROM import_jobs WHERE id = :id AND " + visibility())
                        .param("id", id)
                        .param("actor", caller.actor())
                        .param("admin", AccessPolicy.may(caller, Permission.FOLLOW_EVERY_IMPORT_JOB))
                        .param("scope", caller.scope().toArray(String[]::new))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static String visibility() {
        return "(actor = :actor OR (:admin AND kabkota_code IS NOT NULL AND kabkota_code = ANY(CAST(:scope AS text[]))))";
    }

    /** One problem of a job's report. */
    public record Problem(int rowNumber, String column, String severity, String reason) {}

    public List<Problem> problems(long id, int limit) {
        return jdbc.sql("""
                        SELECT row_number, column_name, severity, reason FROM import_problems WHERE job_id = :id
                         ORDER BY row_number, column_name LIMIT :limit""")
                .param("id", id)
                .param("limit", limit)
                .query((rs, n) -> new Problem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** The whole report as CSV ({@code row,column,severity,reason}), streamed. */
    public void writeProblemsCsv(long id, Writer out) {
        try {
            out.write("row,column,severity,reason\n");
            jdbc.sql("""
                            SELECT row_number, column_name, severity, reason FROM import_problems WHERE job_id = :id
                             ORDER BY row_number, column_name""").param("id", id).query(rs -> {
                try {
                    out.write(rs.getInt(1) + "," + csv(rs.getString(2)) + "," + rs.getString(3) + ","
                            + csv(rs.getString(4)) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String value) {
        return Csv.quotedText(value);
    }

    private static ImportJob job(ResultSet rs, int n) throws SQLException {
        return new ImportJob(
                rs.getLong("id"),
                ImportFormat.valueOf(rs.getString("format")),
                rs.getString("file_name"),
                ImportJob.State.valueOf(rs.getString("state")),
                rs.getString("actor"),
                rs.getString("kabkota_code"),
                rs.getBoolean("synthetic"),
                rs.getInt("rows_read"),
                rs.getInt("rows_inserted"),
                rs.getInt("rows_updated"),
                rs.getInt("rows_unchanged"),
                rs.getInt("rows_rejected"),
                rs.getInt("rows_superseded"),
                rs.getInt("rows_unassigned"),
                rs.getInt("committed_row"),
                rs.getString("error"),
                rs.getString("created_text"),
                rs.getString("started_text"),
                rs.getString("finished_text"));
    }
}
