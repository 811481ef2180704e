package id.ilpatlas.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import id.ilpatlas.api.AtlasApplication;
import id.ilpatlas.api.AtlasDatabase;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook outbox on real PostGIS with receivers inside the test (JDK HttpServer): a committed GraphQL change is
 * POSTed as signed JSON that verifies with the webhook's secret (recomputed here with javax.crypto); a rolled-back
 * change leaves no row; a receiver that answers 500 twice gets the event on the third attempt, each after the backoff
 * (the application clock is moved, nothing sleeps); the outbox survives a restart: rows written by this application
 * are delivered by a second application context on the same database, each exactly once, also while both dispatch at
 * the same time. The dispatcher's own polling is switched off here; the test runs its rounds.
 */
@Slow
class WebhookOutboxTest extends IntegrationTest {

    private static final String GATEWAY_SECRET = "gateway-secret-of-the-test-0123456789";
    private static final String FLAKY_SECRET = "flaky-secret-of-the-test-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One POST a receiver got. */
    record Received(String path, Map<String, String> headers, byte[] body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.readValue(body, LinkedHashMap.class);
        }
    }

    private static final List<Received> RECEIVED = Collections.synchronizedList(new ArrayList<>());
    /** The statuses /flaky answers next (then 200). */
    private static final Deque<Integer> FLAKY_STATUSES = new ArrayDeque<>();

    private static final HttpServer RECEIVER = receiver();

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
                String path = exchange.getRequestURI().getPath();
                RECEIVED.add(new Received(path, headers, body));
                Integer status;
                synchronized (FLAKY_STATUSES) {
                    status = path.equals("/flaky") ? FLAKY_STATUSES.poll() : null;
                }
                exchange.sendResponseHeaders(status == null ? 204 : status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webhook configuration of both application contexts. */
    private static Map<String, Object> webhookProperties() {
        String base = "http://127.0.0.1:" + RECEIVER.getAddress().getPort();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("atlas.webhooks[0].name", "gateway");
        p.put("atlas.webhooks[0].url", base + "/gateway");
        p.put("atlas.webhooks[0].secret", GATEWAY_SECRET);
        p.put("atlas.webhooks[0].kinds", "SELECTION_CREATED,SELECTION_SUBMITTED");
        p.put("atlas.webhooks[0].kabkota-codes", "33.75");
        p.put("atlas.webhooks[1].name", "flaky");
        p.put("atlas.webhooks[1].url", base + "/flaky");
        p.put("atlas.webhooks[1].secret", FLAKY_SECRET);
        p.put("atlas.webhooks[1].kinds", "SELECTION_SUBMITTED");
        p.put("atlas.webhook-delivery.enabled", "false");
        return p;
    }

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        webhookProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    WebhookBackoff backoff;

    @Autowired
    WorkflowEvents events;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void settleEarlierRows() {
        dispatcher.dispatchDue();
        RECEIVED.clear();
    }

    private List<String> utaraRws(int n) {
        return jdbc.sql("SELECT code FROM regions WHERE level = 'RW' AND code LIKE '33.75.03.%' ORDER BY code LIMIT :n")
                .param("n", n)
                .query(String.class)
                .list();
    }

    @SuppressWarnings("unchecked")
    private String create(String reason, List<String> rws) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "GERAKAN_INTERVENSI");
        input.put("periodFrom", "2037-05-01");
        input.put("periodTo", "2037-05-31");
        input.put("rwCodes", rws);
        input.put("reason", reason);
        Map<String, Object> payload = as("camat-utara")
                .documentName("targetCreate")
                .variable("input", input)
                .execute()
                .path("createTargetSelection")
                .entity(Map.class)
                .get();
        assertThat((List<Object>) payload.get("errors")).isEmpty();
        return (String) ((Map<String, Object>) payload.get("targetSelection")).get("id");
    }

    @SuppressWarnings("unchecked")
    private void submit(String id) {
        Map<String, Object> payload = as("camat-utara")
                .documentName("targetSubmit")
                .variable("input", Map.of("id", id, "version", 1))
                .execute()
                .path("submitTargetSelection")
                .entity(Map.class)
                .get();
        assertThat((List<Object>) payload.get("errors")).isEmpty();
    }

    private void withdraw(String id, int version) {
        as("camat-utara")
                .documentName("targetWithdraw")
                .variable("input", Map.of("id", id, "version", version))
                .execute()
                .path("withdrawTargetSelection.errors")
                .entityList(Object.class)
                .hasSize(0);
    }

    private Map<String, Object> row(String webhook, String subjectId, String kind) {
        return jdbc.sql("""
                        SELECT id, attempts, next_attempt_at, delivered_at, dead_at, last_error, last_status
                          FROM webhook_outbox WHERE webhook = :w AND event->>'subjectId' = :s AND event_kind = :k""")
                .param("w", webhook)
                .param("s", subjectId)
                .param("k", kind)
                .query()
                .singleRow();
    }

    private long rows(String subjectId) {
        return jdbc.sql("SELECT count(*) FROM webhook_outbox WHERE event->>'subjectId' = :s")
                .param("s", subjectId)
                .query(Long.class)
                .single();
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    private static List<Received> received(String path) {
        synchronized (RECEIVED) {
            return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** The signature recomputed here, independently of the application's {@link WebhookSignature}. */
    private static void assertSigned(Received r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed =
                mac.doFinal((r.headers().get("x-atlas-timestamp") + "." + new String(r.body(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().get("x-atlas-signature"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(signed));
        assertThat(WebhookSignature.verify(
                        secret,
                        r.headers().get("x-atlas-timestamp"),
                        r.body(),
                        r.headers().get("x-atlas-signature")))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        "another-secret-0123456789",
                        r.headers().get("x-atlas-timestamp"),
                        r.body(),
                        r.headers().get("x-atlas-signature")))
                .isFalse();
    }

    @Test
    void aCommittedChangeIsPostedSignedAndARolledBackOneLeavesNoRow() throws Exception {
        List<String> rws = utaraRws(2);
        String id = create("WebhookOutboxTest: signed", rws);
        // Written with the change: one row for the gateway (the flaky webhook wants submissions only).
        assertThat(rows(id)).isEqualTo(1);
        assertThat(row("gateway", id, "SELECTION_CREATED")).containsEntry("attempts", 0);

        WebhookDispatcher.Round round = dispatcher.dispatchDue();
        assertThat(round.delivered()).isEqualTo(1);
        List<Received> posts = received("/gateway");
        assertThat(posts).hasSize(1);
        Received post = posts.get(0);
        assertSigned(post, GATEWAY_SECRET);
        assertThat(post.headers())
                .containsEntry("content-type", "application/json; charset=utf-8")
                .containsEntry("x-atlas-delivery-attempt", "1");
        Map<String, Object> body = post.json();
        assertThat(body)
                .containsEntry("id", post.headers().get("x-atlas-event-id"))
                .containsEntry("deliveryAttempt", 1)
                .containsEntry("kind", "SELECTION_CREATED")
                .containsEntry("subjectType", "TargetSelection")
                .containsEntry("subjectId", id)
                .containsEntry("kabkotaCode", "33.75")
                .containsEntry("rwCodes", rws)
                .containsEntry("state", "DRAFT")
                .containsKey("occurredAt");
        // No person: not even the user who made the change.
        assertThat(body).doesNotContainKey("actor");
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).doesNotContain("camat-utara");
        Map<String, Object> settled = row("gateway", id, "SELECTION_CREATED");
        assertThat(settled).containsEntry("attempts", 1).containsEntry("last_status", 204);
        assertThat(settled.get("delivered_at")).isNotNull();
        assertThat(dispatcher.dispatchDue().attempts())
                .as("nothing left to send")
                .isZero();

        // A change rolled back after publishing its event leaves no row; the same one committed has its row.
        transactions.executeWithoutResult(status -> {
            events.publish(
                    WorkflowEvent.Kind.SELECTION_CREATED, "webhook-test-rolled-back", "33.75", rws, "DRAFT", "test");
            assertThat(rows("webhook-test-rolled-back"))
                    .as("inside the transaction")
                    .isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(rows("webhook-test-rolled-back")).isZero();
        transactions.executeWithoutResult(status -> events.publish(
                WorkflowEvent.Kind.SELECTION_CREATED, "webhook-test-committed", "33.75", rws, "DRAFT", "test"));
        assertThat(rows("webhook-test-committed")).isEqualTo(1);
        // Another kab/kota: the gateway does not want it.
        transactions.executeWithoutResult(status -> events.publish(
                WorkflowEvent.Kind.SELECTION_CREATED,
                "webhook-test-elsewhere",
                "33.74",
                List.of("33.74.01.1001.RW001"),
                "DRAFT",
                "test"));
        assertThat(rows("webhook-test-elsewhere")).isZero();
        dispatcher.dispatchDue();
        withdraw(id, 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttemptAfterTheBackoff() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.pin(t0);
        synchronized (FLAKY_STATUSES) {
            FLAKY_STATUSES.clear();
            FLAKY_STATUSES.add(500);
            FLAKY_STATUSES.add(500);
        }
        String id = create("WebhookOutboxTest: flaky", utaraRws(1));
        submit(id);
        assertThat(rows(id))
                .as("created → gateway; submitted → gateway and flaky")
                .isEqualTo(3);

        assertThat(dispatcher.dispatchDue()).isEqualTo(new WebhookDispatcher.Round(2, 1, 0));
        Map<String, Object> first = row("flaky", id, "SELECTION_SUBMITTED");
        assertThat(first)
                .containsEntry("attempts", 1)
                .containsEntry("last_status", 500)
                .containsEntry("last_error", "HTTP 500");
        Instant t1 = instant(first.get("next_attempt_at"));
        assertThat(Duration.between(t0, t1))
                .isBetween(backoff.base(1), backoff.base(1).multipliedBy(3).dividedBy(2));
        // Not due yet: nothing is sent.
        assertThat(dispatcher.dispatchDue().attempts()).isZero();
        testClock.pin(t1.minusSeconds(1));
        assertThat(dispatcher.dispatchDue().attempts()).isZero();

        testClock.pin(t1);
        assertThat(dispatcher.dispatchDue()).isEqualTo(new WebhookDispatcher.Round(0, 1, 0));
        Map<String, Object> second = row("flaky", id, "SELECTION_SUBMITTED");
        assertThat(second).containsEntry("attempts", 2);
        Instant t2 = instant(second.get("next_attempt_at"));
        assertThat(Duration.between(t1, t2))
                .isBetween(backoff.base(2), backoff.base(2).multipliedBy(3).dividedBy(2));
        assertThat(backoff.base(2)).isEqualTo(backoff.base(1).multipliedBy(2));

        // The dinkes sees it waiting, with the reason.
        Map<String, Object> pending = graphQl.documentName("webhookDeliveries")
                .variable("status", "PENDING")
                .variable("webhook", "flaky")
                .execute()
                .path("webhookDeliveries.edges[0].node")
                .entity(Map.class)
                .get();
        assertThat(pending)
                .containsEntry("subjectId", id)
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 2)
                .containsEntry("lastError", "HTTP 500")
                .containsEntry("nextAttemptAt", t2.toString())
                .containsEntry("eventKind", "SELECTION_SUBMITTED");

        testClock.pin(t2);
        assertThat(dispatcher.dispatchDue()).isEqualTo(new WebhookDispatcher.Round(1, 0, 0));
        Map<String, Object> third = row("flaky", id, "SELECTION_SUBMITTED");
        assertThat(third)
                .containsEntry("attempts", 3)
                .containsEntry("last_status", 204)
                .containsEntry("last_error", null);
        assertThat(instant(third.get("delivered_at"))).isEqualTo(t2);

        List<Received> posts = received("/flaky");
        assertThat(posts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Received post = posts.get(i);
            assertSigned(post, FLAKY_SECRET);
            assertThat(post.headers().get("x-atlas-event-id")).isEqualTo(String.valueOf(third.get("id")));
            assertThat(post.json()).containsEntry("deliveryAttempt", i + 1).containsEntry("subjectId", id);
        }
        assertThat(posts.get(0).headers().get("x-atlas-timestamp")).isEqualTo(String.valueOf(t0.getEpochSecond()));
        assertThat(posts.get(2).headers().get("x-atlas-timestamp")).isEqualTo(String.valueOf(t2.getEpochSecond()));

        Map<String, Object> delivered = graphQl.documentName("webhookDeliveries")
                .variable("status", "DELIVERED")
                .variable("webhook", "flaky")
                .variable("first", 1)
                .execute()
                .path("webhookDeliveries.edges[0].node")
                .entity(Map.class)
                .get();
        assertThat(delivered)
                .containsEntry("id", String.valueOf(third.get("id")))
                .containsEntry("attempts", 3)
                .containsEntry("nextAttemptAt", null)
                .containsEntry("deliveredAt", t2.toString());
        // The Dinkes only.
        assertThat(as("camat-utara")
                        .documentName("webhookDeliveries")
                        .execute()
                        .returnResponse()
                        .getErrors())
                .extracting(e -> e.getErrorType().toString())
                .containsExactly("FORBIDDEN");
        testClock.reset();
        withdraw(id, 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeliveryIsDeadAfterTheLastAttemptAndStaysVisible() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.pin(now);
        synchronized (FLAKY_STATUSES) {
            FLAKY_STATUSES.clear();
            for (int i = 0; i < 10; i++) {
                FLAKY_STATUSES.add(503);
            }
        }
        String id = create("WebhookOutboxTest: dead", utaraRws(1));
        submit(id);
        int maxAttempts = 10;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            WebhookDispatcher.Round round = dispatcher.dispatchDue();
            assertThat(round.failed() + round.dead()).as("attempt %d", attempt).isEqualTo(1);
            Map<String, Object> row = row("flaky", id, "SELECTION_SUBMITTED");
            assertThat(row).containsEntry("attempts", attempt);
            if (attempt < maxAttempts) {
                assertThat(row.get("dead_at")).isNull();
                now = instant(row.get("next_attempt_at"));
                testClock.pin(now);
            } else {
                assertThat(round.dead()).isEqualTo(1);
                assertThat(instant(row.get("dead_at"))).isEqualTo(now);
            }
        }
        testClock.pin(now.plus(Duration.ofDays(30)));
        assertThat(dispatcher.dispatchDue().attempts())
                .as("a DEAD delivery is never retried")
                .isZero();
        assertThat(received("/flaky")).hasSize(maxAttempts);
        Map<String, Object> dead = graphQl.documentName("webhookDeliveries")
                .variable("status", "DEAD")
                .variable("webhook", "flaky")
                .variable("first", 1)
                .execute()
                .path("webhookDeliveries.edges[0].node")
                .entity(Map.class)
                .get();
        assertThat(dead)
                .containsEntry("subjectId", id)
                .containsEntry("status", "DEAD")
                .containsEntry("attempts", 10)
                .containsEntry("lastError", "HTTP 503")
                .containsEntry("lastStatus", 503)
                .containsEntry("deadAt", now.toString())
                .containsEntry("nextAttemptAt", null);
        testClock.reset();
        withdraw(id, 2);
    }

    @Test
    void theOutboxSurvivesARestartAndEachRowIsSentOnceByTwoDispatchers() throws Exception {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            written.add(create("WebhookOutboxTest: before the restart " + i, utaraRws(1)));
        }
        // Written, not sent: as far as these rows go, this application stops here.
        assertThat(received("/gateway")).isEmpty();

        // A second application on the same database (the restarted instance) delivers them, each once.
        Map<String, Object> properties = new LinkedHashMap<>(webhookProperties());
        AtlasDatabase.Settings db = AtlasDatabase.settings();
        properties.put("spring.datasource.url", db.url());
        properties.put("spring.datasource.username", db.username());
        properties.put("spring.datasource.password", db.password());
        properties.put("atlas.privacy.nik-key", TEST_NIK_KEY);
        properties.put("atlas.webhook-delivery.batch-size", "1");
        properties.put("spring.main.banner-mode", "off");
        List<String> concurrent = new ArrayList<>();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(AtlasApplication.class)
                .web(WebApplicationType.NONE)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))) {
            WebhookDispatcher restarted = second.getBean(WebhookDispatcher.class);
            assertThat(restarted.dispatchDue()).isEqualTo(new WebhookDispatcher.Round(3, 0, 0));
            assertThat(received("/gateway"))
                    .extracting(r -> (String) r.json().get("subjectId"))
                    .containsExactlyInAnyOrderElementsOf(written);

            // Both instances dispatch at once (FOR UPDATE SKIP LOCKED and the claim): every row is sent once.
            for (int i = 0; i < 8; i++) {
                concurrent.add(create("WebhookOutboxTest: two dispatchers " + i, utaraRws(1)));
            }
            CompletableFuture<WebhookDispatcher.Round> there = CompletableFuture.supplyAsync(restarted::dispatchDue);
            WebhookDispatcher.Round here = dispatcher.dispatchDue();
            WebhookDispatcher.Round thereRound = there.get(GraphQlWsClient.GUARD.toSeconds(), TimeUnit.SECONDS);
            assertThat(here.delivered() + thereRound.delivered()).isEqualTo(concurrent.size());
        }
        List<String> all = new ArrayList<>(written);
        all.addAll(concurrent);
        assertThat(received("/gateway"))
                .extracting(r -> (String) r.json().get("subjectId"))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(received("/gateway").stream()
                        .map(r -> r.headers().get("x-atlas-event-id"))
                        .distinct())
                .hasSize(all.size());
        assertThat(dispatcher.dispatchDue().attempts()).isZero();
        for (String id : all) {
            withdraw(id, 1);
        }
    }
}
