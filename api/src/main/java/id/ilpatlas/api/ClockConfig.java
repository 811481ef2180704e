package id.ilpatlas.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "Now" for the application: the system clock in {@value #SERVICE_ZONE_ID}, the zone in which a service day (a
 * Pusling visit) is "today" or "past". Inject {@link Clock} instead of calling {@code LocalDate.now()}, so that tests
 * pin the date.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    /** The zone of service days. */
    public static final String SERVICE_ZONE_ID = "Asia/Jakarta";

    public static final ZoneId SERVICE_ZONE = ZoneId.of(SERVICE_ZONE_ID);

    /** Today in {@value #SERVICE_ZONE_ID}, whatever the zone of {@code clock}: the day a visit is "today" or "past". */
    public static LocalDate serviceToday(Clock clock) {
        return LocalDate.now(clock.withZone(SERVICE_ZONE));
    }

    @Bean
    Clock clock() {
        return Clock.system(SERVICE_ZONE);
    }
}
