package id.ilpatlas.api.audit;

import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.Actor;
import id.ilpatlas.api.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only audit log: every mutation and import with who (user, role, scope), when, what, the target and its
 * state before and after. Writes join the caller's transaction, so a change and its entry commit together.
 */
@Component
public class AuditLog {

    /** How an attempt ended. */
    public enum Outcome {
        DONE,
        REJECTED,
        DENIED
    }

    /** One entry as the API shows it; before/after are JSON text. */
    public record Entry(
            long id,
            String at,
            String actor,
            String role,
            List<String> scope,
            String action,
            String targetType,
            String targetId,
            Outcome outcome,
            String detail,
            String before,
            String after) {}

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a REJECTED attempt whose detail names each typed error ({@code ErrorType field.path}, separated by
     * {@code "; "}).
     */
    public void rejected(
            Caller caller,
            String action,
            String targetType,
            String targetId,
            String kabkotaCode,
            List<? extends UserError> errors) {
        record(
                caller,
                action,
                targetType,
                targetId,
                kabkotaCode,
                Outcome.REJECTED,
                errors.stream()
                        .map(e -> e.getClass().getSimpleName() + " " + String.join(".", e.field()))
                        .collect(Collectors.joining("; ")),
                null,
                null);
    }

    /**
     * Records an attempt by a caller or a non-interactive actor (an import run from the command line,
     * {@link Actor#system}). {@code before} and {@code after} are JSON text or null.
     */
    public void record(
            Actor who,
            String action,
            String targetType,
            String targetId,
            String kabkotaCode,
            Outcome outcome,
            String detail,
            String before,
            String after) {
        jdbc.sql("""
                INSERT INTO audit_log (actor, role, scope, action, target_type, target_id, outcome, detail, before,
                                       after, kabkota_code)
                VALUES (:actor, :role, :scope, :action, :type, :target, :outcome, :detail, CAST(:before AS jsonb),
                        CAST(:after AS jsonb), :kota)""")
                .param("actor", who.actor())
                .param("role", who.auditRole())
                .param("scope", who.scope().toArray(String[]::new))
                .param("action", action)
                .param("type", targetType)
                .param("target", targetId)
                .param("outcome", outcome.name())
                .param("detail", detail)
                .param("before", before)
                .param("after", after)
                .param("kota", kabkotaCode)
                .update();
    }

    /** Newest first, only entries whose kab/kota lies in the caller's scope. */
    public List<Entry> page(Caller caller, String targetId, String action, PageRequest page) {
        return jdbc.sql("""
                        SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at_text, actor,
                               role, scope, action, target_type, target_id, outcome, detail, before::text AS before_text,
                               after::text AS after_text
                          FROM audit_log
                         WHERE kabkota_code IS NOT NULL
                           AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) s
                                        WHERE kabkota_code = s OR kabkota_code LIKE s || '.%')
                           AND (CAST(:target AS text) IS NULL OR target_id = :target)
                           AND (CAST(:action AS text) IS NULL OR action = :action)
                           AND (CAST(:after AS bigint) IS NULL OR id < CAST(:after AS bigint))
                         ORDER BY id DESC
                         LIMIT :limit""")
                .param("scope", caller.scope().toArray(String[]::new))
                .param("target", targetId)
                .param("action", action)
                .param("after", page.afterId())
                .param("limit", page.limitWithLookahead())
                .query(AuditLog::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int rowNum) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getString("at_text"),
                rs.getString("actor"),
                rs.getString("role"),
                List.of((String[]) rs.getArray("scope").getArray()),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"),
                rs.getString("before_text"),
                rs.getString("after_text"));
    }
}
