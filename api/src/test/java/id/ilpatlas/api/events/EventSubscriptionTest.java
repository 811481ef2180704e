package id.ilpatlas.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.security.DemoTokens;
import id.ilpatlas.api.security.Role;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The {@code workflowEvents} subscription over a real WebSocket (graphql-transport-ws, JDK client) on the running app:
 * target selections created and submitted through GraphQL reach the subscribers whose scope covers their RWs (each
 * learning only its own RWs), not a lurah of another kelurahan; bad tokens close the connection (4401); anonymous,
 * planner and a kader asking for selection events are refused; the subscriptions of one user are bounded.
 */
class EventSubscriptionTest extends IntegrationTest {

    private static final String UTARA = "33.75.03";
    private static final String MEDONO = "33.75.01.1002";

    @LocalServerPort
    int port;

    @Autowired
    LiveWorkflowEvents live;

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/graphql-ws");
    }

    /** Waits until the app holds {@code expected} live subscriptions (they register asynchronously). */
    private void awaitSubscribers(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + GraphQlWsClient.GUARD.toNanos();
        while (live.subscriberCount() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "expected " + expected + " live subscriptions, have " + live.subscriberCount() + " (hung?)");
            }
            Thread.sleep(10);
        }
    }

    private List<String> rws(String region) {
        return jdbc.sql("SELECT code FROM regions WHERE level = 'RW' AND code LIKE :r || '.%' ORDER BY code")
                .param("r", region)
                .query(String.class)
                .list();
    }

    private static String kelurahanOf(String rw) {
        return rw.substring(0, rw.indexOf(".RW"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> selection(
            HttpGraphQlTester tester, String document, String field, Map<String, Object> input) {
        Map<String, Object> payload = tester.documentName(document)
                .variable("input", input)
                .execute()
                .path(field)
                .entity(Map.class)
                .get();
        assertThat((List<Object>) payload.get("errors")).as(field + " errors").isEmpty();
        return (Map<String, Object>) payload.get("targetSelection");
    }

    private static Map<String, Object> input(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private String token(String name, Role role, String region) {
        return demoTokens.token(new DemoTokens.DemoUser(name, role, List.of(region), null));
    }

    @Test
    void aCommittedSelectionReachesTheSubscribersInScopeAndNotALurahElsewhere() throws Exception {
        // Two RWs of Pekalongan Utara in two kelurahan; a lurah of the first hears of the first RW only.
        List<String> utara = rws(UTARA);
        String rwA = utara.get(0);
        String rwB = utara.stream()
                .filter(rw -> !kelurahanOf(rw).equals(kelurahanOf(rwA)))
                .findFirst()
                .orElseThrow();
        String medonoRw = rws(MEDONO).get(0);
        int before = live.subscriberCount();
        try (GraphQlWsClient dinkes = GraphQlWsClient.connect(ws(), tokenOf("dinkes"));
                GraphQlWsClient camat = GraphQlWsClient.connect(ws(), tokenOf("camat-utara"));
                GraphQlWsClient lurahA = GraphQlWsClient.connect(ws(), token("lurah-a", Role.LURAH, kelurahanOf(rwA)));
                GraphQlWsClient lurahMedono = GraphQlWsClient.connect(ws(), tokenOf("lurah-medono"))) {
            dinkes.subscribe("d", Map.of());
            camat.subscribe("c", Map.of("kinds", List.of("SELECTION_SUBMITTED"), "regionCode", UTARA));
            lurahA.subscribe("a", Map.of());
            lurahMedono.subscribe("m", Map.of("kinds", List.of("SELECTION_CREATED")));
            awaitSubscribers(before + 4);

            HttpGraphQlTester camatHttp = as("camat-utara");
            Map<String, Object> created = selection(
                    camatHttp,
                    "targetCreate",
                    "createTargetSelection",
                    input(
                            "purpose",
                            "PUSLING",
                            "periodFrom",
                            "2036-03-01",
                            "periodTo",
                            "2036-03-31",
                            "rwCodes",
                            List.of(rwA, rwB),
                            "reason",
                            "EventSubscriptionTest: two kelurahan"));
            String id = (String) created.get("id");
            selection(camatHttp, "targetSubmit", "submitTargetSelection", input("id", id, "version", 1));

            Map<String, Object> first = dinkes.nextEvent("d");
            assertThat(first)
                    .containsEntry("kind", "SELECTION_CREATED")
                    .containsEntry("subjectType", "TargetSelection")
                    .containsEntry("subjectId", id)
                    .containsEntry("kabkotaCode", "33.75")
                    .containsEntry("rwCodes", List.of(rwA, rwB))
                    .containsEntry("state", "DRAFT")
                    .containsEntry("actor", "camat-utara");
            assertThat((String) first.get("occurredAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(dinkes.nextEvent("d"))
                    .containsEntry("kind", "SELECTION_SUBMITTED")
                    .containsEntry("subjectId", id)
                    .containsEntry("state", "SUBMITTED");
            // The camat asked for submissions only.
            assertThat(camat.nextEvent("c"))
                    .containsEntry("kind", "SELECTION_SUBMITTED")
                    .containsEntry("subjectId", id);
            // The lurah learns of her own RW only.
            assertThat(lurahA.nextEvent("a"))
                    .containsEntry("kind", "SELECTION_CREATED")
                    .containsEntry("rwCodes", List.of(rwA));
            assertThat(lurahA.nextEvent("a"))
                    .containsEntry("kind", "SELECTION_SUBMITTED")
                    .containsEntry("rwCodes", List.of(rwA));

            // The lurah of Medono heard nothing of Utara: the first event she gets is her own, published after.
            Map<String, Object> own = selection(
                    as("lurah-medono"),
                    "targetCreate",
                    "createTargetSelection",
                    input(
                            "purpose",
                            "PUSLING",
                            "periodFrom",
                            "2036-03-01",
                            "periodTo",
                            "2036-03-31",
                            "rwCodes",
                            List.of(medonoRw),
                            "reason",
                            "EventSubscriptionTest: Medono"));
            assertThat(lurahMedono.nextEvent("m"))
                    .containsEntry("subjectId", own.get("id"))
                    .containsEntry("rwCodes", List.of(medonoRw))
                    .containsEntry("actor", "lurah-medono");
            // ... and the dinkes hears that one too, the camat of Utara does not (next thing he hears is below).
            assertThat(dinkes.nextEvent("d")).containsEntry("subjectId", own.get("id"));

            // Clean up through the API (other tests list selections): each creator withdraws its own.
            selection(camatHttp, "targetWithdraw", "withdrawTargetSelection", input("id", id, "version", 2));
            selection(
                    as("lurah-medono"),
                    "targetWithdraw",
                    "withdrawTargetSelection",
                    input("id", own.get("id"), "version", 1));
        }
        awaitSubscribers(before);
    }

    @Test
    void badTokensCloseTheConnectionAndTheUnentitledAreRefused() throws Exception {
        try (GraphQlWsClient forged = GraphQlWsClient.open(ws(), "Bearer not-a-token")) {
            assertThat(forged.closeCode()).isEqualTo(4401);
        }
        try (GraphQlWsClient basic = GraphQlWsClient.open(ws(), "Basic ZGlua2VzOnNlY3JldA==")) {
            assertThat(basic.closeCode()).isEqualTo(4401);
        }
        // A token signed with another key (as from another server).
        String foreign = tokenOf("dinkes");
        String tampered = foreign.substring(0, foreign.lastIndexOf('.') + 1) + "AAAA"
                + foreign.substring(foreign.lastIndexOf('.') + 5);
        try (GraphQlWsClient bad = GraphQlWsClient.open(ws(), "Bearer " + tampered)) {
            assertThat(bad.closeCode()).isEqualTo(4401);
        }

        try (GraphQlWsClient anonymous = GraphQlWsClient.connect(ws(), null)) {
            anonymous.subscribe("1", Map.of());
            assertThat(classifications(anonymous.errors("1"))).containsExactly("FORBIDDEN");
        }
        try (GraphQlWsClient planner = GraphQlWsClient.connect(ws(), tokenOf("planner"))) {
            planner.subscribe("1", Map.of());
            assertThat(classifications(planner.errors("1"))).containsExactly("FORBIDDEN");
        }
        String posyandu = jdbc.sql(
                        "SELECT code FROM facilities WHERE type = 'POSYANDU' AND active ORDER BY code LIMIT 1")
                .query(String.class)
                .single();
        try (GraphQlWsClient kader = GraphQlWsClient.connect(ws(), tokenOf("kader-" + posyandu))) {
            kader.subscribe("1", Map.of("kinds", List.of("SELECTION_SUBMITTED")));
            assertThat(classifications(kader.errors("1"))).containsExactly("FORBIDDEN");
        }
        try (GraphQlWsClient camat = GraphQlWsClient.connect(ws(), tokenOf("camat-utara"))) {
            camat.subscribe("1", Map.of("regionCode", MEDONO));
            assertThat(classifications(camat.errors("1"))).containsExactly("FORBIDDEN");
        }
    }

    @Test
    void oneUserHoldsABoundedNumberOfSubscriptions() throws Exception {
        int before = live.subscriberCount();
        try (GraphQlWsClient camat = GraphQlWsClient.connect(ws(), tokenOf("camat-utara"))) {
            for (int i = 1; i <= 5; i++) {
                camat.subscribe("s" + i, Map.of());
            }
            awaitSubscribers(before + 5);
            camat.subscribe("s6", Map.of());
            List<Map<String, Object>> errors = camat.errors("s6");
            assertThat(classifications(errors)).containsExactly("TOO_MANY_SUBSCRIPTIONS");
            assertThat((String) errors.get(0).get("message")).contains("5 open workflowEvents subscriptions");
            // Completing one frees a place.
            camat.complete("s1");
            awaitSubscribers(before + 4);
            camat.subscribe("s7", Map.of());
            awaitSubscribers(before + 5);
        }
        awaitSubscribers(before);
    }

    @SuppressWarnings("unchecked")
    private static List<String> classifications(List<Map<String, Object>> errors) {
        List<String> result = new ArrayList<>();
        for (Map<String, Object> e : errors) {
            result.add(String.valueOf(
                    ((Map<String, Object>) e.getOrDefault("extensions", Map.of())).get("classification")));
        }
        return result;
    }
}
