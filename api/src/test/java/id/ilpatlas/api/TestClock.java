package id.ilpatlas.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's {@link Clock} in the integration tests: the system clock until a test pins it ({@link
 * #pin(LocalDate)}), back to the system clock after each test ({@link IntegrationTest}). One instance serves the whole
 * shared application context; the tests run one at a time.
 */
public final class TestClock extends Clock {

    /** Registers the test clock as the primary {@link Clock} of the shared test context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(new AtomicReference<>(), ClockConfig.SERVICE_ZONE);
        }
    }

    private final AtomicReference<Instant> pinned;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> pinned, ZoneId zone) {
        this.pinned = pinned;
        this.zone = zone;
    }

    /** Stops the clock at 09:00 of that day in Asia/Jakarta. */
    public void pin(LocalDate today) {
        pin(today.atTime(LocalTime.of(9, 0)).atZone(ClockConfig.SERVICE_ZONE).toInstant());
    }

    /** Stops the clock at that instant. */
    public void pin(Instant instant) {
        pinned.set(instant);
    }

    /** Back to the system clock. */
    public void reset() {
        pinned.set(null);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new TestClock(pinned, other);
    }

    @Override
    public Instant instant() {
        Instant at = pinned.get();
        return at == null ? Instant.now() : at;
    }
}
