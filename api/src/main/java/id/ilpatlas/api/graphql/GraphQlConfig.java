package id.ilpatlas.api.graphql;

import graphql.execution.instrumentation.Instrumentation;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Shared GraphQL wiring: custom scalars, and the instrumentations chained without per-field no-ops. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfig {

    @Bean
    RuntimeWiringConfigurer atlasScalars(JsonMapper jsonMapper) {
        return wiring -> wiring.scalar(GeoJsonScalar.create(jsonMapper))
                .scalar(TimeScalars.date())
                .scalar(TimeScalars.localTime());
    }

    /**
     * The same instrumentation beans, in the same order, as Boot hands to the GraphQL source (which chains them in a
     * plain {@code ChainedInstrumentation}), chained by {@link FieldLeanInstrumentation} instead.
     */
    @Bean
    GraphQlSourceBuilderCustomizer fieldLeanInstrumentation(ObjectProvider<Instrumentation> instrumentations) {
        return builder -> builder.configureGraphQl(graphQl -> {
            List<Instrumentation> chain = instrumentations.orderedStream().toList();
            if (!chain.isEmpty()) {
                graphQl.instrumentation(new FieldLeanInstrumentation(chain));
            }
        });
    }
}
