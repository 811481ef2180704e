package id.ilpatlas.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14 item 9: the audit log cannot be switched off by the application itself, and reads of person-level data
 * are audited. The application's database role (the one the tests and the app connect as) may only read and append:
 * every way to change, empty, drop or unprotect {@code audit_log} fails for it. Each attempt runs in a transaction that
 * is always rolled back, so a protection that failed would not damage the shared database.
 */
@Slow
class AuditLogSealTest extends CaseTestSupport {

    @Autowired
    TransactionTemplate transactions;

    /** Statements that would switch the audit log off, rewrite or empty it. */
    static final List<String> ATTACKS = List.of(
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate",
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
            "ALTER TABLE audit_log DISABLE TRIGGER USER",
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "DROP TABLE audit_log",
            "DROP TABLE audit_log CASCADE",
            "ALTER TABLE audit_log RENAME TO audit_log_old",
            "ALTER TABLE audit_log OWNER TO CURRENT_USER",
            "CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                    + "'BEGIN RETURN NEW; END'",
            "DROP FUNCTION audit_log_is_append_only() CASCADE",
            "CREATE RULE audit_log_no_update AS ON UPDATE TO audit_log DO INSTEAD NOTHING",
            "SET ROLE atlas_audit",
            "SET session_replication_role = replica",
            "ALTER SCHEMA public RENAME TO public_old");

    @Test
    void theApplicationRoleCannotSwitchOffRewriteOrEmptyTheAuditLog() {
        Map<String, Object> me = jdbc.sql("""
                        SELECT current_user AS who, r.rolsuper AS super, pg_get_userbyid(c.relowner) AS owner
                          FROM pg_roles r, pg_class c
                         WHERE r.rolname = current_user AND c.oid = 'public.audit_log'::regclass""").query().singleRow();
        assertThat(me.get("super"))
                .as(
                        "the application's role %s must not be a superuser: no table can be "
                                + "protected from one (run the tests with ./atlas test)",
                        me.get("who"))
                .isEqualTo(false);
        long rows = count("SELECT count(*) FROM audit_log");
        assertThat(rows).as("the audit log has entries to protect").isPositive();

        List<String> succeeded = new ArrayList<>();
        for (String attack : ATTACKS) {
            String outcome = transactions.execute(status -> {
                status.setRollbackOnly();
                try {
                    jdbc.sql(attack).update();
                    return "succeeded";
                } catch (DataAccessException e) {
                    return "refused";
                }
            });
            if (!"refused".equals(outcome)) {
                succeeded.add(attack);
            }
        }
        assertThat(succeeded)
                .as("statements the application's role %s could run on the audit log", me.get("who"))
                .isEmpty();
        assertThat(count("SELECT count(*) FROM audit_log")).isGreaterThanOrEqualTo(rows);
        assertThat(me.get("owner")).as("the owner of audit_log").isEqualTo("atlas_audit");

        Map<String, Object> privileges = jdbc.sql("""
                        SELECT has_table_privilege('audit_log', 'SELECT') AS sel,
                               has_table_privilege('audit_log', 'INSERT') AS ins,
                               has_table_privilege('audit_log', 'UPDATE') AS upd,
                               has_table_privilege('audit_log', 'DELETE') AS del,
                               has_table_privilege('audit_log', 'TRUNCATE') AS trunc,
                               has_table_privilege('audit_log', 'TRIGGER') AS trig,
                               has_table_privilege('audit_log', 'REFERENCES') AS refs,
                               pg_has_role('atlas_audit', 'MEMBER') AS member""").query().singleRow();
        assertThat(privileges)
                .as("the application role's rights on audit_log")
                .containsEntry("sel", true)
                .containsEntry("ins", true)
                .containsEntry("upd", false)
                .containsEntry("del", false)
                .containsEntry("trunc", false)
                .containsEntry("trig", false)
                .containsEntry("refs", false)
                .containsEntry("member", false);
        List<String> triggers = jdbc.sql("""
                        SELECT tgname || ' ' || tgenabled::text FROM pg_trigger
                         WHERE tgrelid = 'public.audit_log'::regclass AND NOT tgisinternal ORDER BY tgname""").query(String.class).list();
        assertThat(triggers)
                .as("the append-only triggers, enabled always (A)")
                .containsExactly("audit_log_append_only A", "audit_log_no_truncate A");
    }

    @Test
    void everyReadOfPersonLevelDataIsAudited() {
        String header = "No Registrasi;NIK;Nama;Kode Kel;RW;Tgl Diagnosis;Tipe Diagnosis;Lokasi Anatomi;"
                + "Riwayat Pengobatan;Status Resistensi\n";
        ImportJob job = importText(
                ImportFormat.SITB,
                "audit.csv",
                header + registration() + ";" + nik() + ";Audit " + RUN
                        + ";33.75.01.1002;1;01/02/2025;Klinis;Paru;Baru;SO\n");
        assertThat(job.rowsInserted()).as(job.describe()).isEqualTo(1);
        String id = Long.toString(count("SELECT id FROM tb_cases WHERE name = :n", "n", "Audit " + RUN));

        Map<String, String> documents = Map.of(
                "caseTbCases",
                "tbCases",
                "caseChildren",
                "children",
                "casePovertyHouseholds",
                "povertyHouseholds",
                "casePregnancies",
                "pregnancies");
        for (Map.Entry<String, String> document : documents.entrySet()) {
            long before = count("SELECT coalesce(max(id), 0) FROM audit_log");
            GraphQlResponse response = run(
                    as("lurah-medono"),
                    document.getKey(),
                    Map.of("filter", Map.of("regionCode", "33.75.01.1002.RW001"), "first", 50));
            assertThat(response.getErrors()).isEmpty();
            int returned = ((List<?>) at(response, document.getValue() + ".edges")).size();

            List<Map<String, Object>> entries =
                    jdbc.sql("""
                            SELECT actor, role, scope::text AS scope, action, outcome, kabkota_code, detail
                              FROM audit_log WHERE id > :after AND actor = 'lurah-medono'""").param("after", before).query().listOfRows();
            assertThat(entries)
                    .as("audit entries of the lurah's %s", document.getValue())
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e)
                                .containsEntry("action", document.getValue())
                                .containsEntry("role", "LURAH")
                                .containsEntry("scope", "{33.75.01.1002}")
                                .containsEntry("outcome", "DONE")
                                .containsEntry("kabkota_code", "33.75");
                        assertThat((String) e.get("detail"))
                                .startsWith(returned + " record")
                                .contains("regionCode=33.75.01.1002.RW001");
                    });
            if (document.getValue().equals("tbCases")) {
                assertThat((String) entries.get(0).get("detail")).contains(id);
            }
        }

        long before = count("SELECT coalesce(max(id), 0) FROM audit_log");
        run(as("planner"), "caseTbCases", Map.of());
        assertThat(jdbc.sql("SELECT action || ' ' || outcome FROM audit_log WHERE id > :after AND actor = 'planner'")
                        .param("after", before)
                        .query(String.class)
                        .list())
                .as("a refused read is audited too")
                .containsExactly("tbCases DENIED");

        GraphQlResponse dinkes = run(as("dinkes"), "accessAuditLog", Map.of("first", 20));
        assertThat(dinkes.toMap().toString())
                .as("the Dinkes reads the lurah's reads in auditLog")
                .contains("lurah-medono")
                .contains("tbCases");
    }
}
