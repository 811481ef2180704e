package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Who may do what: every demo role against every kind of operation, as one table. Reads are public; the audit log
 * is the Dinkes's; registry writes are the Dinkes's anywhere in the kota and the puskesmas staff's inside their
 * wilayah kerja only. An allowed write really changes the row (version + 1); a forbidden one is a FORBIDDEN GraphQL
 * error and changes nothing; either way the attempt is in the audit log the Dinkes reads, as DONE or DENIED, with
 * the actor and the role. The posyandu written to are copies of demo posyandu, deleted after each case.
 */
@Slow
class AccessMatrixTest extends AccessBaseTest {

    /**
     * The matrix. {@code ok}: allowed (a write: done, version + 1, audited DONE); {@code FORBIDDEN}: a GraphQL error
     * classified FORBIDDEN with null data (a write: nothing changes, audited DENIED). Columns: updateInside = a
     * posyandu in Tirto's wilayah kerja (33.75.01.1009), updateElsewhere = a posyandu in 33.75.03.1002,
     * createInside = a new posyandu in 33.75.01.1009, deactivate = the posyandu in Tirto's wilayah kerja.
     */
    static final String MATRIX = """
            caller          | region | facilities | me | auditLog  | updateInside | updateElsewhere | createInside | deactivate
            anonymous       | ok     | ok         | ok | FORBIDDEN | FORBIDDEN    | FORBIDDEN       | FORBIDDEN    | FORBIDDEN
            dinkes          | ok     | ok         | ok | ok        | ok           | ok              | ok           | ok
            planner         | ok     | ok         | ok | FORBIDDEN | FORBIDDEN    | FORBIDDEN       | FORBIDDEN    | FORBIDDEN
            camat-utara     | ok     | ok         | ok | FORBIDDEN | FORBIDDEN    | FORBIDDEN       | FORBIDDEN    | FORBIDDEN
            lurah-medono    | ok     | ok         | ok | FORBIDDEN | FORBIDDEN    | FORBIDDEN       | FORBIDDEN    | FORBIDDEN
            puskesmas-tirto | ok     | ok         | ok | FORBIDDEN | ok           | FORBIDDEN       | ok           | ok
            kader           | ok     | ok         | ok | FORBIDDEN | FORBIDDEN    | FORBIDDEN       | FORBIDDEN    | FORBIDDEN
            """;

    /** What {@code me} must say for each caller: role, scope, facility, caseAccess, canEditRegistry. */
    static final Map<String, List<Object>> ME = Map.of(
            "anonymous", List.of("ANONYMOUS", List.of(), "", false, false),
            "dinkes", List.of("DINKES_ADMIN", List.of("33.75"), "", true, true),
            "planner", List.of("PLANNER", List.of("33.75"), "", false, false),
            "camat-utara", List.of("CAMAT", List.of("33.75.03"), "", true, false),
            "lurah-medono", List.of("LURAH", List.of("33.75.01.1002"), "", true, false),
            "puskesmas-tirto", List.of("PUSKESMAS_STAFF", TIRTO_SCOPE, "PKM-3375-TIRTO", true, true),
            "kader", List.of("KADER", List.of("33.75.01.1009.RW001"), TIRTO_POSYANDU, true, false));

    static final String MARK = "ACCMX" + RUN;
    static final String INSIDE = "PSY-" + MARK + "-IN";
    static final String ELSEWHERE = "PSY-" + MARK + "-OUT";
    static final String CREATED = "PSY-" + MARK + "-NEW";

