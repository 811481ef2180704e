package id.ilpatlas.api.ops;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DefaultDataFetcherObservationConvention;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * The GraphQL observations: one {@code graphql.request} per operation (tagged by {@link GraphQlOperationNameConvention})
 * and one {@code graphql.dataloader} per batch, but no {@code graphql.datafetcher} observation per field. Spring's
 * default observed every non-trivial field of every item: a registry walk of 442 facilities started and stopped
 * ~900 observations (a timer each) per request, about a tenth of the request's CPU, for a metric nobody reads (the
 * slow field of a request is in the log: {@link SlowFieldLog}). Replaces Boot's bean of the same type.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlObservations {

    @Bean
    GraphQlObservationInstrumentation graphQlObservationInstrumentation(
            ObjectProvider<ObservationRegistry> registry, GraphQlOperationNameConvention convention) {
        return new GraphQlObservationInstrumentation(
                registry.getIfAvailable(() -> ObservationRegistry.NOOP),
                convention,
                new DefaultDataFetcherObservationConvention()) {
            @Override
            public DataFetcher<?> instrumentDataFetcher(
                    DataFetcher<?> fetcher,
                    InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                return fetcher;
            }
        };
    }
}
