package id.ilpatlas.api.events;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The wait before the next attempt after {@code n} failed ones: exponential, capped, with jitter, so that many
 * deliveries failing at once (the gateway down) do not come back at the same second:
 * {@code min(maxBackoff, initialBackoff · 2^(n−1)) · (1 + jitter · u)}, u uniform in [0, 1). With the defaults
 * (2 min, 6 h, 0.5, 10 attempts) the nine waits add up to 14.5 h before jitter, about a day with it.
 */
@Component
public class WebhookBackoff {

    private final WebhookDeliveryProperties delivery;
    private final DoubleSupplier random;

    @Autowired
    WebhookBackoff(WebhookDeliveryProperties delivery) {
        this(delivery, () -> ThreadLocalRandom.current().nextDouble());
    }

    WebhookBackoff(WebhookDeliveryProperties delivery, DoubleSupplier random) {
        this.delivery = delivery;
        this.random = random;
    }

    /** The wait before the next attempt, after {@code failedAttempts} (at least 1) failed ones. */
    public Duration delay(int failedAttempts) {
        return delay(failedAttempts, random.getAsDouble());
    }

    /** The wait without jitter (the lower bound of {@link #delay(int)}). */
    public Duration base(int failedAttempts) {
        return delay(failedAttempts, 0);
    }

    private Duration delay(int failedAttempts, double u) {
        int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 30);
        long initialMillis = delivery.initialBackoff().toMillis();
        long maxMillis = delivery.maxBackoff().toMillis();
        long base =
                initialMillis > maxMillis >> doublings ? maxMillis : Math.min(maxMillis, initialMillis << doublings);
        return Duration.ofMillis(Math.round(base * (1 + delivery.jitter() * u)));
    }
}