    static Stream<Arguments> matrix() {
        List<String> lines = MATRIX.lines().filter(l -> !l.isBlank()).toList();
        String[] operations = split(lines.get(0));
        List<Arguments> cases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = split(line);
            for (int i = 1; i < cells.length; i++) {
                cases.add(Arguments.of(cells[0], operations[i], cells[i]));
            }
        }
        return cases.stream();
    }

    private static String[] split(String line) {
        return line.trim().split("\\s*\\|\\s*");
    }

    @BeforeEach
    void copyPosyandu() {
        deleteFacilities(MARK);
        copyFacility(TIRTO_POSYANDU, INSIDE, "Posyandu Uji Akses Dalam");
        copyFacility(UTARA_POSYANDU, ELSEWHERE, "Posyandu Uji Akses Luar");
    }

    @AfterEach
    void deleteCopies() {
        deleteFacilities(MARK);
        assertThat(jdbc.sql("SELECT count(*) FROM facilities WHERE code LIKE :m")
                        .param("m", "%" + MARK + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("matrix")
    void roleOperationMatrix(String who, String operation, String expected) {
        String user = who.equals("kader") ? KADER : who;
        HttpGraphQlTester tester = caller(user);
        boolean allowed = expected.equals("ok");
        switch (operation) {
            case "region" -> {
                GraphQlResponse r = run(tester, "accessRegion", Map.of());
                assertThat(r.getErrors()).as("errors").isEmpty();
                assertThat(at(r, "region.name")).isEqualTo("Kota Pekalongan");
            }
            case "facilities" -> {
                GraphQlResponse r = run(tester, "accessFacilities", Map.of("first", 5));
                assertThat(r.getErrors()).as("errors").isEmpty();
                assertThat((Integer) at(r, "facilities.totalCount")).isGreaterThan(400);
            }
            case "me" -> checkMe(who, user, run(tester, "accessMe", Map.of()));
            case "auditLog" -> {
                GraphQlResponse r = run(tester, "accessAuditLog", Map.of("first", 5));
                if (allowed) {
                    assertThat(r.getErrors()).as("errors").isEmpty();
                    assertThat(at(r, "auditLog.edges")).isNotNull();
                } else {
                    assertForbidden(r);
                    assertThat((Object) r.getData()).as("data").isNull();
                }
            }
            case "updateInside" ->
                write(
                        who,
                        user,
                        tester,
                        allowed,
                        INSIDE,
                        "updateFacility",
                        "accessUpdate",
                        Map.of("id", INSIDE, "version", 1, "name", "Posyandu Uji Akses Dalam (" + who + ")"));
            case "updateElsewhere" ->
                write(
                        who,
                        user,
                        tester,
                        allowed,
                        ELSEWHERE,
                        "updateFacility",
                        "accessUpdate",
                        Map.of("id", ELSEWHERE, "version", 1, "name", "Posyandu Uji Akses Luar (" + who + ")"));
            case "deactivate" ->
                write(
                        who,
                        user,
                        tester,
                        allowed,
                        INSIDE,
                        "deactivateFacility",
                        "accessDeactivate",
                        Map.of("id", INSIDE, "version", 1, "reason", "uji akses " + who));
            case "createInside" -> {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("code", CREATED);
                input.put("name", "Posyandu Uji Akses Baru");
                input.put("type", "POSYANDU");
                input.put("location", pointIn("33.75.01.1009.RW001"));
                input.put("kelurahanCode", "33.75.01.1009");
                input.put("parentId", "PKM-3375-TIRTO");
                write(who, user, tester, allowed, CREATED, "createFacility", "accessCreate", input);
            }
            default -> throw new IllegalArgumentException("unknown operation " + operation);
        }
    }

    @SuppressWarnings("unchecked")
    private void checkMe(String who, String user, GraphQlResponse r) {
        assertThat(r.getErrors()).as("errors").isEmpty();
        List<Object> expected = ME.get(who);
        assertThat(at(r, "me.user")).isEqualTo(who.equals("anonymous") ? null : user);
        assertThat(at(r, "me.role")).isEqualTo(expected.get(0));
        assertThat((List<String>) at(r, "me.scope")).containsExactlyElementsOf((List<String>) expected.get(1));
        assertThat(at(r, "me.facilityId")).isEqualTo(expected.get(2).equals("") ? null : expected.get(2));
        assertThat(at(r, "me.caseAccess")).as("caseAccess").isEqualTo(expected.get(3));
        assertThat(at(r, "me.canEditRegistry")).as("canEditRegistry").isEqualTo(expected.get(4));
    }

    private void write(
            String who,
            String user,
            HttpGraphQlTester tester,
            boolean allowed,
            String target,
            String action,
            String document,
            Map<String, Object> input) {
        String before = stateOf(target);
        Integer versionBefore = versionOf(target);
        long watermark = auditWatermark();

        GraphQlResponse r = run(tester, document, Map.of("input", input));

        if (allowed) {
            assertThat(r.getErrors()).as("GraphQL errors").isEmpty();
            assertThat((List<?>) at(r, action + ".errors")).as("payload errors").isEmpty();
            int expectedVersion = versionBefore == null ? 1 : versionBefore + 1;
            assertThat(at(r, action + ".facility.version")).isEqualTo(expectedVersion);
            assertThat(versionOf(target)).as("version in the database").isEqualTo(expectedVersion);
            assertThat(stateOf(target)).as("the row changed").isNotEqualTo(before);
            if (action.equals("deactivateFacility")) {
                assertThat(jdbc.sql("SELECT active FROM facilities WHERE code = :c")
                                .param("c", target)
                                .query(Boolean.class)
                                .single())
                        .isFalse();
            }
        } else {
            assertForbidden(r);
            assertThat((Object) r.getData()).as("data").isNull();
            assertThat(stateOf(target)).as("the row is unchanged").isEqualTo(before);
        }

        List<Map<String, Object>> entries = auditSince(target, watermark);
        assertThat(entries)
                .as(
                        "auditLog(targetId: %s) as dinkes after %s's %s; the raw audit_log rows are %s",
                        target, who, action, rawAuditSince(target, watermark))
                .hasSize(1);
        Map<String, Object> entry = entries.get(0);
        assertThat(entry.get("outcome")).isEqualTo(allowed ? "DONE" : "DENIED");
        assertThat(entry.get("action")).isEqualTo(action);
        assertThat(entry.get("targetType")).isEqualTo("Facility");
        assertThat(entry.get("actor")).isEqualTo(who.equals("anonymous") ? "anonymous" : user);
        assertThat(entry.get("role")).isEqualTo(ME.get(who).get(0));
    }

    private static void assertForbidden(GraphQlResponse r) {
        assertThat(classifications(r))
                .as("error classifications of %s", r.getErrors())
                .containsExactly("FORBIDDEN");
    }
}
