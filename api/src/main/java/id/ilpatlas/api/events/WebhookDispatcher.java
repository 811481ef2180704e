package id.ilpatlas.api.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts the {@link WebhookOutbox} rows to their webhooks: every {@code atlas.webhook-delivery.poll-interval} it claims
 * the due rows of the configured webhooks ({@code FOR UPDATE SKIP LOCKED}, so two instances of the app never send the
 * same row at once) and POSTs each as signed JSON ({@link WebhookSignature}) with the JDK HttpClient, bounded by
 * {@code timeout}. A 2xx answer settles it as delivered; anything else (another status, a timeout, a refused
 * connection) is retried after {@link WebhookBackoff}, until {@code max-attempts}, then it is DEAD (kept, visible in
 * {@code webhookDeliveries}). Delivery is at least once: a receiver deduplicates by {@code X-Atlas-Event-Id}.
 *
 * <p>Metrics: {@code atlas.webhook.deliveries} (counter; tags {@code webhook}, {@code outcome} = delivered, failed,
 * dead) and {@code atlas.webhook.outbox} (gauge; tag {@code status} = pending, dead; refreshed at each poll).
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookOutbox outbox;
    private final WebhookProperties webhooks;
    private final WebhookDeliveryProperties delivery;
    private final WebhookBackoff backoff;
    private final Clock clock;
    private final MeterRegistry registry;
    /**
     * Made on the first delivery: building a JDK HttpClient loads the TLS stack and the trust store and starts a
     * selector thread (~1.4 s of the start-up on a busy 2-core machine, 2 % of it), which a server without webhooks (the
     * default) never needs.
     */
    private volatile HttpClient http;

    private final Map<String, WebhookProperties.Webhook> byName;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private volatile ScheduledExecutorService scheduler;

    WebhookDispatcher(
            WebhookOutbox outbox,
            WebhookProperties webhooks,
            WebhookDeliveryProperties delivery,
            WebhookBackoff backoff,
            Clock clock,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.delivery = delivery;
        this.backoff = backoff;
        this.clock = clock;
        this.registry = registry;
        this.byName = webhooks.webhooks().stream()
                .collect(Collectors.toMap(
                        WebhookProperties.Webhook::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Gauge.builder("atlas.webhook.outbox", pending, AtomicLong::get)
                .tag("status", "pending")
                .description("Webhook deliveries waiting to be sent (at the last poll)")
                .register(registry);
        Gauge.builder("atlas.webhook.outbox", dead, AtomicLong::get)
                .tag("status", "dead")
                .description("Webhook deliveries given up after the last attempt")
                .register(registry);
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(delivery.timeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** What one poll did. */
    public record Round(int delivered, int failed, int dead) {
        public int attempts() {
            return delivered + failed + dead;
        }
    }

    /** Claims the due rows and posts them, once; returns what happened. */
    public Round dispatchDue() {
        if (byName.isEmpty()) {
            return new Round(0, 0, 0);
        }
        int delivered = 0;
        int failed = 0;
        int died = 0;
        List<WebhookOutbox.Claimed> claimed;
        do {
            Instant now = clock.instant();
            claimed = outbox.claimDue(
                    List.copyOf(byName.keySet()), now, now.plus(delivery.claim()), delivery.batchSize());
            for (WebhookOutbox.Claimed row : claimed) {
                switch (send(row)) {
                    case DELIVERED -> delivered++;
                    case PENDING -> failed++;
                    case DEAD -> died++;
                }
            }
        } while (claimed.size() == delivery.batchSize());
        Map<WebhookOutbox.Status, Long> counts = outbox.counts();
        pending.set(counts.get(WebhookOutbox.Status.PENDING));
        dead.set(counts.get(WebhookOutbox.Status.DEAD));
        return new Round(delivered, failed, died);
    }

    private WebhookOutbox.Status send(WebhookOutbox.Claimed row) {
        WebhookProperties.Webhook webhook = byName.get(row.webhook());
        int attempt = row.attempts() + 1;
        byte[] body = body(row, attempt);
        Instant sentAt = clock.instant();
        long timestamp = sentAt.getEpochSecond();
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook.url())
                    .timeout(delivery.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "ilp-atlas-webhooks")
                    .header(WebhookSignature.EVENT_ID, String.valueOf(row.id()))
                    .header(WebhookSignature.TIMESTAMP, String.valueOf(timestamp))
                    .header(WebhookSignature.ATTEMPT, String.valueOf(attempt))
                    .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(webhook.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            // The request timeout bounds the wait for the status line; the whole exchange (a receiver dribbling its
            // body) is bounded here too.
            CompletableFuture<HttpResponse<Void>> exchange =
                    http().sendAsync(request, HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> response;
            try {
                response = exchange.get(delivery.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exchange.cancel(true);
                throw new HttpTimeoutException(
                        "no complete answer within " + delivery.timeout().multipliedBy(2));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io
                        ? io
                        : new IOException(String.valueOf(e.getCause()), e.getCause());
            }
            status = response.statusCode();
            if (status / 100 == 2) {
                outbox.delivered(row.id(), clock.instant(), status);
                count(webhook, "delivered");
                return WebhookOutbox.Status.DELIVERED;
            }
            error = "HTTP " + status;
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted (the application is stopping)";
        }
        Instant now = clock.instant();
        boolean last =
                outbox.failed(row.id(), now, now.plus(backoff.delay(attempt)), status, error, delivery.maxAttempts());
        count(webhook, last ? "dead" : "failed");
        if (last) {
            log.warn(
                    "webhook {}: delivery {} is DEAD after {} attempts ({})", webhook.name(), row.id(), attempt, error);
        } else {
            log.info(
                    "webhook {}: delivery {} attempt {} failed ({}); retried later",
                    webhook.name(),
                    row.id(),
                    attempt,
                    error);
        }
        return last ? WebhookOutbox.Status.DEAD : WebhookOutbox.Status.PENDING;
    }

    /** The stored event with the delivery's {@code id} and {@code deliveryAttempt} first. */
    @SuppressWarnings("unchecked")
    private static byte[] body(WebhookOutbox.Claimed row, int attempt) {
        Map<String, Object> event = JSON.readValue(row.eventJson(), Map.class);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", String.valueOf(row.id()));
        json.put("deliveryAttempt", attempt);
        for (String key :
                List.of("kind", "subjectType", "subjectId", "kabkotaCode", "rwCodes", "state", "occurredAt")) {
            json.put(key, event.get(key));
        }
        return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    }

    private void count(WebhookProperties.Webhook webhook, String outcome) {
        Counter.builder("atlas.webhook.deliveries")
                .description("Webhook delivery attempts, by outcome")
                .tag("webhook", webhook.name())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private void poll() {
        try {
            Round round = dispatchDue();
            if (round.attempts() > 0) {
                log.debug(
                        "webhooks: {} delivered, {} to retry, {} dead",
                        round.delivered(),
                        round.failed(),
                        round.dead());
            }
        } catch (RuntimeException e) {
            log.warn("webhook dispatch failed; next poll in {}: {}", delivery.pollInterval(), e.toString());
        }
    }

    @Override
    public void start() {
        if (!delivery.enabled() || byName.isEmpty()) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, delivery.pollInterval().toMillis());
        executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        scheduler = executor;
        log.info(String.format(
                Locale.ROOT,
                "webhook dispatcher: %d webhook(s) %s, polling every %s",
                byName.size(),
                byName.keySet(),
                delivery.pollInterval()));
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdown();
            try {
                // A POST in flight ends within the timeout; its row is settled, or retried after its claim.
                executor.awaitTermination(delivery.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
