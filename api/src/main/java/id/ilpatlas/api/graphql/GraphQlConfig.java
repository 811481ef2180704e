package id.ilpatlas.api.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Shared GraphQL wiring: custom scalars. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfig {

    @Bean
    RuntimeWiringConfigurer atlasScalars(JsonMapper jsonMapper) {
        return wiring -> wiring.scalar(GeoJsonScalar.create(jsonMapper))
                .scalar(TimeScalars.date())
                .scalar(TimeScalars.localTime());
    }
}
