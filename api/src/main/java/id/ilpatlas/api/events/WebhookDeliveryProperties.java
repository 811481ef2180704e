package id.ilpatlas.api.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How workflow events are posted to the webhooks ({@code atlas.webhook-delivery.*}).
 *
 * @param enabled        the dispatcher polls on its own (tests switch it off and call it)
 * @param pollInterval   pause between two polls of the outbox
 * @param batchSize      rows claimed per poll
 * @param timeout        connect and response timeout of one POST
 * @param maxAttempts    attempts before a delivery is DEAD
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff     longest wait between two attempts (before jitter)
 * @param jitter         random extra wait, as a fraction of the wait (0.5: up to 50 % more)
 */
@ConfigurationProperties("atlas.webhook-delivery")
public record WebhookDeliveryProperties(
        Boolean enabled,
        Duration pollInterval,
        Integer batchSize,
        Duration timeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Double jitter) {

    public WebhookDeliveryProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        batchSize = batchSize == null || batchSize < 1 ? 20 : batchSize;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 10 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMinutes(2) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofHours(6) : maxBackoff;
        jitter = jitter == null || jitter < 0 ? 0.5 : jitter;
    }

    /** How long a claimed row stays reserved for the dispatcher sending it (longer than any one POST: 2 × timeout). */
    Duration claim() {
        return timeout.multipliedBy(3).plusSeconds(30);
    }
}
