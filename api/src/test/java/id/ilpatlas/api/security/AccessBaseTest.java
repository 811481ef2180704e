package id.ilpatlas.api.security;

import id.ilpatlas.api.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Shared fixtures of the access, scope-escape and audit tests (abstract: JUnit runs only its subclasses): the demo
 * users, test facilities copied from the demo data under a marked code, the state of a facility row or of the whole
 * registry as text to compare, and the audit log as the Dinkes reads it. Tests that change the registry delete the
 * facilities they create (with their dependent rows) and restore the ones they change.
 */
abstract class AccessBaseTest extends IntegrationTest {

    /** Tirto's wilayah kerja (its catchment in the demo data). */
    static final List<String> TIRTO_SCOPE = List.of("33.75.01.1009", "33.75.01.1012");
    /** A posyandu in Tirto's wilayah kerja, also the facility of the demo kader. */
    static final String TIRTO_POSYANDU = "PSY-3375011009RW001-1";
    /** A posyandu in Kecamatan Pekalongan Utara (33.75.03), outside Tirto's wilayah kerja. */
    static final String UTARA_POSYANDU = "PSY-3375031002RW001-1";

    static final String KADER = "kader-" + TIRTO_POSYANDU;
    /** The registry tables a write may touch. */
    static final List<String> DEPENDENT_TABLES = List.of(
            "facility_services",
            "facility_catchments",
            "facility_opening_hours",
            "posyandu_sessions",
            "program_facilities");

    /** Unique per test run, so that audit entries of earlier runs never match this run's targets. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    /** A tester for a caller label: {@code anonymous} or a demo user. */
    HttpGraphQlTester caller(String user) {
        return "anonymous".equals(user) ? anonymous() : as(user);
    }

    /** Runs a document of graphql-test/ and returns the whole response (data and errors, unchecked). */
    GraphQlResponse run(HttpGraphQlTester tester, String document, Map<String, Object> variables) {
        GraphQlTester.Request<?> request = tester.documentName(document);
        for (Map.Entry<String, Object> v : variables.entrySet()) {
            request = request.variable(v.getKey(), v.getValue());
        }
        return request.execute().returnResponse();
    }

    /** The {@code extensions.classification} of every error of a response. */
    static List<String> classifications(GraphQlResponse response) {
        List<String> result = new ArrayList<>();
        for (ResponseError error : response.getErrors()) {
            result.add(String.valueOf(error.getExtensions().get("classification")));
        }
        return result;
    }

    static boolean isForbidden(GraphQlResponse response) {
        List<String> classes = classifications(response);
        return !classes.isEmpty() && classes.stream().allMatch("FORBIDDEN"::equals);
    }

    /** The value at a dotted path of the data ({@code a.b}), or null. */
    @SuppressWarnings("unchecked")
    static Object at(GraphQlResponse response, String path) {
        Object node = response.getData();
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(part);
        }
        return node;
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** Copies a demo facility (row, catchment, services, sessions) under a new code; returns the new code. */
    String copyFacility(String template, String code, String name) {
        jdbc.sql("""
                INSERT INTO facilities (code, name, type, kabkota_code, kelurahan_code, location, location_quality,
                    location_note, synthetic, parent_id, address_street, address_rt, address_rw_code, segments,
                    kader_purwa, kader_madya, kader_utama)
                SELECT :code, :name, type, kabkota_code, kelurahan_code, location, location_quality, location_note,
                       synthetic, parent_id, address_street, address_rt, address_rw_code, segments, kader_purwa,
                       kader_madya, kader_utama
                  FROM facilities WHERE code = :template""")
                .param("code", code)
                .param("name", name)
                .param("template", template)
                .update();
        for (String table : List.of("facility_services", "facility_catchments", "posyandu_sessions")) {
            String columns = String.join(
                    ", ",
                    columnsOf(table).stream()
                            .filter(c -> !c.equals("facility_id"))
                            .toList());
            jdbc.sql("INSERT INTO " + table + " (facility_id, " + columns + ") SELECT (SELECT id FROM facilities "
                            + "WHERE code = :code), " + columns + " FROM " + table
                            + " WHERE facility_id = (SELECT id FROM facilities WHERE code = :template)")
                    .param("code", code)
                    .param("template", template)
                    .update();
        }
        return code;
    }

