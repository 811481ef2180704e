package id.ilpatlas.api.events;

import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook outbox ({@code webhook_outbox}): one row per event and configured webhook that wants it, written by
 * {@link #record} in the transaction that publishes the event (the transaction of the change), so a rolled-back change
 * leaves no row and a committed one always has its rows, whatever happens to the process afterwards. The
 * {@link WebhookDispatcher} claims, posts and settles them. The stored event carries no person: kind, subject,
 * state, kab/kota, RWs and time (the actor, a user id, is left out: a gateway has no need of it).
 */
@Component
public class WebhookOutbox {

    /** What becomes of a row. */
    public enum Status {
        PENDING,
        DELIVERED,
        DEAD
    }

    /** A row as the Dinkes sees it ({@code webhookDeliveries}). */
    public record Delivery(
            long id,
            String webhook,
            WorkflowEvent.Kind eventKind,
            String subjectType,
            String subjectId,
            String kabkotaCode,
            Status status,
            int attempts,
            String nextAttemptAt,
            String deliveredAt,
            String deadAt,
            String lastError,
            Integer lastStatus,
            String createdAt) {}

    /** A row claimed for sending. */
    record Claimed(long id, String webhook, String eventJson, int attempts) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final WebhookProperties webhooks;
    private final Clock clock;

    WebhookOutbox(JdbcClient jdbc, WebhookProperties webhooks, Clock clock) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Writes the event's rows, in the publisher's transaction; a failure here fails (and rolls back) the change. */
    @EventListener
    void record(WorkflowEvent event) {
        List<WebhookProperties.Webhook> wanting =
                webhooks.webhooks().stream().filter(w -> w.wants(event)).toList();
        if (wanting.isEmpty()) {
            return;
        }
        String json = JSON.writeValueAsString(eventJson(event));
        OffsetDateTime now = utc(clock.instant());
        for (WebhookProperties.Webhook webhook : wanting) {
            jdbc.sql("""
                            INSERT INTO webhook_outbox (webhook, event, event_kind, kabkota_code, next_attempt_at,
                                                        created_at)
                            VALUES (:webhook, CAST(:event AS jsonb), :kind, :kabkota, :now, :now)""")
                    .param("webhook", webhook.name())
                    .param("event", json)
                    .param("kind", event.kind().name())
                    .param("kabkota", event.kabkotaCode())
                    .param("now", now)
                    .update();
        }
    }

    /** The event as a webhook receives it (before {@code id} and {@code deliveryAttempt} are added). */
    static Map<String, Object> eventJson(WorkflowEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", event.kind().name());
        json.put("subjectType", event.kind().subjectType());
        json.put("subjectId", event.subjectId());
        json.put("kabkotaCode", event.kabkotaCode());
        json.put("rwCodes", event.rwCodes());
        json.put("state", event.state());
        json.put("occurredAt", event.occurredAt().toString());
        return json;
    }

    /**
     * Claims up to {@code limit} due rows of the named webhooks for one dispatcher: the rows are locked with
     * {@code FOR UPDATE SKIP LOCKED} (another dispatcher skips them) and their {@code next_attempt_at} moved to
     * {@code claimUntil}, so nobody else takes them while they are being sent; a dispatcher that dies mid-send leaves
     * them to be retried after the claim.
     */
    List<Claimed> claimDue(List<String> webhookNames, Instant now, Instant claimUntil, int limit) {
        return jdbc.sql("""
                        UPDATE webhook_outbox o SET next_attempt_at = :until
                         WHERE o.id IN (SELECT id FROM webhook_outbox
                                         WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= :now
                                           AND webhook = ANY(CAST(:webhooks AS text[]))
                                         ORDER BY next_attempt_at, id
                                         LIMIT :limit
                                           FOR UPDATE SKIP LOCKED)
                        RETURNING o.id, o.webhook, o.event::text AS event_text, o.attempts""")
                .param("until", utc(claimUntil))
                .param("now", utc(now))
                .param("webhooks", webhookNames.toArray(String[]::new))
                .param("limit", limit)
                .query((rs, n) -> new Claimed(
                        rs.getLong("id"), rs.getString("webhook"), rs.getString("event_text"), rs.getInt("attempts")))
                .list();
    }

    /** The receiver answered 2xx. */
    void delivered(long id, Instant now, int httpStatus) {
        jdbc.sql("""
                        UPDATE webhook_outbox SET attempts = attempts + 1, delivered_at = :now, last_status = :status,
                                                  last_error = NULL
                         WHERE id = :id""")
                .param("id", id)
                .param("now", utc(now))
                .param("status", httpStatus)
                .update();
    }

    /** The attempt failed; true when it was the last one (the row is DEAD now). */
    boolean failed(long id, Instant now, Instant nextAttempt, Integer httpStatus, String error, int maxAttempts) {
        return jdbc.sql("""
                        UPDATE webhook_outbox SET attempts = attempts + 1, last_status = :status, last_error = :error,
                                                  next_attempt_at = :next,
                                                  dead_at = CASE WHEN attempts + 1 >= :max THEN CAST(:now AS timestamptz) END
                         WHERE id = :id
                        RETURNING dead_at IS NOT NULL""")
                .param("id", id)
                .param("now", utc(now))
                .param("next", utc(nextAttempt))
                .param("status", httpStatus)
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .param("max", maxAttempts)
                .query(Boolean.class)
                .single();
    }

    /** Rows waiting (not delivered, not dead) and dead rows, for the metrics. */
    Map<Status, Long> counts() {
        Map<Status, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT count(*) FILTER (WHERE delivered_at IS NULL AND dead_at IS NULL) AS pending,
                               count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead
                          FROM webhook_outbox""").query(rs -> {
            counts.put(Status.PENDING, rs.getLong("pending"));
            counts.put(Status.DEAD, rs.getLong("dead"));
        });
        return counts;
    }

    /** A page of the rows of the caller's kab/kota, newest first. */
    List<Delivery> page(Caller caller, Status status, String webhook, PageRequest page) {
        return jdbc.sql("""
                        SELECT id, webhook, event_kind, event->>'subjectId' AS subject_id, kabkota_code, attempts,
                               next_attempt_at, delivered_at, dead_at, last_error, last_status, created_at
                          FROM webhook_outbox
                         WHERE EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) s
                                        WHERE kabkota_code = s OR kabkota_code LIKE s || '.%')
                           AND (CAST(:webhook AS text) IS NULL OR webhook = :webhook)
                           AND (CAST(:status AS text) IS NULL
                                OR :status = 'PENDING' AND delivered_at IS NULL AND dead_at IS NULL
                                OR :status = 'DELIVERED' AND delivered_at IS NOT NULL
                                OR :status = 'DEAD' AND dead_at IS NOT NULL)
                           AND (CAST(:after AS bigint) IS NULL OR id < CAST(:after AS bigint))
                         ORDER BY id DESC
                         LIMIT :limit""")
                .param("scope", caller.scope().toArray(String[]::new))
                .param("webhook", webhook)
                .param("status", status == null ? null : status.name())
                .param("after", page.afterId())
                .param("limit", page.limitWithLookahead())
                .query(WebhookOutbox::delivery)
                .list();
    }

    private static Delivery delivery(ResultSet rs, int rowNum) throws SQLException {
        WorkflowEvent.Kind kind = WorkflowEvent.Kind.valueOf(rs.getString("event_kind"));
        String delivered = text(rs, "delivered_at");
        String dead = text(rs, "dead_at");
        Status status = delivered != null ? Status.DELIVERED : dead != null ? Status.DEAD : Status.PENDING;
        int lastStatus = rs.getInt("last_status");
        Integer httpStatus = rs.wasNull() ? null : lastStatus;
        return new Delivery(
                rs.getLong("id"),
                rs.getString("webhook"),
                kind,
                kind.subjectType(),
                rs.getString("subject_id"),
                rs.getString("kabkota_code"),
                status,
                rs.getInt("attempts"),
                status == Status.PENDING ? text(rs, "next_attempt_at") : null,
                delivered,
                dead,
                rs.getString("last_error"),
                httpStatus,
                text(rs, "created_at"));
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant().toString();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
