package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the audit log says: a change names who (user, role, scope), what, the target and its state before and after;
 * a refused change names why; the log pages newest first without duplicates; and nobody, not even the application's
 * own database role, can rewrite it. The posyandu changed here is a copy of a demo posyandu, deleted afterwards.
 */
class AuditContentTest extends AccessBaseTest {

    static final String MARK = "AUD" + RUN;
    static final String TARGET = "PSY-" + MARK;

    @Autowired
    TransactionTemplate transactions;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void copyPosyandu() {
        deleteFacilities(MARK);
        copyFacility(TIRTO_POSYANDU, TARGET, "Posyandu Audit Lama");
    }

    @AfterEach
    void deleteCopy() {
        deleteFacilities(MARK);
    }

    @Test
    @SuppressWarnings("unchecked")
    void renameWritesOneDoneEntryWithBeforeAndAfter() {
        long watermark = auditWatermark();
        GraphQlResponse r = run(
                graphQl,
                "accessUpdate",
                Map.of("input", Map.of("id", TARGET, "version", 1, "name", "Posyandu Audit Baru")));
        assertThat(r.getErrors()).isEmpty();
        assertThat(at(r, "updateFacility.facility.version")).isEqualTo(2);

        List<Map<String, Object>> entries = auditSince(TARGET, watermark);
        assertThat(entries).as("entries after the rename").hasSize(1);
        Map<String, Object> entry = entries.get(0);
        assertThat(entry.get("outcome")).isEqualTo("DONE");
        assertThat(entry.get("action")).isEqualTo("updateFacility");
        assertThat(entry.get("actor")).isEqualTo("dinkes");
        assertThat(entry.get("role")).isEqualTo("DINKES_ADMIN");
        assertThat((List<String>) entry.get("scope")).containsExactly("33.75");
        assertThat(entry.get("targetType")).isEqualTo("Facility");
        assertThat(entry.get("targetId")).isEqualTo(TARGET);
        assertThat((String) entry.get("at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Map<String, Object> before = json.readValue((String) entry.get("before"), Map.class);
        Map<String, Object> after = json.readValue((String) entry.get("after"), Map.class);
        assertThat(before)
                .containsEntry("code", TARGET)
                .containsEntry("name", "Posyandu Audit Lama")
                .containsEntry("version", 1)
                .containsEntry("kelurahan_code", "33.75.01.1009");
        assertThat(after)
                .containsEntry("code", TARGET)
                .containsEntry("name", "Posyandu Audit Baru")
                .containsEntry("version", 2)
                .containsEntry("kelurahan_code", "33.75.01.1009");
        // nothing but the name and the version changed
        Map<String, Object> rest = new java.util.HashMap<>(after);
        rest.put("name", before.get("name"));
        rest.put("version", before.get("version"));
        assertThat(rest).isEqualTo(before);
    }

    @Test
    void staleVersionWritesOneRejectedEntryNamingTheError() {
        run(graphQl, "accessUpdate", Map.of("input", Map.of("id", TARGET, "version", 1, "name", "Posyandu Audit 2")));
        long watermark = auditWatermark();
        String state = stateOf(TARGET);

        GraphQlResponse stale = run(
                graphQl,
                "accessUpdate",
                Map.of("input", Map.of("id", TARGET, "version", 1, "name", "Posyandu Audit Basi")));
        assertThat(stale.getErrors()).isEmpty();
        assertThat(at(stale, "updateFacility.facility")).isNull();
        assertThat(at(stale, "updateFacility.errors")).asString().contains("StaleVersionError");
        assertThat(stateOf(TARGET)).isEqualTo(state);

        List<Map<String, Object>> entries = auditSince(TARGET, watermark);
        assertThat(entries).hasSize(1);
        Map<String, Object> entry = entries.get(0);
        assertThat(entry.get("outcome")).isEqualTo("REJECTED");
        assertThat(entry.get("action")).isEqualTo("updateFacility");
        assertThat(entry.get("actor")).isEqualTo("dinkes");
        assertThat(entry.get("role")).isEqualTo("DINKES_ADMIN");
        assertThat((String) entry.get("detail")).contains("StaleVersionError").contains("version");
        assertThat(entry.get("before")).isNull();
        assertThat(entry.get("after")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void auditLogPagesNewestFirstWithoutDuplicates() {
        // ten entries for the target at least: a rename, then nine refused attempts (stale versions)
        run(graphQl, "accessUpdate", Map.of("input", Map.of("id", TARGET, "version", 1, "name", "Posyandu Audit 2")));
        for (int i = 0; i < 9; i++) {
            run(graphQl, "accessUpdate", Map.of("input", Map.of("id", TARGET, "version", 1, "name", "Basi " + i)));
        }
        List<Long> all = ids(run(graphQl, "accessAuditLog", Map.of("targetId", TARGET, "first", 100)));
        assertThat(all).hasSizeGreaterThanOrEqualTo(10).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        for (String target : new String[] {TARGET, null}) {
            List<Long> paged = new ArrayList<>();
            Set<String> cursors = new HashSet<>();
            String after = null;
            for (int page = 0; page < 4; page++) {
                Map<String, Object> variables = new java.util.HashMap<>(Map.of("first", 2));
                if (target != null) {
                    variables.put("targetId", target);
                }
                if (after != null) {
                    variables.put("after", after);
                }
                GraphQlResponse r = run(graphQl, "accessAuditLog", variables);
                assertThat(r.getErrors()).isEmpty();
                List<Map<String, Object>> edges = (List<Map<String, Object>>) at(r, "auditLog.edges");
                assertThat(edges).hasSize(2);
                edges.forEach(e -> assertThat(cursors.add((String) e.get("cursor")))
                        .as("new cursor")
                        .isTrue());
                paged.addAll(ids(r));
                assertThat(at(r, "auditLog.pageInfo.hasNextPage")).isEqualTo(true);
                assertThat(at(r, "auditLog.pageInfo.hasPreviousPage")).isEqualTo(page > 0);
                after = (String) at(r, "auditLog.pageInfo.endCursor");
            }
            assertThat(paged)
                    .as("ids over 4 pages of 2, target %s", target)
                    .hasSize(8)
                    .doesNotHaveDuplicates()
                    .isSortedAccordingTo((a, b) -> Long.compare(b, a));
            if (target != null) {
                assertThat(paged).containsExactlyElementsOf(all.subList(0, 8));
            }
        }
    }

    @Test
    void auditLogRefusesAForeignCursor() {
        GraphQlResponse r = run(graphQl, "accessAuditLog", Map.of("first", 2, "after", "bm90LWEtY3Vyc29y"));
        assertThat(classifications(r)).containsExactly("BAD_REQUEST");
    }

    @Test
    void entriesAreAppendOnly() {
        run(graphQl, "accessUpdate", Map.of("input", Map.of("id", TARGET, "version", 1, "name", "Posyandu Audit 2")));
        long id = auditWatermark();
        Map<String, Object> row = jdbc.sql("SELECT actor, detail, outcome, after::text FROM audit_log WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'x' WHERE id = :id")
                        .param("id", id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("permission denied for table audit_log");
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET outcome = 'DENIED', after = NULL WHERE id = :id")
                        .param("id", id)
                        .update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE id = :id")
                        .param("id", id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("permission denied for table audit_log");
        assertThat(jdbc.sql("SELECT actor, detail, outcome, after::text FROM audit_log WHERE id = :id")
                        .param("id", id)
                        .query()
                        .singleRow())
                .isEqualTo(row);
    }

    @Test
    void truncateCannotEmptyTheLog() {
        // Probed inside a transaction that is always rolled back: should TRUNCATE pass, nothing is lost.
        long before =
                jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();
        String outcome = transactions.execute(status -> {
            status.setRollbackOnly();
            try {
                jdbc.sql("TRUNCATE audit_log").update();
                return "TRUNCATE audit_log succeeded (rolled back by the test)";
            } catch (DataAccessException e) {
                return "refused";
            }
        });
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single())
                .isGreaterThanOrEqualTo(before);
        assertThat(outcome)
                .as("the application's database role truncating the audit log")
                .isEqualTo("refused");
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(GraphQlResponse r) {
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> edge : (List<Map<String, Object>>) at(r, "auditLog.edges")) {
            ids.add(Long.parseLong((String) ((Map<String, Object>) edge.get("node")).get("id")));
        }
        return ids;
    }
}