    List<String> columnsOf(String table) {
        return jdbc.sql("""
                        SELECT column_name FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position""").param("t", table).query(String.class).list();
    }

    /** Deletes the facilities whose code contains the marker, with their dependent rows. */
    void deleteFacilities(String marker) {
        String ids = "SELECT id FROM facilities WHERE code LIKE :m";
        for (String table : DEPENDENT_TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE facility_id IN (" + ids + ")")
                    .param("m", "%" + marker + "%")
                    .update();
        }
        jdbc.sql("UPDATE facilities SET parent_id = NULL WHERE parent_id IN (" + ids + ")")
                .param("m", "%" + marker + "%")
                .update();
        jdbc.sql("DELETE FROM facilities WHERE code LIKE :m")
                .param("m", "%" + marker + "%")
                .update();
    }

    /** Everything stored about one facility (row and dependent rows) as text; null when there is none. */
    String stateOf(String code) {
        return jdbc.sql("""
                        SELECT f::text
                               || ' services=' || ARRAY(SELECT s::text FROM facility_services s WHERE s.facility_id = f.id ORDER BY 1)::text
                               || ' catchments=' || ARRAY(SELECT c::text FROM facility_catchments c WHERE c.facility_id = f.id ORDER BY 1)::text
                               || ' hours=' || ARRAY(SELECT h::text FROM facility_opening_hours h WHERE h.facility_id = f.id ORDER BY 1)::text
                               || ' sessions=' || ARRAY(SELECT p::text FROM posyandu_sessions p WHERE p.facility_id = f.id ORDER BY 1)::text
                               || ' programs=' || ARRAY(SELECT g::text FROM program_facilities g WHERE g.facility_id = f.id ORDER BY 1)::text
                          FROM facilities f WHERE f.code = :code""").param("code", code).query(String.class).optional().orElse(null);
    }

