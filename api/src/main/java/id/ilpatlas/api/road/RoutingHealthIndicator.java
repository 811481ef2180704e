package id.ilpatlas.api.road;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The health component {@code routing} (in {@code /actuator/health} and the readiness group): always UP, since the
 * application serves without pgRouting, with the status description saying whether road routing is available and,
 * when not, why ({@link PgRouting#unavailableReason()}). The description is shown to every caller (the details are
 * not); it names no secret. UNKNOWN while the database cannot be asked (the {@code db} component reports that).
 */
@Component
class RoutingHealthIndicator implements HealthIndicator {

    private final PgRouting pgRouting;

    RoutingHealthIndicator(PgRouting pgRouting) {
        this.pgRouting = pgRouting;
    }

    @Override
    public Health health() {
        try {
            String version = pgRouting.version();
            if (version != null) {
                String description = "road routing available (pgRouting " + version + ")";
                return Health.status(new Status(Status.UP.getCode(), description))
                        .withDetail("available", true)
                        .withDetail("pgroutingVersion", version)
                        .build();
            }
            String reason = pgRouting.unavailableReason();
            return Health.status(new Status(Status.UP.getCode(), reason))
                    .withDetail("available", false)
                    .withDetail("reason", reason)
                    .build();
        } catch (DataAccessException e) {
            return Health.status(new Status(
                            Status.UNKNOWN.getCode(),
                            "cannot tell whether road routing is available: the database does not answer"))
                    .build();
        }
    }
}
