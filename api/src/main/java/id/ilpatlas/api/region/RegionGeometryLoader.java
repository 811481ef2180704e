package id.ilpatlas.api.region;

import id.ilpatlas.api.graphql.GeoJson;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Batches every {@code Region.geometry} of a response into one SQL statement per tolerance. */
@Configuration(proxyBeanMethods = false)
class RegionGeometryLoader {

    static final String NAME = "regionGeometry";

    RegionGeometryLoader(BatchLoaderRegistry registry, RegionRepository regions) {
        registry.forTypePair(GeometryRequest.class, GeoJson.class)
                .withName(NAME)
                .registerMappedBatchLoader((requests, env) ->
                        Mono.fromCallable(() -> regions.geometries(requests)).subscribeOn(Schedulers.boundedElastic()));
    }
}