    Integer versionOf(String code) {
        return jdbc.sql("SELECT version FROM facilities WHERE code = :code")
                .param("code", code)
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    /** A fingerprint of the whole registry: every facility row and every dependent row. */
    String registryFingerprint() {
        StringBuilder sql = new StringBuilder(
                "SELECT md5((SELECT coalesce(string_agg(f::text, '|' ORDER BY f.id), '') " + "FROM facilities f)");
        for (String table : DEPENDENT_TABLES) {
            sql.append(" || (SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM ")
                    .append(table)
                    .append(" t)");
        }
        sql.append(")");
        return jdbc.sql(sql.toString()).query(String.class).single();
    }

    /** The registry as JSON text per facility id: the row ({@code facilities}) and each dependent table's rows. */
    record RegistrySnapshot(Map<String, Map<Long, String>> tables) {}

    RegistrySnapshot snapshotRegistry() {
        Map<String, Map<Long, String>> tables = new LinkedHashMap<>();
        tables.put("facilities", rowsById("""
                SELECT id, (to_jsonb(f) || jsonb_build_object('location', encode(ST_AsEWKB(f.location), 'hex')))::text
                  FROM facilities f"""));
        for (String table : DEPENDENT_TABLES) {
            tables.put(
                    table,
                    rowsById("SELECT facility_id, jsonb_agg(to_jsonb(t) ORDER BY t::text)::text FROM " + table
                            + " t GROUP BY facility_id"));
        }
        return new RegistrySnapshot(tables);
    }

    private Map<Long, String> rowsById(String sql) {
        Map<Long, String> rows = new LinkedHashMap<>();
        jdbc.sql(sql).query((RowCallbackHandler) rs -> rows.put(rs.getLong(1), rs.getString(2)));
        return rows;
    }

    /** Puts the registry back as it was in the snapshot; returns the ids of the facilities it had to repair. */
    List<Long> restoreRegistry(RegistrySnapshot snapshot) {
        RegistrySnapshot now = snapshotRegistry();
        java.util.Set<Long> repaired = new java.util.TreeSet<>();
        Map<Long, String> rowsThen = snapshot.tables().get("facilities");
        Map<Long, String> rowsNow = now.tables().get("facilities");
        List<Long> created = rowsNow.keySet().stream()
                .filter(id -> !rowsThen.containsKey(id))
                .toList();
        for (Long id : created) {
            for (String table : DEPENDENT_TABLES) {
                jdbc.sql("DELETE FROM " + table + " WHERE facility_id = :id")
                        .param("id", id)
                        .update();
            }
            jdbc.sql("UPDATE facilities SET parent_id = NULL WHERE parent_id = :id")
                    .param("id", id)
                    .update();
            jdbc.sql("DELETE FROM facilities WHERE id = :id").param("id", id).update();
            repaired.add(id);
        }
        List<String> columns =
                columnsOf("facilities").stream().filter(c -> !c.equals("id")).toList();
        String set = "UPDATE facilities t SET (" + String.join(", ", columns) + ") = (SELECT "
                + String.join(", ", columns.stream().map(c -> "r." + c).toList())
                + " FROM jsonb_populate_record(NULL::facilities, CAST(:row AS jsonb)) r) WHERE t.id = :id";
        for (Map.Entry<Long, String> row : rowsThen.entrySet()) {
            if (!row.getValue().equals(rowsNow.get(row.getKey()))) {
                jdbc.sql(set)
                        .param("row", row.getValue())
                        .param("id", row.getKey())
                        .update();
                repaired.add(row.getKey());
            }
        }
        for (String table : DEPENDENT_TABLES) {
            Map<Long, String> then = snapshot.tables().get(table);
            Map<Long, String> current = now.tables().get(table);
            java.util.Set<Long> ids = new java.util.TreeSet<>(then.keySet());
            ids.addAll(current.keySet());
            for (Long id : ids) {
                if (created.contains(id) || java.util.Objects.equals(then.get(id), current.get(id))) {
                    continue;
                }
                jdbc.sql("DELETE FROM " + table + " WHERE facility_id = :id")
                        .param("id", id)
                        .update();
                if (then.get(id) != null) {
                    jdbc.sql("INSERT INTO " + table + " SELECT * FROM jsonb_populate_recordset(NULL::" + table
                                    + ", CAST(:rows AS jsonb))")
                            .param("rows", then.get(id))
                            .update();
                }
                repaired.add(id);
            }
        }
        return List.copyOf(repaired);
    }

    /** A point inside a region (for a valid createFacility or move). */
    Map<String, Object> pointIn(String regionCode) {
        return jdbc.sql("""
                        SELECT ST_X(p) AS lon, ST_Y(p) AS lat
                          FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions WHERE code = :code) s""")
                .param("code", regionCode)
                .query((rs, n) ->
                        Map.<String, Object>of("longitude", rs.getDouble("lon"), "latitude", rs.getDouble("lat")))
                .single();
    }

    // ------------------------------------------------------------------------------------------------ audit

    /** The newest audit_log id now; entries written later have larger ids. */
    long auditWatermark() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_log")
                .query(Long.class)
                .single();
    }

    /** The audit entries of a target newer than the watermark, newest first, as the Dinkes reads them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> auditSince(String targetId, long watermark) {
        GraphQlResponse response = run(as("dinkes"), "accessAuditLog", Map.of("targetId", targetId, "first", 100));
        if (!response.getErrors().isEmpty()) {
            throw new AssertionError("auditLog as dinkes failed: " + response.getErrors());
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map<String, Object> edge : (List<Map<String, Object>>) at(response, "auditLog.edges")) {
            Map<String, Object> node = (Map<String, Object>) edge.get("node");
            if (Long.parseLong((String) node.get("id")) > watermark) {
                entries.add(node);
            }
        }
        return entries;
    }

    /** The raw audit_log rows of a target newer than the watermark (to explain a missing entry). */
    List<Map<String, Object>> rawAuditSince(String targetId, long watermark) {
        return jdbc.sql("""
                        SELECT id, actor, role, action, outcome, kabkota_code, detail FROM audit_log
                         WHERE target_id = :t AND id > :w ORDER BY id DESC""").param("t", targetId).param("w", watermark).query().listOfRows().stream()
                .map(row -> (Map<String, Object>) new LinkedHashMap<>(row))
                .toList();
    }
}
