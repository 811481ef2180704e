package id.ilpatlas.api.targeting;

import static id.ilpatlas.api.targeting.SelectionDocuments.input;
import static id.ilpatlas.api.targeting.SelectionDocuments.list;
import static id.ilpatlas.api.targeting.SelectionDocuments.mutate;
import static id.ilpatlas.api.targeting.SelectionDocuments.ok;
import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.security.DemoTokens;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16 item 1, selections as a workflow, through GraphQL on PostGIS: a lurah's pick edited, rejected, corrected
 * and resubmitted, then approved, with every step in its history and the audit log; edits refused once submitted;
 * puskesmas staff and the Dinkes propose, and nobody reviews their own proposal (nor a puskesmas its colleague's);
 * a conflict settled in one call, all or nothing; the events of every step; the history of selections from before
 * V20 rebuilt by the migration's backfill. Each test uses its own period (a year picked at random per run), so that
 * runs on one database never see each other's selections as conflicts.
 */
@Slow
class TargetSelectionWorkflowTest extends CaseTestSupport {

    /** Every {@link WorkflowEvent} the application publishes while these tests run. */
    @TestConfiguration
    static class RecordedEvents {
        static final List<WorkflowEvent> SEEN = new CopyOnWriteArrayList<>();

        @EventListener
        void on(WorkflowEvent event) {
            SEEN.add(event);
        }
    }

    @Autowired
    TransactionTemplate transactions;

    /** The events of one selection as {@code KIND:state:actor}, in order. */
    private static List<String> eventsOf(String id) {
        return RecordedEvents.SEEN.stream()
                .filter(e -> e.subjectId().equals(id))
                .map(e -> e.kind() + ":" + e.state() + ":" + e.actor())
                .toList();
    }

    /** Tirto's wilayah kerja holds kelurahan 33.75.01.1009 and 33.75.01.1012. */
    private static final String TIRTO_KELURAHAN = "33.75.01.1009";

    private static final String TIRTO_RW1 = TIRTO_KELURAHAN + ".RW001";
    private static final String TIRTO_RW2 = TIRTO_KELURAHAN + ".RW002";
    private static final String TIRTO_RW3 = TIRTO_KELURAHAN + ".RW003";
    private static final int YEAR = 2200 + new SecureRandom().nextInt(6000);

    private HttpGraphQlTester user(String name, Role role, List<String> regions, String facility) {
        String token = demoTokens.token(new DemoTokens.DemoUser(name, role, regions, facility));
        return anonymous().mutate().headers(h -> h.setBearerAuth(token)).build();
    }

    private HttpGraphQlTester lurahOfTirtoKelurahan() {
        return user("lurah-" + TIRTO_KELURAHAN, Role.LURAH, List.of(TIRTO_KELURAHAN), null);
    }

    /** The first error of a refused mutation (nothing returned). */
    static Map<String, Object> refused(Map<String, Object> payload) {
        assertThat(payload.get("targetSelection")).isNull();
        assertThat(list(payload, "errors")).as("errors").isNotEmpty();
        return list(payload, "errors").get(0);
    }

    private String create(HttpGraphQlTester who, List<String> rws, String from, String to, String reason) {
        return (String) ok(mutate(
                        who,
                        "targetCreate",
                        "createTargetSelection",
                        input(
                                "purpose",
                                "PUSLING",
                                "periodFrom",
                                from,
                                "periodTo",
                                to,
                                "rwCodes",
                                rws,
                                "reason",
                                reason)))
                .get("id");
    }

    private String day(int month, int day) {
        return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", YEAR, month, day);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String id) {
        return graphQl.documentName("targetSelection")
                .variable("id", id)
                .execute()
                .path("targetSelection")
                .entity(Map.class)
                .get();
    }

    private List<String> auditSteps(String id) {
        return jdbc.sql("""
                        SELECT action || ':' || outcome || ':' || coalesce(before->>'state', '-') || '>'
                               || coalesce(after->>'state', '-')
                          FROM audit_log WHERE target_type = 'TargetSelection' AND target_id = :id ORDER BY id""").param("id", id).query(String.class).list();
    }

    @Test
    void aRejectedSelectionIsCorrectedResubmittedAndApprovedWithEveryRoundInItsHistory() {
        HttpGraphQlTester lurah = lurahOfTirtoKelurahan();
        HttpGraphQlTester puskesmas = as("puskesmas-tirto");
        String id = create(lurah, List.of(TIRTO_RW1, TIRTO_RW2), day(1, 1), day(1, 31), "far from the puskesmas");

        // Edit the DRAFT: another RW set and reason; the period stays.
        Map<String, Object> edited = ok(mutate(
                lurah,
                "targetUpdate",
                "updateTargetSelection",
                input(
                        "id",
                        id,
                        "version",
                        1,
                        "rwCodes",
                        List.of(TIRTO_RW2, TIRTO_RW3),
                        "reason",
                        "RW 003 has more stunting")));
        assertThat(edited)
                .containsEntry("state", "DRAFT")
                .containsEntry("version", 2)
                .containsEntry("rwCodes", List.of(TIRTO_RW2, TIRTO_RW3))
                .containsEntry("reason", "RW 003 has more stunting")
                .containsEntry("periodFrom", day(1, 1));
        // Refusals of an edit, each typed: stale version, nothing changed, not an RW, unknown id.
        assertThat(refused(mutate(
                        lurah, "targetUpdate", "updateTargetSelection", input("id", id, "version", 1, "reason", "x"))))
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("currentVersion", 2);
        assertThat(refused(mutate(
                        lurah,
                        "targetUpdate",
                        "updateTargetSelection",
                        input("id", id, "version", 2, "reason", "RW 003 has more stunting"))))
                .containsEntry("__typename", "InvalidValueError");
        assertThat(refused(mutate(
                        lurah,
                        "targetUpdate",
                        "updateTargetSelection",
                        input("id", id, "version", 2, "rwCodes", List.of("33.75.01.1009")))))
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "rwCodes", "0"));
        assertThat(refused(mutate(
                        lurah,
                        "targetUpdate",
                        "updateTargetSelection",
                        input(
                                "id",
                                id,
                                "version",
                                2,
                                "periodTo",
                                day(1, 1).replace(String.valueOf(YEAR), String.valueOf(YEAR - 1))))))
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "periodTo"));
        assertThat(refused(mutate(
                        lurah,
                        "targetUpdate",
                        "updateTargetSelection",
                        input("id", "999999999", "version", 1, "reason", "x"))))
                .containsEntry("__typename", "TargetSelectionNotFoundError");
        // Only the creator edits: the puskesmas and the Dinkes are FORBIDDEN.
        for (HttpGraphQlTester other : List.of(puskesmas, graphQl)) {
            assertThat(classifications(run(
                            other,
                            "targetUpdate",
                            Map.of("input", input("id", id, "version", 2, "reason", "not mine")))))
                    .containsExactly("FORBIDDEN");
        }

        ok(mutate(lurah, "targetSubmit", "submitTargetSelection", input("id", id, "version", 2)));
        Map<String, Object> locked = refused(mutate(
                lurah, "targetUpdate", "updateTargetSelection", input("id", id, "version", 3, "reason", "too late")));
        assertThat(locked)
                .containsEntry("__typename", "InvalidTransitionError")
                .containsEntry("currentState", "SUBMITTED")
                .containsEntry("requestedState", null);
        assertThat(refused(mutate(lurah, "targetResubmit", "resubmitTargetSelection", input("id", id, "version", 3))))
                .containsEntry("__typename", "InvalidTransitionError")
                .containsEntry("currentState", "SUBMITTED");

        // Round 1: the puskesmas (its wilayah kerja covers both RWs) rejects.
        Map<String, Object> rejected = ok(mutate(
                puskesmas,
                "targetReview",
                "reviewTargetSelection",
                input("id", id, "version", 3, "decision", "REJECT", "note", "round 1: February, not January")));
        assertThat(rejected).containsEntry("state", "REJECTED").containsEntry("reviewedBy", "puskesmas-tirto");
        Map<String, Object> notSubmit =
                refused(mutate(lurah, "targetSubmit", "submitTargetSelection", input("id", id, "version", 4)));
        assertThat(notSubmit)
                .containsEntry("__typename", "InvalidTransitionError")
                .containsEntry("currentState", "REJECTED");
        assertThat((String) notSubmit.get("message")).contains("resubmitTargetSelection");

        // Correct the REJECTED selection (it stays REJECTED), resubmit it with a note, approve in round 2.
        Map<String, Object> corrected = ok(mutate(
                lurah,
                "targetUpdate",
                "updateTargetSelection",
                input("id", id, "version", 4, "periodFrom", day(2, 1), "periodTo", day(2, 28))));
        assertThat(corrected).containsEntry("state", "REJECTED").containsEntry("version", 5);
        Map<String, Object> resubmitted = ok(mutate(
                lurah,
                "targetResubmit",
                "resubmitTargetSelection",
                input("id", id, "version", 5, "note", "moved to February")));
        assertThat(resubmitted)
                .containsEntry("state", "SUBMITTED")
                .containsEntry("version", 6)
                .containsEntry("reviewedBy", null)
                .containsEntry("reviewNote", null);
        assertThat(resubmitted.get("submittedAt")).isNotNull();
        Map<String, Object> approved = ok(mutate(
                graphQl,
                "targetReview",
                "reviewTargetSelection",
                input("id", id, "version", 6, "decision", "APPROVE", "note", "round 2: approved")));
        assertThat(approved)
                .containsEntry("state", "APPROVED")
                .containsEntry("version", 7)
                .containsEntry("reviewNote", "round 2: approved");
        assertThat(refused(mutate(lurah, "targetResubmit", "resubmitTargetSelection", input("id", id, "version", 7))))
                .containsEntry("__typename", "InvalidTransitionError")
                .containsEntry("currentState", "APPROVED");
        assertThat(refused(mutate(
                        lurah,
                        "targetUpdate",
                        "updateTargetSelection",
                        input("id", id, "version", 7, "reason", "after approval"))))
                .containsEntry("currentState", "APPROVED");

        // The history: every step, oldest first, with both rounds' notes; versions 1..7.
        List<Map<String, Object>> history = list(read(id), "history");
        assertThat(history)
                .extracting(h -> h.get("action") + ":" + h.get("fromState") + ">" + h.get("toState") + ":"
                        + h.get("actor") + ":" + h.get("actorRole") + ":" + h.get("note") + ":" + h.get("changedFields")
                        + ":"
                        + h.get("version"))
                .containsExactly(
                        "CREATE:null>DRAFT:lurah-33.75.01.1009:LURAH:null:[]:1",
                        "UPDATE:DRAFT>DRAFT:lurah-33.75.01.1009:LURAH:null:[rwCodes, reason]:2",
                        "SUBMIT:DRAFT>SUBMITTED:lurah-33.75.01.1009:LURAH:null:[]:3",
                        "REJECT:SUBMITTED>REJECTED:puskesmas-tirto:PUSKESMAS_STAFF:round 1: February, not January:[]:4",
                        "UPDATE:REJECTED>REJECTED:lurah-33.75.01.1009:LURAH:null:[periodFrom, periodTo]:5",
                        "RESUBMIT:REJECTED>SUBMITTED:lurah-33.75.01.1009:LURAH:moved to February:[]:6",
                        "APPROVE:SUBMITTED>APPROVED:dinkes:DINKES_ADMIN:round 2: approved:[]:7");
        assertThat(history).allSatisfy(h -> assertThat(h.get("backfilled")).isEqualTo(false));
        assertThat(history).extracting(h -> (String) h.get("at")).isSorted();
        // The table agrees with the answer, one row per step.
        assertThat(jdbc.sql("SELECT count(*) FROM target_selection_transitions WHERE selection_id = :id")
                        .param("id", Long.parseLong(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(7L);

        // One event per step, none for a refusal.
        assertThat(eventsOf(id))
                .containsExactly(
                        "SELECTION_CREATED:DRAFT:lurah-33.75.01.1009",
                        "SELECTION_UPDATED:DRAFT:lurah-33.75.01.1009",
                        "SELECTION_SUBMITTED:SUBMITTED:lurah-33.75.01.1009",
                        "SELECTION_REJECTED:REJECTED:puskesmas-tirto",
                        "SELECTION_UPDATED:REJECTED:lurah-33.75.01.1009",
                        "SELECTION_SUBMITTED:SUBMITTED:lurah-33.75.01.1009",
                        "SELECTION_APPROVED:APPROVED:dinkes");

        // The audit log: every attempt, done ones with the states before and after.
        assertThat(auditSteps(id))
                .containsExactly(
                        "createTargetSelection:DONE:->DRAFT",
                        "updateTargetSelection:DONE:DRAFT>DRAFT",
                        "updateTargetSelection:REJECTED:->-",
                        "updateTargetSelection:REJECTED:->-",
                        "updateTargetSelection:REJECTED:->-",
                        "updateTargetSelection:REJECTED:->-",
                        "updateTargetSelection:DENIED:->-",
                        "updateTargetSelection:DENIED:->-",
                        "submitTargetSelection:DONE:DRAFT>SUBMITTED",
                        "updateTargetSelection:REJECTED:->-",
                        "resubmitTargetSelection:REJECTED:->-",
                        "reviewTargetSelection:DONE:SUBMITTED>REJECTED",
                        "submitTargetSelection:REJECTED:->-",
                        "updateTargetSelection:DONE:REJECTED>REJECTED",
                        "resubmitTargetSelection:DONE:REJECTED>SUBMITTED",
                        "reviewTargetSelection:DONE:SUBMITTED>APPROVED",
                        "resubmitTargetSelection:REJECTED:->-",
                        "updateTargetSelection:REJECTED:->-");
        assertThat(jdbc.sql("""
                        SELECT before->>'reason' || ' > ' || (after->>'reason') FROM audit_log
                         WHERE action = 'updateTargetSelection' AND outcome = 'DONE' AND target_id = :id ORDER BY id
                         LIMIT 1""").param("id", id).query(String.class).single())
                .isEqualTo("far from the puskesmas > RW 003 has more stunting");
    }

    @Test
    void puskesmasAndDinkesProposeAndNobodyReviewsTheirOwnProposal() {
        HttpGraphQlTester tirto = as("puskesmas-tirto");
        HttpGraphQlTester tirtoColleague = user("puskesmas-tirto-2", Role.PUSKESMAS_STAFF, List.of(), "PKM-3375-TIRTO");
        HttpGraphQlTester dinkes2 = user("dinkes-2", Role.DINKES_ADMIN, List.of("33.75"), null);

        // The puskesmas proposes RWs of its wilayah kerja; outside it is FORBIDDEN.
        String byPuskesmas = create(tirto, List.of(TIRTO_RW1), day(3, 1), day(3, 31), "puskesmas proposal");
        assertThat(read(byPuskesmas)).containsEntry("createdRole", "PUSKESMAS_STAFF");
        assertThat(classifications(run(
                        tirto,
                        "targetCreate",
                        Map.of(
                                "input",
                                input(
                                        "purpose",
                                        "PUSLING",
                                        "periodFrom",
                                        day(3, 1),
                                        "periodTo",
                                        day(3, 31),
                                        "rwCodes",
                                        List.of("33.75.03.1002.RW001"),
                                        "reason",
                                        "outside")))))
                .containsExactly("FORBIDDEN");
        ok(mutate(tirto, "targetSubmit", "submitTargetSelection", input("id", byPuskesmas, "version", 1)));
        // Neither its author nor a colleague of the same puskesmas reviews it: SelfReviewError; the Dinkes does.
        for (HttpGraphQlTester self : List.of(tirto, tirtoColleague)) {
            Map<String, Object> error = refused(mutate(
                    self,
                    "targetReview",
                    "reviewTargetSelection",
                    input("id", byPuskesmas, "version", 2, "decision", "APPROVE", "note", "my own")));
            assertThat(error)
                    .containsEntry("__typename", "SelfReviewError")
                    .containsEntry("createdBy", "puskesmas-tirto")
                    .containsEntry("createdRole", "PUSKESMAS_STAFF");
            assertThat(queue(self)).doesNotContain(byPuskesmas);
        }
        assertThat(queue(graphQl)).contains(byPuskesmas);
        ok(mutate(
                graphQl,
                "targetReview",
                "reviewTargetSelection",
                input(
                        "id",
                        byPuskesmas,
                        "version",
                        2,
                        "decision",
                        "APPROVE",
                        "note",
                        "the Dinkes approves the puskesmas's proposal")));

        // The Dinkes proposes; it does not review its own (nor resolve with it), another Dinkes admin or the
        // puskesmas covering every RW does.
        String byDinkes = create(graphQl, List.of(TIRTO_RW2), day(4, 1), day(4, 30), "Dinkes proposal");
        assertThat(read(byDinkes)).containsEntry("createdRole", "DINKES_ADMIN").containsEntry("createdBy", "dinkes");
        ok(mutate(graphQl, "targetSubmit", "submitTargetSelection", input("id", byDinkes, "version", 1)));
        assertThat(refused(mutate(
                        graphQl,
                        "targetReview",
                        "reviewTargetSelection",
                        input("id", byDinkes, "version", 2, "decision", "APPROVE", "note", "mine"))))
                .containsEntry("__typename", "SelfReviewError");
        Map<String, Object> selfResolve = mutate(
                graphQl,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input("approveId", byDinkes, "version", 2, "note", "mine"));
        assertThat(selfResolve.get("approved")).isNull();
        assertThat(list(selfResolve, "errors"))
                .extracting(e -> e.get("__typename"))
                .containsExactly("SelfReviewError");
        assertThat(queue(graphQl)).doesNotContain(byDinkes);
        assertThat(queue(dinkes2)).contains(byDinkes);
        assertThat(queue(tirto)).contains(byDinkes);
        Map<String, Object> rejected = ok(mutate(
                dinkes2,
                "targetReview",
                "reviewTargetSelection",
                input("id", byDinkes, "version", 2, "decision", "REJECT", "note", "four eyes: not this month")));
        assertThat(rejected).containsEntry("reviewedBy", "dinkes-2");
        // The Dinkes corrects and resubmits its own selection; the puskesmas approves it.
        ok(mutate(
                graphQl,
                "targetUpdate",
                "updateTargetSelection",
                input("id", byDinkes, "version", 3, "periodFrom", day(5, 1), "periodTo", day(5, 31))));
        ok(mutate(graphQl, "targetResubmit", "resubmitTargetSelection", input("id", byDinkes, "version", 4)));
        ok(mutate(
                tirto,
                "targetReview",
                "reviewTargetSelection",
                input("id", byDinkes, "version", 5, "decision", "APPROVE", "note", "May suits the puskesmas")));
        assertThat(list(read(byDinkes), "history"))
                .extracting(h -> h.get("action") + "/" + h.get("actor"))
                .containsExactly(
                        "CREATE/dinkes",
                        "SUBMIT/dinkes",
                        "REJECT/dinkes-2",
                        "UPDATE/dinkes",
                        "RESUBMIT/dinkes",
                        "APPROVE/puskesmas-tirto");

        // A camat or lurah still reviews nothing; a kader proposes nothing.
        assertThat(classifications(run(
                        as("camat-utara"),
                        "targetResolve",
                        Map.of("input", input("approveId", byDinkes, "version", 6, "note", "x")))))
                .containsExactly("FORBIDDEN");
        assertThat(queue(as("camat-utara"))).isEmpty();
    }

    /** The ids of the reviewer's queue in this test's year (the README's example document). */
    private List<String> queue(HttpGraphQlTester who) {
        return who.documentName("readmeReviewQueue")
                .variable("first", 1000)
                .variable("periodFrom", day(1, 1))
                .variable("periodTo", day(12, 31))
                .execute()
                .path("targetSelections.edges[*].node.id")
                .entityList(String.class)
                .get();
    }

    @Test
    void aConflictIsResolvedInOneCallAllOrNothing() {
        HttpGraphQlTester lurah = lurahOfTirtoKelurahan();
        HttpGraphQlTester tirto = as("puskesmas-tirto");
        HttpGraphQlTester camat = user("camat-barat", Role.CAMAT, List.of("33.75.01"), null);
        // A, B, C share RW 002 in June; D is elsewhere (no conflict).
        String a = create(lurah, List.of(TIRTO_RW1, TIRTO_RW2), day(6, 1), day(6, 30), "A");
        String b = create(camat, List.of(TIRTO_RW2), day(6, 10), day(6, 20), "B");
        String c = create(camat, List.of(TIRTO_RW2, TIRTO_RW3), day(6, 25), day(7, 5), "C");
        String d =
                create(camat, List.of(TIRTO_KELURAHAN.replace("1009", "1012") + ".RW001"), day(6, 1), day(6, 30), "D");
        for (String id : List.of(a, b, c, d)) {
            HttpGraphQlTester who = id.equals(a) ? lurah : camat;
            ok(mutate(who, "targetSubmit", "submitTargetSelection", input("id", id, "version", 1)));
        }
        assertThat((List<?>) read(a).get("conflicts")).hasSize(2);

        // All or nothing: an unlisted conflict, a stale version, a listed non-conflict each refuse the whole call.
        Map<String, Object> unlisted = mutate(
                tirto,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input("approveId", a, "version", 2, "note", "A wins", "reject", List.of(input("id", b, "version", 2))));
        assertThat(list(unlisted, "errors"))
                .extracting(e -> e.get("__typename"))
                .containsExactly("TargetSelectionConflictError");
        assertThat(list(list(unlisted, "errors").get(0), "conflicts"))
                .extracting(x -> x.get("selectionId"))
                .containsExactly(c);
        Map<String, Object> stale = mutate(
                tirto,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input(
                        "approveId",
                        a,
                        "version",
                        2,
                        "note",
                        "A wins",
                        "reject",
                        List.of(input("id", b, "version", 1), input("id", c, "version", 2))));
        assertThat(list(stale, "errors"))
                .extracting(e -> e.get("__typename") + " " + e.get("field"))
                .containsExactly("StaleVersionError [input, reject, 0, version]");
        Map<String, Object> stranger = mutate(
                tirto,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input(
                        "approveId",
                        a,
                        "version",
                        2,
                        "note",
                        "A wins",
                        "reject",
                        List.of(
                                input("id", b, "version", 2),
                                input("id", c, "version", 2),
                                input("id", d, "version", 2))));
        assertThat(list(stranger, "errors"))
                .extracting(e -> e.get("__typename") + " " + e.get("field"))
                .containsExactly("InvalidValueError [input, reject, 2, id]");
        assertThat(refused(
                        mutate(
                                tirto,
                                "targetResolve",
                                "resolveTargetSelectionConflicts",
                                input("approveId", a, "version", 1, "note", "A wins")),
                        "approved"))
                .containsEntry("__typename", "StaleVersionError");
        for (String id : List.of(a, b, c, d)) {
            assertThat(read(id)).as(id).containsEntry("state", "SUBMITTED").containsEntry("version", 2);
        }

        // Listed right: A approved, B and C rejected with the note, D untouched; one transaction.
        Map<String, Object> resolved = mutate(
                tirto,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input(
                        "approveId",
                        a,
                        "version",
                        2,
                        "note",
                        "A covers June",
                        "reject",
                        List.of(input("id", c, "version", 2), input("id", b, "version", 2))));
        assertThat(ok(resolved, "approved"))
                .containsEntry("id", a)
                .containsEntry("state", "APPROVED")
                .containsEntry("version", 3)
                .containsEntry("reviewNote", "A covers June");
        assertThat(list(resolved, "rejected"))
                .extracting(
                        r -> r.get("id") + "/" + r.get("state") + "/" + r.get("reviewNote") + "/" + r.get("reviewedBy"))
                .containsExactlyInAnyOrder(
                        b + "/REJECTED/A covers June/puskesmas-tirto", c + "/REJECTED/A covers June/puskesmas-tirto");
        assertThat(read(d)).containsEntry("state", "SUBMITTED").containsEntry("version", 2);
        for (String id : List.of(b, c)) {
            assertThat(list(read(id), "history"))
                    .extracting(h -> h.get("action") + ":" + h.get("note"))
                    .containsExactly("CREATE:null", "SUBMIT:null", "REJECT:A covers June");
            assertThat(auditSteps(id)).endsWith("resolveTargetSelectionConflicts:DONE:SUBMITTED>REJECTED");
        }
        assertThat(auditSteps(a))
                .containsSubsequence(
                        "resolveTargetSelectionConflicts:REJECTED:->-",
                        "resolveTargetSelectionConflicts:DONE:SUBMITTED>APPROVED");
        assertThat(eventsOf(a))
                .endsWith("SELECTION_APPROVED:APPROVED:puskesmas-tirto")
                .hasSize(3);
        assertThat(eventsOf(b))
                .endsWith("SELECTION_REJECTED:REJECTED:puskesmas-tirto")
                .hasSize(3);
        assertThat(eventsOf(c))
                .endsWith("SELECTION_REJECTED:REJECTED:puskesmas-tirto")
                .hasSize(3);
        assertThat(eventsOf(d)).hasSize(2);

        // An APPROVED conflict blocks: B corrected in place and resubmitted still overlaps A.
        ok(mutate(
                camat,
                "targetResubmit",
                "resubmitTargetSelection",
                input("id", b, "version", 3, "note", "still June")));
        Map<String, Object> blocked = mutate(
                graphQl,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input("approveId", b, "version", 4, "note", "B instead"));
        assertThat(list(blocked, "errors"))
                .extracting(e -> e.get("__typename"))
                .containsExactly("TargetSelectionConflictError");
        assertThat(list(list(blocked, "errors").get(0), "conflicts"))
                .extracting(x -> x.get("selectionId") + "/" + x.get("state"))
                .containsExactly(a + "/APPROVED");

        // Automatic: no `reject` list, every SUBMITTED conflict rejected at its current version.
        String e = create(camat, List.of(TIRTO_RW3), day(8, 1), day(8, 31), "E");
        String f = create(lurah, List.of(TIRTO_RW3), day(8, 15), day(9, 15), "F");
        ok(mutate(camat, "targetSubmit", "submitTargetSelection", input("id", e, "version", 1)));
        ok(mutate(lurah, "targetSubmit", "submitTargetSelection", input("id", f, "version", 1)));
        Map<String, Object> automatic = mutate(
                graphQl,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input("approveId", f, "version", 2, "note", "F: the lurah's"));
        assertThat(ok(automatic, "approved")).containsEntry("state", "APPROVED");
        assertThat(list(automatic, "rejected")).extracting(r -> r.get("id")).containsExactly(e);
        // Nothing to resolve is fine too: approving without conflicts rejects nothing.
        Map<String, Object> alone = mutate(
                graphQl,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input("approveId", d, "version", 2, "note", "D alone", "reject", List.of()));
        assertThat(ok(alone, "approved")).containsEntry("state", "APPROVED");
        assertThat(list(alone, "rejected")).isEmpty();
        // A conflicting selection reaching outside the puskesmas's wilayah kerja: the puskesmas cannot reject it, the
        // Dinkes resolves.
        String g = create(camat, List.of(TIRTO_RW1, "33.75.01.1002.RW001"), day(10, 1), day(10, 31), "G");
        String h = create(lurah, List.of(TIRTO_RW1), day(10, 1), day(10, 31), "H");
        ok(mutate(camat, "targetSubmit", "submitTargetSelection", input("id", g, "version", 1)));
        ok(mutate(lurah, "targetSubmit", "submitTargetSelection", input("id", h, "version", 1)));
        Map<String, Object> outside = mutate(
                tirto,
                "targetResolve",
                "resolveTargetSelectionConflicts",
                input("approveId", h, "version", 2, "note", "H"));
        assertThat(list(outside, "errors"))
                .extracting(x -> x.get("__typename") + " " + x.get("message"))
                .containsExactly("TargetSelectionConflictError conflicting selection " + g
                        + " has RWs outside your scope; the Dinkes resolves this conflict");
        assertThat(read(g)).containsEntry("state", "SUBMITTED");
        assertThat(list(
                        mutate(
                                graphQl,
                                "targetResolve",
                                "resolveTargetSelectionConflicts",
                                input("approveId", h, "version", 2, "note", "H, by the Dinkes")),
                        "rejected"))
                .extracting(r -> r.get("id"))
                .containsExactly(g);

        // Not SUBMITTED any more.
        assertThat(refused(
                        mutate(
                                graphQl,
                                "targetResolve",
                                "resolveTargetSelectionConflicts",
                                input("approveId", d, "version", 3, "note", "again")),
                        "approved"))
                .containsEntry("__typename", "InvalidTransitionError")
                .containsEntry("currentState", "APPROVED");
    }

    static Map<String, Object> refused(Map<String, Object> payload, String field) {
        assertThat(payload.get(field)).isNull();
        assertThat(list(payload, "errors")).as("errors").isNotEmpty();
        return list(payload, "errors").get(0);
    }

    /**
     * V20 rebuilds the history of the selections it finds from their own columns: the migration's backfill statement,
     * run here on selections written as before V20 (inside a transaction rolled back afterwards), gives CREATE, SUBMIT,
     * the review or the withdrawal, each with its time, actor, note and version. And every selection of the database
     * has a history whose last step is its present state and version.
     */
    @Test
    void theHistoryOfSelectionsFromBeforeV20IsRebuiltFromTheirTimestamps() throws IOException {
        String migration = Files.readString(
                Path.of(
                        "..",
                        "db",
                        "src",
                        "main",
                        "resources",
                        "db",
                        "migration",
                        "V20__keep_target_selection_history.sql"),
                StandardCharsets.UTF_8);
        int start = migration.indexOf("INSERT INTO target_selection_transitions");
        String backfill = migration.substring(start, migration.indexOf(";", start));
        List<String> rebuilt = transactions.execute(status -> {
            status.setRollbackOnly();
            List<Long> ids = new java.util.ArrayList<>();
            for (String[] row : List.of(
                    new String[] {"DRAFT", null, null, "1"},
                    new String[] {"SUBMITTED", "2026-01-02 03:00:00+00", null, "2"},
                    new String[] {"APPROVED", "2026-01-02 03:00:00+00", "2026-01-03 04:00:00+00", "3"},
                    new String[] {"REJECTED", "2026-01-02 03:00:00+00", "2026-01-03 04:00:00+00", "3"},
                    new String[] {"WITHDRAWN", "2026-01-02 03:00:00+00", null, "3"},
                    new String[] {"WITHDRAWN", null, null, "2"})) {
                boolean reviewed = row[2] != null;
                ids.add(jdbc.sql("""
                                INSERT INTO target_selections (kabkota_code, purpose, period_from, period_to, state,
                                       reason, created_by, created_role, created_at, submitted_at, reviewed_by,
                                       reviewed_role, reviewed_at, review_note, version, updated_at)
                                VALUES ('33.75', 'PUSLING', DATE '2026-02-01', DATE '2026-02-28', :state, 'old',
                                        'camat-old', 'CAMAT', TIMESTAMPTZ '2026-01-01 02:00:00+00',
                                        CAST(:submitted AS timestamptz), :reviewer, :reviewerRole,
                                        CAST(:reviewed AS timestamptz), :note, :version,
                                        TIMESTAMPTZ '2026-01-05 06:00:00+00')
                                RETURNING id""")
                        .param("state", row[0])
                        .param("submitted", row[1])
                        .param("reviewed", row[2])
                        .param("reviewer", reviewed ? "dinkes-old" : null)
                        .param("reviewerRole", reviewed ? "DINKES_ADMIN" : null)
                        .param("note", reviewed ? "old note" : null)
                        .param("version", Integer.parseInt(row[3]))
                        .query(Long.class)
                        .single());
            }
            jdbc.sql(backfill).update();
            return jdbc.sql("""
                            SELECT s.state || ': ' || string_agg(t.action || ' ' || coalesce(t.from_state, '-') || '>'
                                       || t.to_state || ' ' || t.actor || '/' || t.actor_role || ' '
                                       || coalesce(t.note, '-') || ' v' || t.version || ' '
                                       || to_char(t.at AT TIME ZONE 'UTC', 'MM-DD HH24') || ' ' || t.backfilled,
                                       ', ' ORDER BY t.id)
                              FROM target_selections s JOIN target_selection_transitions t ON t.selection_id = s.id
                             WHERE s.id = ANY (CAST(:ids AS bigint[]))
                             GROUP BY s.id, s.state ORDER BY s.id""")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(String.class)
                    .list();
        });
        assertThat(rebuilt)
                .containsExactly(
                        "DRAFT: CREATE ->DRAFT camat-old/CAMAT - v1 01-01 02 true",
                        "SUBMITTED: CREATE ->DRAFT camat-old/CAMAT - v1 01-01 02 true, "
                                + "SUBMIT DRAFT>SUBMITTED camat-old/CAMAT - v2 01-02 03 true",
                        "APPROVED: CREATE ->DRAFT camat-old/CAMAT - v1 01-01 02 true, "
                                + "SUBMIT DRAFT>SUBMITTED camat-old/CAMAT - v2 01-02 03 true, "
                                + "APPROVE SUBMITTED>APPROVED dinkes-old/DINKES_ADMIN old note v3 01-03 04 true",
                        "REJECTED: CREATE ->DRAFT camat-old/CAMAT - v1 01-01 02 true, "
                                + "SUBMIT DRAFT>SUBMITTED camat-old/CAMAT - v2 01-02 03 true, "
                                + "REJECT SUBMITTED>REJECTED dinkes-old/DINKES_ADMIN old note v3 01-03 04 true",
                        "WITHDRAWN: CREATE ->DRAFT camat-old/CAMAT - v1 01-01 02 true, "
                                + "SUBMIT DRAFT>SUBMITTED camat-old/CAMAT - v2 01-02 03 true, "
                                + "WITHDRAW SUBMITTED>WITHDRAWN camat-old/CAMAT - v3 01-05 06 true",
                        "WITHDRAWN: CREATE ->DRAFT camat-old/CAMAT - v1 01-01 02 true, "
                                + "WITHDRAW DRAFT>WITHDRAWN camat-old/CAMAT - v2 01-05 06 true");

        // Every selection's last step is where it stands now.
        List<String> drifted = jdbc.sql("""
                        SELECT s.id || ' ' || s.state || ' v' || s.version FROM target_selections s
                         WHERE (SELECT t.to_state || ' v' || t.version FROM target_selection_transitions t
                                 WHERE t.kabkota_code = s.kabkota_code AND t.selection_id = s.id
                                 ORDER BY t.id DESC LIMIT 1) IS DISTINCT FROM s.state || ' v' || s.version""").query(String.class).list();
        assertThat(drifted)
                .as("selections whose history does not end in their state and version")
                .isEmpty();
    }
}
