package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every role against every {@link Permission}, as one table: the decisions the role checks of the features made
 * before they became named permissions (issue 20), pinned so that none of them changes by accident. {@code x}: the
 * role has the permission; {@code .}: it has not. The checks of {@link AccessPolicy} that existed before (person-level
 * data, exact aggregates, clinical data, the registry, the audit log) must agree with the table too. Scope is not
 * part of this table: the callers here cover the region asked about; the feature tests (AccessMatrixTest, the
 * ScopeEscape and attack tests) check scope end to end.
 */
class AccessPolicyTest {

    static final String TABLE = """
            permission                     | DINKES_ADMIN | PLANNER | CAMAT | LURAH | PUSKESMAS_STAFF | KADER | ANONYMOUS
            READ_PERSON_DATA               | x            | .       | x     | x     | x               | x     | .
            READ_EXACT_AGGREGATES          | x            | x       | x     | x     | x               | x     | .
            READ_CLINICAL_DATA             | x            | .       | .     | .     | x               | .     | .
            EDIT_REGISTRY                  | x            | .       | .     | .     | x               | .     | .
            READ_AUDIT_LOG                 | x            | .       | .     | .     | .               | .     | .
            IMPORT_CASES                   | x            | .       | .     | .     | x               | .     | .
            FOLLOW_EVERY_IMPORT_JOB        | x            | .       | .     | .     | .               | .     | .
            REFRESH_RW_ACCESS              | x            | .       | .     | .     | .               | .     | .
            READ_WEBHOOK_DELIVERIES        | x            | .       | .     | .     | .               | .     | .
            KEEP_DAYS_OFF                  | x            | .       | .     | .     | .               | .     | .
            RANK_TARGET_CANDIDATES         | x            | x       | x     | x     | x               | .     | .
            READ_PLANS_AND_SELECTIONS      | x            | .       | x     | x     | x               | .     | .
            PLAN_OUTREACH                  | x            | .       | .     | .     | x               | .     | .
            RECORD_VISITS                  | x            | .       | .     | .     | x               | .     | .
            READ_VISIT_NOTES               | x            | .       | .     | .     | x               | .     | .
            READ_LAST_VISITS               | x            | x       | x     | x     | x               | x     | .
            READ_OUTREACH_REALISATION      | x            | x       | x     | x     | x               | x     | .
            READ_SCHEDULE                  | x            | .       | x     | x     | x               | x     | .
            READ_SCHEDULE_AS_FIELD         | .            | .       | x     | x     | .               | x     | .
            PROPOSE_TARGET_SELECTIONS      | x            | .       | x     | x     | x               | .     | .
            REVIEW_TARGET_SELECTIONS       | x            | .       | .     | .     | x               | .     | .
            HEAR_WORKFLOW_EVENTS           | x            | .       | x     | x     | x               | x     | .
            HEAR_EVERY_WORKFLOW_EVENT_KIND | x            | .       | x     | x     | x               | .     | .
            """;

    /** A caller of the role whose scope covers the kota 33.75 (the scope is not what this test is about). */
    static Caller caller(Role role) {
        return new Caller(role == Role.ANONYMOUS ? null : "test-" + role, role, List.of("33.75"), "PKM-3375-TIRTO");
    }

    /** The roles marked {@code x} in the table's row of the permission. */
    static Set<Role> expected(Permission permission) {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        List<Role> columns = Arrays.stream(lines.get(0).split("\\|"))
                .skip(1)
                .map(String::strip)
                .map(Role::valueOf)
                .toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            if (cells[0].equals(permission.name())) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (int i = 0; i < columns.size(); i++) {
                    assertThat(cells[i + 1])
                            .as(permission + " " + columns.get(i))
                            .isIn("x", ".");
                    if (cells[i + 1].equals("x")) {
                        roles.add(columns.get(i));
                    }
                }
                return roles;
            }
        }
        throw new AssertionError("the table has no row " + permission);
    }

    @Test
    void theTableNamesEveryRoleAndEveryPermissionOnce() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        assertThat(Arrays.stream(lines.get(0).split("\\|"))
                        .skip(1)
                        .map(String::strip)
                        .toList())
                .containsExactlyInAnyOrder(
                        Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new));
        assertThat(lines.subList(1, lines.size()).stream()
                        .map(l -> l.split("\\|")[0].strip())
                        .toList())
                .containsExactlyInAnyOrder(
                        Arrays.stream(Permission.values()).map(Permission::name).toArray(String[]::new));
    }

    @Test
    void everyRoleHasExactlyThePermissionsOfTheTable() {
        List<String> wrong = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            Set<Role> expected = expected(permission);
            for (Role role : Role.values()) {
                boolean may = AccessPolicy.may(caller(role), permission);
                if (may != expected.contains(role) || permission.allows(role) != may) {
                    wrong.add(role + " " + permission + ": " + may + ", table says " + expected.contains(role));
                }
            }
            assertThat(permission.roles()).as(permission.name()).isEqualTo(expected);
        }
        assertThat(wrong).as("decisions that differ from the table").isEmpty();
    }

    @Test
    void theOlderChecksOfAccessPolicyAgreeWithTheTable() {
        for (Role role : Role.values()) {
            Caller caller = caller(role);
            String as = role.name();
            assertThat(AccessPolicy.mayReadPersonData(caller, "33.75.01"))
                    .as(as)
                    .isEqualTo(expected(Permission.READ_PERSON_DATA).contains(role));
            assertThat(AccessPolicy.mayReadExactAggregates(caller, "33.75.01"))
                    .as(as)
                    .isEqualTo(expected(Permission.READ_EXACT_AGGREGATES).contains(role));
            assertThat(AccessPolicy.mayReadClinicalData(caller))
                    .as(as)
                    .isEqualTo(expected(Permission.READ_CLINICAL_DATA).contains(role));
            assertThat(AccessPolicy.mayEditRegistry(caller))
                    .as(as)
                    .isEqualTo(expected(Permission.EDIT_REGISTRY).contains(role));
            allowedOrForbidden(
                    as, expected(Permission.READ_AUDIT_LOG).contains(role), AccessPolicy::requireAuditRead, caller);
            allowedOrForbidden(
                    as, expected(Permission.READ_PERSON_DATA).contains(role), AccessPolicy::requireCaseAccess, caller);
            allowedOrForbidden(
                    as, expected(Permission.EDIT_REGISTRY).contains(role), AccessPolicy::requireRegistryRole, caller);
        }
    }

    @Test
    void scopeStillDecidesOnTopOfThePermission() {
        Caller camat = new Caller("camat", Role.CAMAT, List.of("33.75.03"), null);
        assertThat(AccessPolicy.mayReadPersonData(camat, "33.75.03.1002")).isTrue();
        assertThat(AccessPolicy.mayReadPersonData(camat, "33.75.01.1002")).isFalse();
        assertThat(AccessPolicy.mayReadExactAggregates(camat, "33.75.01")).isFalse();
        Caller planner = new Caller("planner", Role.PLANNER, List.of("33.75"), null);
        assertThat(AccessPolicy.exactAggregateScope(planner)).containsExactly("33.75");
        assertThat(AccessPolicy.personDataScope(planner)).isEmpty();
    }

    private static void allowedOrForbidden(String as, boolean allowed, Consumer<Caller> check, Caller caller) {
        if (allowed) {
            assertThatCode(() -> check.accept(caller)).as(as).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> check.accept(caller)).as(as).isInstanceOf(AccessDeniedException.class);
        }
    }
}
