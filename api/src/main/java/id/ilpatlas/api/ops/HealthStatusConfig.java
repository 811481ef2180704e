package id.ilpatlas.api.ops;

import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The overall status of {@code /actuator/health} and its groups is the code alone (default order: DOWN,
 * OUT_OF_SERVICE, UP, UNKNOWN). Spring Boot's aggregator returns one of the components' own {@link Status} objects,
 * so a component's description (e.g. {@code routing}'s "road routing needs the pgrouting extension ...") would also
 * appear as the description of the whole application.
 */
@Configuration(proxyBeanMethods = false)
class HealthStatusConfig {

    @Bean
    StatusAggregator statusCodeAggregator() {
        StatusAggregator order = StatusAggregator.getDefault();
        return statuses -> new Status(order.getAggregateStatus(statuses).getCode());
    }
}
